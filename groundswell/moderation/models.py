"""Moderation records: pre-moderation rules, appeals, and the decisions authors are told about.

Hiding state itself lives on Story and Comment (is_hidden, hidden_cause, hidden_reason...), so
every list that already filters `is_hidden=False` keeps held and hidden content out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from groundswell.stories.models import Comment, Story


class PreModerationRule(models.Model):
    """New members' stories in this place (and the places below it) or topic wait for review."""

    place = models.OneToOneField(
        "places.Place", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    topic = models.OneToOneField(
        "topics.Topic", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True, help_text="Why, for other moderators.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(place__isnull=False, topic__isnull=True)
                | Q(place__isnull=True, topic__isnull=False),
                name="premoderation_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"Pre-moderation for {self.place or self.topic}"


class DecisionAction(models.TextChoices):
    HELD = "held", "Held for review"
    HIDDEN = "hidden", "Hidden by a moderator"
    RESTORED = "restored", "Shown again by a moderator"
    APPROVED = "approved", "Approved by a moderator"
    APPEAL_UPHELD = "appeal_upheld", "Appeal turned down: it stays hidden"
    APPEAL_OVERTURNED = "appeal_overturned", "Appeal accepted: it is shown again"


class ModerationDecision(models.Model):
    """What happened to a story or comment and why, in words its author is shown.

    The audit log records the same actions for administrators; this is the author's view, so it
    never names the moderator.
    """

    story = models.ForeignKey(
        "stories.Story", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    comment = models.ForeignKey(
        "stories.Comment", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    action = models.CharField(max_length=20, choices=DecisionAction.choices)
    reason = models.TextField(max_length=1000, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["story", "created_at"], name="decision_story_idx"),
            models.Index(fields=["comment", "created_at"], name="decision_comment_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(story__isnull=False, comment__isnull=True)
                | Q(story__isnull=True, comment__isnull=False),
                name="decision_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action} on {'story ' + str(self.story_id) if self.story_id else 'comment ' + str(self.comment_id)}"


class AppealStatus(models.TextChoices):
    OPEN = "open", "Waiting for a moderator"
    UPHELD = "upheld", "Turned down"
    OVERTURNED = "overturned", "Accepted"


class Appeal(models.Model):
    """An author asks for a hidden story or comment to be looked at again: once per hiding."""

    story = models.ForeignKey(
        "stories.Story", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    comment = models.ForeignKey(
        "stories.Comment", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_appeals"
    )
    # The hiding this appeal is about: an author can appeal each hiding once.
    hidden_at = models.DateTimeField()
    message = models.TextField(max_length=2000)
    status = models.CharField(
        max_length=12, choices=AppealStatus.choices, default=AppealStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.TextField(max_length=1000, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"], name="appeal_queue_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(story__isnull=False, comment__isnull=True)
                | Q(story__isnull=True, comment__isnull=False),
                name="appeal_one_target",
            ),
            models.UniqueConstraint(
                fields=["story", "hidden_at"],
                condition=Q(story__isnull=False),
                name="appeal_once_per_story_hiding",
            ),
            models.UniqueConstraint(
                fields=["comment", "hidden_at"],
                condition=Q(comment__isnull=False),
                name="appeal_once_per_comment_hiding",
            ),
        ]

    def __str__(self) -> str:
        return f"Appeal {self.pk} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == AppealStatus.OPEN

    @property
    def item(self) -> Story | Comment:
        """The story or comment appealed (the check constraint guarantees exactly one)."""
        item = self.story or self.comment
        if item is None:
            raise ValueError(f"Appeal {self.pk} has no story or comment.")
        return item
