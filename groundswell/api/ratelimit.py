"""Request limits per minute: per token (or signed-in member), per address for people who are
not signed in, and a ceiling per address whatever credentials it uses.

Counted by the site's limiter (core/ratelimit.py) in the cache the database keeps, so they are
exact across every server process, with the site's one rule for the client's address
(core/clientaddr.py: TRUSTED_PROXY_COUNT). If the cache fails the request goes through: the API
should not go down with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import HttpError

from groundswell.core import ratelimit
from groundswell.core.clientaddr import rate_key_address

if TYPE_CHECKING:
    from groundswell.api.auth import Principal

WINDOW_SECONDS = 60


class RateLimited(HttpError):
    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(429, f"Too many requests. Wait {retry_after} seconds before trying again.")


def limits_for(request: HttpRequest, principal: Principal) -> list[ratelimit.Limit]:
    ip = rate_key_address(request)

    def per_minute(key: str, limit: int) -> ratelimit.Limit:
        return ratelimit.Limit(f"api:{key}", limit, WINDOW_SECONDS)

    limits = [per_minute(f"ip-all:{ip}", settings.API_RATE_LIMIT_PER_IP)]
    if principal.token is not None:
        limits.append(per_minute(f"token:{principal.token.pk}", settings.API_RATE_LIMIT_PER_TOKEN))
    elif principal.user.is_authenticated:
        limits.append(per_minute(f"member:{principal.user.pk}", settings.API_RATE_LIMIT_PER_TOKEN))
    else:
        limits.append(per_minute(f"anonymous:{ip}", settings.API_RATE_LIMIT_ANONYMOUS))
    return limits


def check(request: HttpRequest, principal: Principal) -> None:
    """Count this request; raise RateLimited (429 with Retry-After) when over any limit (0 turns
    a limit off)."""
    try:
        ratelimit.check_rates(limits_for(request, principal))
    except ratelimit.RateLimited as exc:
        raise RateLimited(exc.retry_after) from exc
