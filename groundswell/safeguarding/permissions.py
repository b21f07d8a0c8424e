"""Who may see safeguarding alerts. Plain predicates, testable without HTTP."""

from __future__ import annotations

from typing import Any


def can_handle_alerts(user: Any) -> bool:
    """Moderators and administrators: the alerts show what people wrote in a crisis."""
    return bool(user.is_authenticated and getattr(user, "is_moderator", False))
