"""A small fixed-window rate limiter kept in Django's cache, for any app to use.

    from groundswell.core.ratelimit import Limit, RateLimited, check_rate, check_rates

    check_rate(f"export:user:{user.pk}", limit=3, window_seconds=3600)  # raises RateLimited
    check_rates([Limit(f"a:{ip}", 600, 60), Limit(f"b:{token}", 120, 60)])  # one cache statement

Count per address with `rate_key_address(request)` (core/clientaddr.py), the site's one rule for
the client's address. Apps keep their own limits: trust/ratelimit.py applies the configured scopes
to website actions (`@rate_limit("comment")`), api/ratelimit.py the API's per-minute limits.

Counts live in the default cache, which the database keeps (core/sharedcache.py), so a limit is
the same across every server process. If the cache fails, requests go through: the site should
not go down with its cache.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from groundswell.core.sharedcache import hit_many

logger = logging.getLogger(__name__)

# Form fields worth giving back on the 429 page so nothing typed is lost.
KEPT_FIELDS = {
    "title": "Title",
    "body": "Your words",
    "pseudonym": "Pseudonym",
    "image_alt": "Image description",
    "details": "Details",
}


class RateLimited(Exception):  # noqa: N818 - reads naturally at the raise site
    """Too many attempts. `retry_after` is whole seconds until the window resets (at least 1)."""

    def __init__(self, *, key: str, limit: int, window_seconds: int, retry_after: int) -> None:
        self.key = key
        self.limit = limit
        self.window_seconds = window_seconds
        self.retry_after = max(1, int(retry_after))
        super().__init__(self.message)

    @property
    def message(self) -> str:
        times = "once" if self.limit == 1 else f"{self.limit} times"
        return f"You've done this {times} in {describe_seconds(self.window_seconds)}. Please try again in {describe_seconds(self.retry_after)}."


@dataclass(frozen=True)
class Limit:
    """At most `limit` attempts counted against `key` in each window of `window_seconds`."""

    key: str
    limit: int
    window_seconds: int


def describe_seconds(seconds: int) -> str:
    """Plain words for a duration: "40 seconds", "3 minutes", "2 hours"."""
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    if seconds < 3600:
        minutes = math.ceil(seconds / 60)
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    hours = math.ceil(seconds / 3600)
    return f"{hours} hour{'s' if hours != 1 else ''}"


def _cache_key(key: str, window_start: int) -> str:
    # Hashed: keys may hold addresses, and cache backends limit key length and characters.
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"gs-rate:{digest}:{window_start}"


def check_rates(limits: Sequence[Limit], *, now: float | None = None) -> None:
    """Count one attempt against each limit; raise RateLimited when any is over.

    Fixed windows aligned to the clock: simple, and cheap on any cache; every limit is counted in
    one statement on the shared cache. A limit or window of 0 or less turns that limit off.
    Attempts that are refused still count, so hammering doesn't help. When several limits are
    over, the one that lasts longest is raised: trying again any sooner would be refused.
    """
    active = [limit for limit in limits if limit.limit > 0 and limit.window_seconds > 0]
    if not active:
        return
    now = time.time() if now is None else now
    starts = [int(now // limit.window_seconds) * limit.window_seconds for limit in active]
    keys = [_cache_key(limit.key, start) for limit, start in zip(active, starts, strict=True)]
    if len(set(keys)) != len(keys):
        raise ValueError("Each limit needs its own key")
    try:
        counts = hit_many(cache, keys, max(limit.window_seconds for limit in active) + 5)
    except Exception:  # the cache is down: let people through rather than take the site down
        logger.warning(
            "Rate limit cache unavailable; allowing %s",
            ", ".join(sorted({limit.key.split(":")[0] for limit in active})),
            exc_info=True,
        )
        return
    refusals = [
        RateLimited(
            key=limit.key,
            limit=limit.limit,
            window_seconds=limit.window_seconds,
            retry_after=math.ceil(start + limit.window_seconds - now),
        )
        for limit, start, count in zip(active, starts, counts, strict=True)
        if count > limit.limit
    ]
    if refusals:
        raise max(refusals, key=lambda refusal: refusal.retry_after)


def check_rate(key: str, limit: int, window_seconds: int, *, now: float | None = None) -> None:
    """Count one attempt for `key`; raise RateLimited when more than `limit` in this window."""
    check_rates([Limit(key, limit, window_seconds)], now=now)


def rate_limited_response(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    """The friendly 429 page: what happened, when to try again, and what they typed.

    allauth renders the same template (429.html) for its sign-up and sign-in limits.
    """
    kept: list[tuple[str, str]] = []
    resubmit: list[tuple[str, str]] = []
    if request.method == "POST":
        kept = [
            (label, request.POST[name])
            for name, label in KEPT_FIELDS.items()
            if request.POST.get(name)
        ]
        resubmit = [
            (name, value)
            for name, values in request.POST.lists()
            if name != "csrfmiddlewaretoken"
            for value in values
        ]
    context: dict[str, Any] = {
        "retry_after": exc.retry_after,
        "retry_after_words": describe_seconds(exc.retry_after),
        "kept": kept,
        "resubmit": resubmit,
        "action_path": request.path,
    }
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response
