"""Who may manage which personal access token."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from groundswell.api.models import ApiToken


def can_manage_token(user: Any, token: ApiToken) -> bool:
    return bool(user.is_authenticated and token.user_id == user.pk)


def get_token_for_user(user: Any, pk: int) -> ApiToken:
    """The member's own token; 404 for anyone else's (never confirm that it exists)."""
    token = ApiToken.objects.filter(pk=pk).first()
    if token is None or not can_manage_token(user, token):
        raise Http404("No such token")
    return token
