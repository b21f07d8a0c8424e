"""Reads for personal access tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from groundswell.api.models import ApiToken
from groundswell.api.services import TOKEN_PREFIX, hash_secret

if TYPE_CHECKING:
    from groundswell.accounts.models import User

# Longer input can't be one of ours; refuse it before hashing.
MAX_SECRET_LENGTH = 100


def token_for_secret(secret: str) -> ApiToken | None:
    """The active token with this secret, with its (active) owner; None for anything else."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > MAX_SECRET_LENGTH:
        return None
    try:
        return (
            ApiToken.objects.active()
            .select_related("user")
            .get(token_hash=hash_secret(secret), user__is_active=True)
        )
    except ApiToken.DoesNotExist:
        return None


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")
