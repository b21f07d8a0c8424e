"""Test helpers: what allauth remembers in a session about how, and when, the person signed in.

force_login() leaves no such record; sensitive pages (accounts/reauthentication.py) read them.
"""

from __future__ import annotations

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.internal.flows.login import record_authentication
from django.test import Client, RequestFactory

from groundswell.accounts.models import User


def record_sign_in(client: Client, user: User) -> None:
    """Record a password sign-in just now in the client's session, as allauth's login does."""
    session = client.session
    request = RequestFactory().get("/")
    request.session = session
    request.user = user
    record_authentication(request, user, "password", email=user.email)
    session.save()


def age_sign_in(client: Client, *, seconds: float) -> None:
    """Move every recorded sign-in and reauthentication step `seconds` into the past."""
    session = client.session
    records = session.get(AUTHENTICATION_METHODS_SESSION_KEY) or []
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {**record, "at": record["at"] - seconds} for record in records
    ]
    session.save()
