"""A small fixed-window rate limiter kept in Django's cache, for any app to use.

    from groundswell.trust.ratelimit import RateLimited, check_rate, check_request_rate, rate_limit

    check_rate(f"export:user:{user.pk}", limit=3, window_seconds=3600)  # raises RateLimited
    check_request_rate(request, "export")  # the configured per-account and per-address limits
    @rate_limit("comment")  # a view decorator: POSTs over the limit get a friendly 429 page

Counts live in the default cache, which the database keeps (core/sharedcache.py), so a limit is
the same across every server process. If the cache fails, requests go through: the site should
not go down with its cache.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import math
import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from groundswell.core.sharedcache import hit
from groundswell.trust import conf

logger = logging.getLogger(__name__)

View = TypeVar("View", bound=Callable[..., HttpResponse])

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
        return f"You've done this {self.limit} times in {describe_seconds(self.window_seconds)}. Please try again in {describe_seconds(self.retry_after)}."


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


def check_rate(key: str, limit: int, window_seconds: int, *, now: float | None = None) -> None:
    """Count one attempt for `key`; raise RateLimited when more than `limit` in this window.

    Fixed windows aligned to the clock: simple, and cheap on any cache. `limit <= 0` turns the
    limit off. Attempts that are refused still count, so hammering doesn't help.
    """
    if limit <= 0 or window_seconds <= 0:
        return
    now = time.time() if now is None else now
    window_start = int(now // window_seconds) * window_seconds
    cache_key = _cache_key(key, window_start)
    try:
        count = hit(cache, cache_key, window_seconds + 5)
    except Exception:  # the cache is down: let people through rather than take the site down
        logger.warning(
            "Rate limit cache unavailable; allowing %s", key.split(":")[0], exc_info=True
        )
        return
    if count > limit:
        raise RateLimited(
            key=key,
            limit=limit,
            window_seconds=window_seconds,
            retry_after=math.ceil(window_start + window_seconds - now),
        )


def client_ip(request: HttpRequest) -> str:
    """The client's address as allauth sees it (ALLAUTH_TRUSTED_PROXY_COUNT / _CLIENT_IP_HEADER).

    IPv6 addresses are cut to their /64, since one device can use a whole /64.
    """
    from allauth.account.adapter import get_adapter

    try:
        ip = get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return "unknown"
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return str(ip)[:64]
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False).network_address)
    return str(address)


def check_request_rate(request: HttpRequest, scope: str) -> None:
    """Apply the configured limits for `scope` (see trust/conf.py RATE_LIMITS) to this request.

    Signed-in people are counted per account and per address; others per address only.
    """
    if not conf.rate_limits_enabled():
        return
    rules = conf.rate_limits().get(scope)
    if not rules:
        raise KeyError(f"No rate limits configured for {scope!r}")
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and "user" in rules:
        limit, window = rules["user"]
        check_rate(f"{scope}:user:{user.pk}", limit, window)
    if "ip" in rules:
        limit, window = rules["ip"]
        check_rate(f"{scope}:ip:{client_ip(request)}", limit, window)


def rate_limited_response(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    """The friendly 429 page: what happened, when to try again, and what they typed."""
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


def rate_limit(scope: str, *, methods: tuple[str, ...] = ("POST",)) -> Callable[[View], View]:
    """Decorate a view so requests with these methods count against `scope`'s limits."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in methods:
                try:
                    check_request_rate(request, scope)
                except RateLimited as exc:
                    return rate_limited_response(request, exc)
            return view(request, *args, **kwargs)

        return cast(View, wrapped)

    return decorator
