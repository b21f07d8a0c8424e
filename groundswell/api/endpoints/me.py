"""The member behind the token (or session)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from groundswell.accounts.permissions import has_verified_email
from groundswell.api import schemas, serializers
from groundswell.api.auth import READ_AUTH, READ_SECURITY, member, principal_of
from groundswell.api.endpoints.common import responses

router = Router(tags=["Me"])


@router.get(
    "/me",
    response=responses({200: schemas.MeOut}),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="Who you are signed in as",
)
def me(request: HttpRequest) -> dict[str, Any]:
    user = member(request)
    token = principal_of(request).token
    return {
        **serializers.person(request, user),
        "site_role": user.site_role,
        "email_verified": has_verified_email(user),
        "token": (
            {
                "name": token.name,
                "prefix": token.prefix,
                "scope": token.scope,
                "expires_at": token.expires_at,
            }
            if token is not None
            else None
        ),
    }
