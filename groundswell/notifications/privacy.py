"""The person's notifications and choices in "Download my data", and their erasure."""

from __future__ import annotations

from typing import Any

from groundswell.notifications import preferences, registry, selectors
from groundswell.notifications.models import (
    Digest,
    Notification,
    NotificationPreference,
    NotificationSettings,
)


def export_notifications(user: Any) -> list[dict[str, Any]]:
    """What the site told the person, as they would see it now (titles only of what they may
    still see), without the ids of anyone else."""
    rows = Notification.objects.filter(recipient=user).order_by("created_at", "id")
    return [
        {
            "type": e.notification.type_key,
            "text": e.text,
            "about": e.title,
            "link": e.url,
            "sent_at": e.notification.created_at,
            "shown_in_site": e.notification.in_site,
            "read_at": e.notification.read_at,
            "emailed_at": e.notification.emailed_at,
        }
        for e in selectors.entries(rows, user)
    ]


def export_preferences(user: Any) -> list[dict[str, Any]]:
    choices = preferences.choices_for(user)
    emails_off = NotificationSettings.objects.filter(user=user, emails_off=True).exists()
    rows: list[dict[str, Any]] = [
        {
            "type": key,
            "label": registry.get_type(key).label,
            "in_site": choice.in_site,
            "email": choice.email,
            "all_emails_off": emails_off,
        }
        for key, choice in choices.items()
    ]
    return rows


def erase_for_user(user: Any) -> None:
    """Inside the account deletion: the person's notifications, choices and summaries go, and
    notifications others got about what they did forget who they were."""
    Notification.objects.filter(recipient=user).delete()
    Notification.objects.filter(actor=user).update(actor=None, actor_label="")
    NotificationPreference.objects.filter(user=user).delete()
    NotificationSettings.objects.filter(user=user).delete()
    Digest.objects.filter(user=user).delete()
