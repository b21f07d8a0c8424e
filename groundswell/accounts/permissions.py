from __future__ import annotations

from typing import Any

from groundswell.accounts.models import Profile, Visibility

PROFILE_FIELDS = ("pronouns", "bio", "roles", "home_place", "topics")


def can_see_field(viewer: Any, profile: Profile, field: str) -> bool:
    visibility = getattr(profile, f"{field}_visibility")
    if viewer.is_authenticated and viewer.pk == profile.user_id:
        return True
    if visibility == Visibility.PUBLIC:
        return True
    if visibility == Visibility.MEMBERS:
        return bool(viewer.is_authenticated)
    return False


def visible_profile_fields(viewer: Any, profile: Profile) -> set[str]:
    return {f for f in PROFILE_FIELDS if can_see_field(viewer, profile, f)}
