"""Session timeouts and cache headers for signed-in pages."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

LOGIN_AT = "_gs_login_at"
SEEN_AT = "_gs_seen_at"
# Write the "last seen" time at most this often, so reading pages doesn't write a session row each time.
SEEN_RESOLUTION_SECONDS = 60


def start_session_clock(
    sender: object, request: HttpRequest | None = None, **kwargs: object
) -> None:
    """Start the idle and absolute clocks at sign-in, saved with the login itself."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[LOGIN_AT] = now
        request.session[SEEN_AT] = now


class SessionTimeoutMiddleware:
    """End a signed-in session after SESSION_IDLE_SECONDS without activity, or
    SESSION_ABSOLUTE_SECONDS after sign-in, whichever comes first.

    Sessions are stored in the database and logout() deletes the row, so an ended
    session cannot come back.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            login_at = session.get(LOGIN_AT)
            seen_at = session.get(SEEN_AT)
            if login_at is None:
                session[LOGIN_AT] = login_at = now
            if seen_at is None:
                seen_at = now
            idle = now - int(seen_at) > settings.SESSION_IDLE_SECONDS
            too_old = now - int(login_at) > settings.SESSION_ABSOLUTE_SECONDS
            if idle or too_old:
                logout(request)
            elif now - int(seen_at) >= SEEN_RESOLUTION_SECONDS or SEEN_AT not in session:
                session[SEEN_AT] = now
        return self.get_response(request)


class PrivateCacheMiddleware:
    """Pages for a signed-in person are never stored by browsers or proxies."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and "no-store" not in response.get("Cache-Control", "")
        ):
            response["Cache-Control"] = "private, no-store"
        return response
