from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from groundswell.accounts.models import Profile, User
from groundswell.lib.text import clean_name, clean_text


def profile_get_or_create(*, user: User) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def profile_update(
    *, user: User, display_name: str, fields: dict[str, Any], topics: Iterable[Any]
) -> Profile:
    """Update a member's display name and profile fields (each with its own visibility)."""
    user.display_name = clean_name(display_name)
    user.save(update_fields=["display_name"])
    profile = profile_get_or_create(user=user)
    for name, value in fields.items():
        setattr(profile, name, clean_text(value) if isinstance(value, str) else value)
    profile.save()
    profile.topics.set(list(topics))
    return profile
