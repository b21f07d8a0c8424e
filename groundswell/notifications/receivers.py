"""Connected in NotificationsConfig.ready(): the data export and account deletion."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


def connect() -> None:
    from groundswell.notifications import privacy
    from groundswell.privacy import signals as privacy_signals

    privacy_signals.register_export_section(
        "notifications",
        privacy.export_notifications,
        description=_("The notifications the site sent you, and whether you read them."),
    )
    privacy_signals.register_export_section(
        "notification_preferences",
        privacy.export_preferences,
        description=_("How you chose to hear about each kind of notification."),
    )
    privacy_signals.account_deleting.connect(
        _account_deleting, dispatch_uid="notifications_account_deleting"
    )


def _account_deleting(sender: Any, user: Any, **kwargs: Any) -> None:
    from groundswell.notifications import privacy

    privacy.erase_for_user(user)
