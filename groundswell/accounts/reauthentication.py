"""Ask again who it is before something irreversible or sensitive (deleting the account, a copy of
everything we hold), unless this session signed in or reauthenticated in the last few minutes.

allauth does the asking: raising its ReauthenticationRequired makes its AccountMiddleware keep the
request (a form post is stored and replayed, so nothing typed is lost), send the person to the
first of AccountAdapter.get_reauthentication_methods (the code from their authenticator app when
they have one, else their password) and bring them back afterwards.

What counts as recent is decided here rather than by allauth's did_recently_reauthenticate, for
two reasons: allauth counts only an explicit reauthentication, not the sign-in a minute ago; and
it accepts a password alone from someone who set up two-step sign-in.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.authentication import (
    AUTHENTICATION_METHODS_SESSION_KEY,
    get_authentication_records,
)
from allauth.core.exceptions import ReauthenticationRequired
from allauth.mfa.utils import is_mfa_enabled
from django.http import HttpRequest
from django.http.response import HttpResponseBase


def has_recently_authenticated(request: HttpRequest) -> bool:
    """Whether this session proved who it is within ACCOUNT_REAUTHENTICATION_TIMEOUT (5 minutes):
    by signing in or reauthenticating, and with the second factor where the person has one."""
    user = request.user
    if not user.is_authenticated:
        return False
    since = time.time() - account_settings.REAUTHENTICATION_TIMEOUT
    recent = [r for r in get_authentication_records(request, user) if r.get("at", 0) >= since]
    if is_mfa_enabled(user):
        return any(r.get("method") == "mfa" for r in recent)
    return bool(recent)


def sign_in_counts_as_reauthentication(
    sender: Any, request: HttpRequest, user: Any, **kwargs: Any
) -> None:
    """A completed sign-in (with the second factor where the person has one) proves as much as a
    reauthentication. allauth's own sensitive pages (setting up an authenticator app, changing the
    email address) count only explicit reauthentications, so without this a moderator who has just
    signed in is asked for their password again at once, on the way to the set-up they must do.
    Connected to allauth's user_logged_in, which is sent once every step of the sign-in is done."""
    records = get_authentication_records(request, user)
    if records:
        records[-1] = {**records[-1], "reauthenticated": True}
        request.session[AUTHENTICATION_METHODS_SESSION_KEY] = records


def require_recent_authentication(request: HttpRequest) -> None:
    """Send the person to reauthenticate (allauth's flow) unless they recently proved who they are."""
    if not has_recently_authenticated(request):
        raise ReauthenticationRequired


def reauthentication_required(
    view: Callable[..., HttpResponseBase],
) -> Callable[..., HttpResponseBase]:
    """The view, for GET and POST alike, only for a session that recently proved who it is."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        require_recent_authentication(request)
        return view(request, *args, **kwargs)

    return wrapper
