"""Test helpers for staff: an authenticator app, and a session that passed MFA at sign-in.

Moderators and administrators can't open staff pages without both (StaffMFAMiddleware), so
the shared personas in groundswell/conftest.py use these.
"""

from __future__ import annotations

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import encrypt
from django.test import Client, RequestFactory
from django.utils import timezone

from groundswell.accounts.models import User

# A fixed base32 secret, so a test can compute valid codes if it needs to.
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 (tests only)


def give_totp(user: User) -> Authenticator:
    """Set up an authenticator app for this person, as allauth's activation does."""
    return Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": encrypt(TEST_TOTP_SECRET)}
    )


def mark_session_mfa(client: Client, user: User) -> None:
    """Record a password and a TOTP step in the client's session, the way allauth's login does."""
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        raise ValueError("This person has no authenticator app: call give_totp(user) first.")
    session = client.session
    request = RequestFactory().get("/")
    request.session = session
    request.user = user
    record_authentication(request, user, "password", email=user.email)
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)
    session.save()


def code_now(secret: str = TEST_TOTP_SECRET) -> str:
    """The code an authenticator app set up with `secret` shows right now."""
    return format_hotp_value(hotp_value(secret, int(timezone.now().timestamp()) // 30))
