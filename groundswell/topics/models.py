from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.db.models import Q, QuerySet


class TopicQuerySet(QuerySet["Topic"]):
    def current(self) -> TopicQuerySet:
        """Topics still offered for new stories and profiles (not retired or merged)."""
        return self.filter(retired_at__isnull=True)

    def for_choice(self, *, keep: Iterable[Topic | int | None] = ()) -> TopicQuerySet:
        """Topics to offer in a form: the current ones, plus `keep` (the topics the thing being
        edited already has, even if since retired) so saving the form does not drop them."""
        kept = [
            item.pk if isinstance(item, models.Model) else item for item in keep if item is not None
        ]
        if not kept:
            return self.current()
        return self.filter(Q(retired_at__isnull=True) | Q(pk__in=kept))


class Topic(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=90, unique=True)
    description = models.CharField(max_length=300, blank=True)
    # A retired topic is no longer offered; stories tagged with it keep it. A merged topic is
    # retired too, its stories moved to `merged_into`, and its address leads there.
    retired_at = models.DateTimeField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None
