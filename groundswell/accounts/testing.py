"""Test helpers: what allauth remembers in a session about how, and when, the person signed in.

force_login() leaves no such record; sensitive pages (accounts/reauthentication.py) read them.
"""

from __future__ import annotations

import re

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


# Framework wording a person must never meet: (pattern, what it is). Case matters unless (?i).
FRAMEWORK_WORDING = [
    (r"\bSign Up\b|\bSignup\b", "Title Case 'Sign Up'"),
    (r"\bSign In\b|\bSign Out\b", "Title Case 'Sign In'/'Sign Out'"),
    (r"(?i)\be-mail\b", "'E-mail'"),
    (r"\bEmail Address(es)?\b", "Title Case 'Email Address'"),
    (r"(?i)hello from\b", "'Hello from ...'"),
    (r"(?i)example\.com", "allauth's default site name"),
    (r"(?i)thank you for using", "'Thank you for using ...'"),
    (r"\bConfirm Email\b|\bVerify Your Email\b", "Title Case email confirmation"),
    (r"\bPassword Reset\b|\bChange Password\b|\bSet Password\b", "Title Case password wording"),
    (r"\b(Current|New) Password\b|\bRemember Me\b", "allauth's Title Case form labels"),
    (r"(?i)\btwo-factor\b", "'Two-Factor Authentication'"),
    (r"\b(De)?[Aa]ctivate\b", "'Activate'/'Deactivate'"),
    (r"\bManage\b", "'Manage'"),
    (r"\bPrimary\b", "'Primary'"),
    (r"(?i)\bre-?authenticat", "'Re-authenticate'"),
    (r"(?i)\busername\b", "the internal username nobody chose"),
    (r"\bAuthenticator App\b|\bRecovery Codes\b|\bSecurity Keys?\b", "Title Case MFA wording"),
    (r"\bSuccessfully\b|\bBad Token\b|\bAlternative options\b", "allauth's own phrases"),
]


def framework_wording(text: str) -> list[str]:
    return [
        f"{what}: {match.group(0)!r}"
        for pattern, what in FRAMEWORK_WORDING
        for match in re.finditer(pattern, text)
    ]
