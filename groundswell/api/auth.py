"""Who is calling: a personal access token (Authorization: Bearer gs_...), a browser session
(reads only), or nobody (public reads only).

A request that sends an Authorization header must send a valid token: a revoked, expired or
mistyped token is refused with 401 rather than quietly treated as anonymous, so clients notice.
Changes (POST, PATCH, DELETE) need a token with the write scope; browser sessions never write
through the API, so cross-site request forgery has nothing to aim at.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext, gettext_lazy
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer

from groundswell.api import ratelimit
from groundswell.api.selectors import token_for_secret
from groundswell.api.services import token_mark_used
from groundswell.core.staff import drop_staff_powers

if TYPE_CHECKING:
    from groundswell.accounts.models import User
    from groundswell.api.models import ApiToken

MISSING_AUTH_HINT = gettext_lazy(
    "Send a personal access token in the Authorization header: 'Authorization: Bearer gs_...'. "
    "Create one on your profile page, under API tokens."
)
INVALID_AUTH_HINT = gettext_lazy(
    "This token is not valid. It may have been revoked or have expired."
)


@dataclass(frozen=True)
class Principal:
    user: User | AnonymousUser
    token: ApiToken | None = None

    def __bool__(self) -> bool:  # ninja treats a falsy result as "not authenticated"
        return True


class PersonalAccessToken(HttpBearer):
    """Authorization: Bearer gs_... ; documented as the API's security scheme."""

    openapi_bearerFormat = "gs_ personal access token"

    def __call__(self, request: HttpRequest) -> Principal | None:
        header = request.headers.get("Authorization", "")
        if not header.strip():
            return None
        scheme, _, secret = header.strip().partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise AuthenticationError(401, str(MISSING_AUTH_HINT))
        return self.authenticate(request, secret.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Principal:
        found = token_for_secret(token)
        if found is None:
            # Wrong guesses count against the address, like calls without credentials.
            ratelimit.check(request, Principal(user=AnonymousUser()))
            raise AuthenticationError(401, str(INVALID_AUTH_HINT))
        token_mark_used(token=found)
        principal = Principal(user=found.user, token=found)
        ratelimit.check(request, principal)
        return principal


def session_or_anonymous(request: HttpRequest) -> Principal:
    """Reads without a token: the signed-in member of this browser session, or nobody.

    Through the API a moderator is a member: their session's staff powers (hidden content,
    core/staff.py) stay on the web pages. Tokens never carry them in the first place."""
    drop_staff_powers(request.user)
    principal = Principal(user=request.user)
    ratelimit.check(request, principal)
    return principal


token_auth = PersonalAccessToken()
READ_AUTH: list[Any] = [token_auth, session_or_anonymous]
WRITE_AUTH: list[Any] = [token_auth]
# OpenAPI: reads work with a token or without one (ninja adds the token scheme; {} is "none").
READ_SECURITY: dict[str, Any] = {"security": [{}]}


def principal_of(request: HttpRequest) -> Principal:
    return request.auth  # type: ignore[attr-defined]


def viewer(request: HttpRequest) -> User | AnonymousUser:
    return principal_of(request).user


def writer(request: HttpRequest) -> User:
    """The member behind a token with the write scope; 403 for a read-only token."""
    principal = principal_of(request)
    if principal.token is None:
        raise AuthenticationError(401, str(MISSING_AUTH_HINT))
    if not principal.token.can_write:
        raise HttpError(
            403,
            gettext(
                "This token is read-only. Create a token with read and write access to make "
                "changes."
            ),
        )
    return principal.token.user


def member(request: HttpRequest) -> User:
    """A signed-in member (token or session); 401 for nobody."""
    user = viewer(request)
    if not user.is_authenticated:
        raise AuthenticationError(401, str(MISSING_AUTH_HINT))
    return user
