"""Notifications, each person's choices about them, and the digests sent.

A notification points at what it is about in one of two ways: a piece of content
(`target_item`, a content.ContentItem: its title and link are worked out when the inbox is shown,
through the content registry, so a hidden or withdrawn story never shows its title to someone
who may no longer see it), or a page that is not content (a person, an organisation) by
`target_url` and `target_label`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EmailDelivery(models.TextChoices):
    IMMEDIATE = "immediate", _("Straight away")
    DAILY = "daily", _("In a daily summary")
    WEEKLY = "weekly", _("In a weekly summary")
    NEVER = "never", _("Never")


class DigestPeriod(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"


class NotificationQuerySet(models.QuerySet["Notification"]):
    def in_inbox(self) -> NotificationQuerySet:
        return self.filter(in_site=True)

    def unread(self) -> NotificationQuerySet:
        return self.filter(in_site=True, read_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    type_key = models.CharField(max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The name the actor is shown under where they acted (a comment's byline), fixed when sent.
    actor_label = models.CharField(max_length=150, blank=True)
    target_item = models.ForeignKey(
        "content.ContentItem",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # For targets that are not content (a person, an organisation), or a place within the
    # content's page ("#comment-12"), a site path.
    target_url = models.CharField(max_length=500, blank=True)
    target_label = models.CharField(max_length=200, blank=True)
    # One notification per key and person (a reaction taken back and given again).
    dedupe_key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Shown in the site's inbox (the person's choice when it was sent).
    in_site = models.BooleanField(default=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # How it is to be emailed ("immediate", "daily", "weekly"), or "" for no email. The digest
    # job moves it when the person changed their choice since it was sent.
    email_delivery = models.CharField(max_length=10, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    digest = models.ForeignKey(
        "notifications.Digest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notif_inbox_idx"),
            models.Index(
                fields=["recipient"],
                condition=Q(in_site=True, read_at__isnull=True),
                name="notif_unread_idx",
            ),
            models.Index(
                fields=["email_delivery", "recipient"],
                condition=Q(emailed_at__isnull=True) & ~Q(email_delivery=""),
                name="notif_email_pending_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="notif_once_per_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.type_key} for {self.recipient_id}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationPreference(models.Model):
    """A person's choice for one type. No row: the type's defaults."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    type_key = models.CharField(max_length=40)
    in_site = models.BooleanField(default=True)
    email = models.CharField(max_length=10, choices=EmailDelivery.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "type_key"], name="notif_pref_once_per_type")
        ]

    def __str__(self) -> str:
        return f"{self.type_key}: {self.email}"


class NotificationSettings(models.Model):
    """Choices across every type: "no notification emails at all" (one-click unsubscribe)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    emails_off = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Notification settings of {self.user_id}"


class Digest(models.Model):
    """One summary email per person and period. The unique row is the claim: a second run, or
    a second worker at the same moment, cannot create it again, so nobody gets two."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_digests"
    )
    period = models.CharField(max_length=10, choices=DigestPeriod.choices)
    # The day ("2026-12-03") or ISO week ("2026-W49") it covers, in the site's time zone.
    period_key = models.CharField(max_length=10)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    item_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "period", "period_key"], name="digest_once_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period} digest {self.period_key} for {self.user_id}"
