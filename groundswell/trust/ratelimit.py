"""The website's per-action limits: the scopes configured in trust/conf.py (RATE_LIMITS), counted
per account and per address by the site's limiter (groundswell/core/ratelimit.py).

    from groundswell.trust.ratelimit import check_request_rate, rate_limit

    check_request_rate(request, "export")  # the configured per-account and per-address limits
    @rate_limit("comment")  # a view decorator: POSTs over the limit get the friendly 429 page
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.http import HttpRequest, HttpResponse

from groundswell.core.clientaddr import rate_key_address
from groundswell.core.ratelimit import Limit, RateLimited, check_rates, rate_limited_response
from groundswell.trust import conf

View = TypeVar("View", bound=Callable[..., HttpResponse])


def check_request_rate(request: HttpRequest, scope: str) -> None:
    """Apply the configured limits for `scope` to this request; raise RateLimited when over.

    Signed-in people are counted per account and per address; others per address only.
    """
    if not conf.rate_limits_enabled():
        return
    rules = conf.rate_limits().get(scope)
    if not rules:
        raise KeyError(f"No rate limits configured for {scope!r}")
    limits = []
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and "user" in rules:
        limits.append(Limit(f"{scope}:user:{user.pk}", *rules["user"]))
    if "ip" in rules:
        limits.append(Limit(f"{scope}:ip:{rate_key_address(request)}", *rules["ip"]))
    check_rates(limits)


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
