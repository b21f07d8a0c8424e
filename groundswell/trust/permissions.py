"""Who may manage trust levels and verifications. Plain predicates, testable without HTTP."""

from __future__ import annotations

from typing import Any

from groundswell.accounts.models import Profile
from groundswell.accounts.permissions import can_see_field


def can_manage_trust(user: Any) -> bool:
    """Moderators and administrators; organisers run the community but don't police it."""
    return bool(user.is_authenticated and getattr(user, "is_moderator", False))


def can_see_professional_badge(viewer: Any, profile: Profile | None) -> bool:
    """The badge says what someone does for a living, so it follows their choice about who may
    see their roles: hidden roles hide the badge too."""
    return profile is not None and can_see_field(viewer, profile, "roles")
