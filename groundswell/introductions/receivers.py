"""Connected from IntroductionsConfig.ready(): notification types, the API routes, the data
export and account erasure."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


def connect() -> None:
    from groundswell.api.routers import register_router
    from groundswell.introductions import notifying, privacy
    from groundswell.introductions.api import router
    from groundswell.privacy import signals as privacy_signals

    notifying.register_types()
    register_router(router)
    privacy_signals.register_export_section(
        "introductions",
        privacy.export_introductions,
        description=_(
            "The introductions you made and those you were introduced in, with your own answers."
        ),
    )
    privacy_signals.account_deleting.connect(
        _account_deleting, dispatch_uid="introductions_account_deleting"
    )


def _account_deleting(sender: Any, user: Any, **kwargs: Any) -> None:
    from groundswell.introductions import services

    services.erase_for_user(user)
