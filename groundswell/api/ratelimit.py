"""Fixed-window request limits kept in the cache: per token (or signed-in member), per address
for people who are not signed in, and a ceiling per address whatever credentials it uses.

Counts live in the default cache, which the database keeps (core/sharedcache.py), so they are
exact across every server process. If the cache fails the request goes through: the API should
not go down with it.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from ninja.errors import HttpError

from groundswell.core.sharedcache import hit_many

if TYPE_CHECKING:
    from groundswell.api.auth import Principal

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60


class RateLimited(HttpError):
    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(429, f"Too many requests. Wait {retry_after} seconds before trying again.")


@dataclass(frozen=True)
class Limit:
    key: str
    per_minute: int


def client_ip(request: HttpRequest) -> str:
    """The client's address. Behind N trusted reverse proxies (API_TRUSTED_PROXIES), the Nth
    address from the right of X-Forwarded-For; anything further left could be forged."""
    proxies = settings.API_TRUSTED_PROXIES
    remote = request.META.get("REMOTE_ADDR") or "unknown"
    if proxies <= 0:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [a for a in forwarded if a]
    if not forwarded:
        return remote
    return forwarded[-min(proxies, len(forwarded))][:64]


def limits_for(request: HttpRequest, principal: Principal) -> list[Limit]:
    ip = client_ip(request)
    limits = [Limit(f"ip-all:{ip}", settings.API_RATE_LIMIT_PER_IP)]
    if principal.token is not None:
        limits.append(Limit(f"token:{principal.token.pk}", settings.API_RATE_LIMIT_PER_TOKEN))
    elif principal.user.is_authenticated:
        limits.append(Limit(f"member:{principal.user.pk}", settings.API_RATE_LIMIT_PER_TOKEN))
    else:
        limits.append(Limit(f"anonymous:{ip}", settings.API_RATE_LIMIT_ANONYMOUS))
    return limits


def check(request: HttpRequest, principal: Principal) -> None:
    """Count this request; raise RateLimited (429 with Retry-After) when over any limit."""
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    retry_after = max(1, int(WINDOW_SECONDS - now % WINDOW_SECONDS))
    # 0 turns a limit off.
    limits = [limit for limit in limits_for(request, principal) if limit.per_minute > 0]
    if not limits:
        return
    try:
        counts = hit_many(
            cache, [f"gs-api-rate:{limit.key}:{window}" for limit in limits], WINDOW_SECONDS * 2
        )
    except Exception:  # the cache is down: let the request through
        logger.warning("API rate limit cache unavailable", exc_info=True)
        return
    if any(count > limit.per_minute for count, limit in zip(counts, limits, strict=True)):
        raise RateLimited(retry_after)
