"""Reads about trust, for this app and others (moderation may hold new members' first posts)."""

from __future__ import annotations

from typing import Any

from groundswell.trust.limits import is_exempt
from groundswell.trust.models import TrustLevel, TrustProfile


def trust_level_for(user: Any) -> int:
    """Someone's current level: staff count as trusted, people never calculated as new."""
    if not getattr(user, "is_authenticated", False):
        return TrustLevel.NEW
    if is_exempt(user):
        return TrustLevel.TRUSTED
    level = TrustProfile.objects.filter(user_id=user.pk).values_list("level", flat=True).first()
    return int(level) if level is not None else TrustLevel.NEW


def verified_professional_for(user_id: int) -> TrustProfile | None:
    """The verification behind someone's badge, with who verified and the member's profile
    (for their privacy choices), in one query; None when they are not verified."""
    return (
        TrustProfile.objects.select_related("professional_verified_by", "user__profile")
        .filter(user_id=user_id, professional_verified_at__isnull=False)
        .first()
    )
