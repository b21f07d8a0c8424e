"""Who may see and change a notification: its recipient, nobody else (staff included)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from groundswell.notifications.models import Notification


def can_see(user: Any, notification: Notification) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and notification.recipient_id == user.pk


def get_notification_for_user(user: Any, notification_id: int) -> Notification:
    """The person's own notification; 404 for anyone else's (whether it exists is private)."""
    notification = Notification.objects.filter(pk=notification_id).first()
    if notification is None or not can_see(user, notification):
        raise Http404("No such notification.")
    return notification
