from __future__ import annotations

from typing import Any

from django import template

from groundswell.trust.models import TrustProfile
from groundswell.trust.permissions import can_see_professional_badge
from groundswell.trust.selectors import verified_professional_for

register = template.Library()

_MISSING = object()


def _verification(person: Any) -> tuple[TrustProfile | None, Any]:
    """The person's verification and profile: from what the page already fetched (select_related
    "trust__professional_verified_by" and "profile"), or else in one query."""
    cached = getattr(getattr(person, "_state", None), "fields_cache", {})
    trust, profile = cached.get("trust", _MISSING), cached.get("profile", _MISSING)
    if trust is not _MISSING and profile is not _MISSING:
        verified = (
            trust if isinstance(trust, TrustProfile) and trust.is_verified_professional else None
        )
        return verified, profile
    trust = verified_professional_for(person.pk)
    return trust, (getattr(trust.user, "profile", None) if trust is not None else None)


@register.inclusion_tag("trust/_professional_badge.html", takes_context=True)
def professional_badge(context: dict[str, Any], person: Any) -> dict[str, Any]:
    """ "Verified professional: GP — verified by Mo Moderator on 3 March 2026", if the viewer may
    see the person's roles. Use it only where the person is shown under their own name, never on
    pseudonymous or anonymous posts.
    """
    viewer = getattr(context.get("request"), "user", None)
    if person is None or viewer is None:
        return {"trust": None}
    trust, profile = _verification(person)
    return {
        "trust": trust
        if trust is not None and can_see_professional_badge(viewer, profile)
        else None
    }
