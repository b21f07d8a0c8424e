"""Signed links that turn notification emails off without signing in (RFC 8058 one-click).

The token names the person and the type ("" for every notification email) and is signed with
SECRET_KEY under its own salt; it expires after NOTIFICATIONS_UNSUBSCRIBE_DAYS. It can only ever
turn emails off, so a leaked link can do no more than that.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

SALT = "groundswell.notifications.unsubscribe"


@dataclass(frozen=True)
class Unsubscribe:
    user_id: int
    type_key: str  # "" means every notification email


def make_token(*, user_id: int, type_key: str = "") -> str:
    return signing.dumps({"u": user_id, "t": type_key}, salt=SALT, compress=True)


def max_age_seconds() -> int:
    return int(getattr(settings, "NOTIFICATIONS_UNSUBSCRIBE_DAYS", 90)) * 24 * 60 * 60


def read_token(token: str) -> Unsubscribe | None:
    """The request in a token, or None when it was altered, is not ours, or has expired."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age_seconds())
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict):
        return None
    user_id, type_key = data.get("u"), data.get("t", "")
    if not isinstance(user_id, int) or not isinstance(type_key, str):
        return None
    return Unsubscribe(user_id=user_id, type_key=type_key)
