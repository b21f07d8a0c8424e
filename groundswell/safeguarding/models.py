from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class AlertQuerySet(models.QuerySet["SafeguardingAlert"]):
    def open(self) -> AlertQuerySet:
        return self.filter(acknowledged_at__isnull=True)


class SafeguardingAlert(models.Model):
    """Someone used crisis language, so a moderator should look.

    Either published content (`item`: a story, a comment, any kind) or something private
    (`source`, e.g. "message": a direct message, whose words moderators may not read), from
    `person`. Holds no copy of what was written: the page shows the post itself, so when the
    author withdraws or deletes it, the words go with it.
    """

    item = models.ForeignKey(
        "content.ContentItem",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="safeguarding_alerts",
    )
    # Who wrote it: for published content its author, for private sources the sender. Kept
    # so a moderator can contact them (messages), never shown to anyone else.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="safeguarding_alerts",
    )
    # "" for published content; where a private text was written ("message") otherwise.
    source = models.CharField(max_length=20, blank=True)
    kinds = models.JSONField(default=list, help_text="What was found: suicide, self_harm, abuse.")
    is_high = models.BooleanField(
        default=False, help_text="First-person intent or danger, not only a mention."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(
        max_length=1000, blank=True, help_text="What the moderator did. No health details."
    )

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["acknowledged_at", "created_at"], name="safeguarding_queue_idx")
        ]
        constraints = [
            # One open alert per piece of content, and per person and private source:
            # publishing (or writing) again adds to it.
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(item__isnull=False, acknowledged_at__isnull=True),
                name="safeguarding_one_open_per_item",
            ),
            models.UniqueConstraint(
                fields=["person", "source"],
                condition=Q(item__isnull=True, acknowledged_at__isnull=True),
                name="safeguarding_one_open_per_private_source",
            ),
            models.CheckConstraint(
                condition=Q(item__isnull=False, source="")
                | Q(item__isnull=True, person__isnull=False) & ~Q(source=""),
                name="safeguarding_content_or_private",
            ),
        ]

    def __str__(self) -> str:
        return f"Safeguarding alert {self.pk} on item {self.item_id or self.source}"

    @property
    def is_open(self) -> bool:
        return self.acknowledged_at is None


class HelplineQuerySet(models.QuerySet["Helpline"]):
    def active(self) -> HelplineQuerySet:
        return self.filter(is_active=True)

    def national(self) -> HelplineQuerySet:
        return self.filter(place__isnull=True)


class Helpline(models.Model):
    """A service shown to someone whose words suggest they may need support (the publish page,
    after a comment or message). National ones (no place) are shown to everyone; one for a place
    is shown as well to people in that place or below it. Read through selectors.helplines_for,
    which keeps them in memory."""

    name = models.CharField(max_length=120)
    contact = models.CharField(
        max_length=200,
        help_text="How to reach it, in words: 'Call 116 123', 'Text SHOUT to 85258'.",
    )
    description = models.CharField(max_length=400, blank=True)
    place = models.ForeignKey(
        "places.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = HelplineQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(place__isnull=True),
                name="helpline_national_name_once",
            ),
            models.UniqueConstraint(fields=["place", "name"], name="helpline_local_name_once"),
        ]

    def __str__(self) -> str:
        return self.name
