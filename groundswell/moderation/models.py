"""Moderation records: reports, pre-moderation rules, appeals, and the decisions authors are
told about.

Hiding state itself lives on each kind's own model (the standard hiding fields is_hidden,
hidden_cause, hidden_reason, hidden_at, hidden_by: see content.registry.Moderation), so every list
that already filters `is_hidden=False` keeps held and hidden content out.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class HiddenCause(models.TextChoices):
    """Why a piece of content is hidden (its `hidden_cause`); the author is told which."""

    MODERATOR = "moderator", _("Hidden by a moderator")
    REPORTS = "reports", _("Held for review after several reports")
    PREMODERATION = "premoderation", _("Held for review before it appears")


# Hidden until a moderator approves or hides it, rather than hidden by a moderator's decision.
HELD_CAUSES = (HiddenCause.REPORTS, HiddenCause.PREMODERATION)


class Hideable(models.Model):
    """The standard hiding fields of every moderated kind (content.registry.Moderation): a kind's
    model inherits them. Written only by groundswell.moderation.services, under a row lock; the
    author sees the cause and the reason."""

    is_hidden = models.BooleanField(default=False, help_text=_("Hidden by a moderator."))
    hidden_cause = models.CharField(max_length=16, choices=HiddenCause.choices, blank=True)
    hidden_reason = models.TextField(max_length=1000, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True


class Report(models.Model):
    """A member's report about a piece of content (any registered kind) or a profile."""

    class Outcome(models.TextChoices):
        ACTIONED = "actioned", _("Action taken")
        DISMISSED = "dismissed", _("No action needed")

    class Reason(models.TextChoices):
        HARMFUL = "harmful", _("Harmful or abusive")
        PERSONAL_DATA = "personal_data", _("Shares someone's personal details")
        MISINFORMATION = "misinformation", _("Dangerous health misinformation")
        SPAM = "spam", _("Spam or advertising")
        OTHER = "other", _("Something else")

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_made"
    )
    # The content reported (content.models.ContentItem), or None for a profile report.
    item = models.ForeignKey(
        "content.ContentItem",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    profile_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports_received",
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    details = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)

    class Meta:
        # Created by the stories app before reports covered every kind (migration 0005 moved it).
        db_table = "stories_report"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["resolved_at", "created_at"], name="report_queue_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(item__isnull=False, profile_user__isnull=True)
                    | Q(item__isnull=True, profile_user__isnull=False)
                ),
                name="report_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"Report {self.pk}: {self.reason}"


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
    HELD = "held", _("Held for review")
    HIDDEN = "hidden", _("Hidden by a moderator")
    RESTORED = "restored", _("Shown again by a moderator")
    APPROVED = "approved", _("Approved by a moderator")
    APPEAL_UPHELD = "appeal_upheld", _("Appeal turned down: it stays hidden")
    APPEAL_OVERTURNED = "appeal_overturned", _("Appeal accepted: it is shown again")


class ModerationDecision(models.Model):
    """What happened to a story or comment and why, in words its author is shown.

    The audit log records the same actions for administrators; this is the author's view, so it
    never names the moderator.
    """

    # The content it is about (content.models.ContentItem: a story, a comment, any kind).
    item = models.ForeignKey("content.ContentItem", on_delete=models.CASCADE, related_name="+")
    action = models.CharField(max_length=20, choices=DecisionAction.choices)
    reason = models.TextField(max_length=1000, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["item", "created_at"], name="decision_item_idx")]

    def __str__(self) -> str:
        return f"{self.action} on item {self.item_id}"


class AppealStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a moderator")
    UPHELD = "upheld", _("Turned down")
    OVERTURNED = "overturned", _("Accepted")


class Appeal(models.Model):
    """An author asks for a hidden story or comment to be looked at again: once per hiding."""

    # The content it is about (content.models.ContentItem: a story, a comment, any kind).
    item = models.ForeignKey("content.ContentItem", on_delete=models.CASCADE, related_name="+")
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
            models.UniqueConstraint(fields=["item", "hidden_at"], name="appeal_once_per_hiding"),
        ]

    def __str__(self) -> str:
        return f"Appeal {self.pk} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == AppealStatus.OPEN

    @property
    def target(self) -> Any:
        """The story, comment or other content appealed (its kind's own object)."""
        return self.item.target
