from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class AlertQuerySet(models.QuerySet["SafeguardingAlert"]):
    def open(self) -> AlertQuerySet:
        return self.filter(acknowledged_at__isnull=True)


class SafeguardingAlert(models.Model):
    """A published story or comment used crisis language, so a moderator should look.

    Holds no copy of what was written: the page shows the post itself, so when the author
    withdraws or deletes it, the words go with it.
    """

    story = models.ForeignKey(
        "stories.Story", on_delete=models.CASCADE, related_name="safeguarding_alerts"
    )
    comment = models.ForeignKey(
        "stories.Comment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="safeguarding_alerts",
    )
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
            # One open alert per story and per comment: publishing again adds to it.
            models.UniqueConstraint(
                fields=["story"],
                condition=Q(comment__isnull=True, acknowledged_at__isnull=True),
                name="safeguarding_one_open_per_story",
            ),
            models.UniqueConstraint(
                fields=["comment"],
                condition=Q(comment__isnull=False, acknowledged_at__isnull=True),
                name="safeguarding_one_open_per_comment",
            ),
        ]

    def __str__(self) -> str:
        return f"Safeguarding alert {self.pk} on story {self.story_id}"

    @property
    def is_open(self) -> bool:
        return self.acknowledged_at is None
