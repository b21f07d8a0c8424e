"""Connected in MessagingConfig.ready(): the data export and account deletion."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


def connect() -> None:
    from groundswell.messaging import privacy
    from groundswell.privacy import signals as privacy_signals

    privacy_signals.register_export_section(
        "messages",
        privacy.export_messages,
        description=_(
            "The messages you sent and received, with the name each sender is shown under."
        ),
    )
    privacy_signals.account_deleting.connect(
        _account_deleting, dispatch_uid="messaging_account_deleting"
    )


def _account_deleting(sender: Any, user: Any, **kwargs: Any) -> None:
    from groundswell.messaging import services

    services.erase_for_user(user)
