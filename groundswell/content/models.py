"""One concrete row per piece of content, whatever its kind.

Reactions, reports, follows, moderation decisions, appeals, safeguarding alerts and search
documents point at a ContentItem with one ordinary foreign key, so a new kind of content
(an offer, an asset, a proposal...) adds no column to any of them: it gives its own model an
`item = models.OneToOneField("content.ContentItem", on_delete=models.CASCADE, related_name="+")`
and registers a ContentKind (registry.py).

Why a concrete row rather than a content type + object id: the database enforces it (a real
foreign key with CASCADE, uniqueness such as one reaction per person per item), joins and
`select_related` work, and deleting the item removes everything that points at it.

The row holds only what shared apps filter by without loading the kind: which kind it is, who
wrote it, and when. Everything else (visibility, byline, title, hiding) stays on the kind's own
model and is reached through the kind's manifest.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    """Who may see a piece of content, for every kind that offers the choice (stories, offers and
    needs, assets); search documents hold the same values."""

    PUBLIC = "public", _("Everyone, including people who are not signed in")
    MEMBERS = "members", _("Signed-in members only")


class ContentItem(models.Model):
    # The registered key (registry.ContentKind.key): "story", "comment", ...
    kind = models.CharField(max_length=20)
    # Who wrote it, for the shared apps' per-person questions (a member's reports against their
    # own content, export, erasure) without loading the kind. Null once the account is gone or
    # for content a person did not write (later: posted by an organisation whose member left).
    # Never shown: bylines come from the kind (a pseudonymous story's author stays private).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="content_items",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "id"], name="contentitem_kind_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"

    @property
    def target(self) -> Any:
        """The kind's own object (a Story, a Comment...), or None if it is gone.

        Each kind's `item` field is declared with its model's name as related_name ("story"), so
        the object is the reverse accessor named after its model: `select_related("item__story")` loads it with
        the item, and this reads it without a query."""
        from groundswell.content import registry

        try:
            kind = registry.get(self.kind)
        except registry.UnknownKind:
            return None
        return getattr(self, kind.model._meta.model_name or kind.key, None)


class WithItemsQuerySet(models.QuerySet[Any]):
    """For a kind's model: `bulk_create` gives every new row its content item first (saving one
    row at a time does it in the model's save()), so no row of a kind is ever without one."""

    item_kind = ""

    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[Any]:
        objs = list(objs)
        missing = [obj for obj in objs if obj.item_id is None]
        if missing:
            items = ContentItem.objects.bulk_create(
                [ContentItem(kind=self.item_kind, author_id=obj.author_id) for obj in missing],
                batch_size=kwargs.get("batch_size"),
            )
            for obj, item in zip(missing, items, strict=True):
                obj.item = item
        return super().bulk_create(objs, *args, **kwargs)
