"""Signing up with an address that already has an account looks, and costs, the same as with a
new one (accounts/signup.py): the same answer, one email, and the same work."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groundswell.accounts.models import Profile, User
from groundswell.core.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW = "new.person@example.org"
TAKEN = "taken@example.org"
PASSWORD = "a long and unusual passphrase 42"  # noqa: S105 (tests only)


@pytest.fixture
def taken(db: None) -> User:
    return UserFactory(username="taken", email=TAKEN, display_name="Already Here")


@pytest.fixture
def hashes(monkeypatch) -> list[str]:
    """Every password the hasher hashes (tests use the MD5 hasher, see groundswell/conftest.py)."""
    seen: list[str] = []
    encode = MD5PasswordHasher.encode

    def counting(self, password: str, salt: str) -> str:
        seen.append(password)
        return encode(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting)
    return seen


def sign_up(email: str, *, follow: bool = False):
    data = {
        "email": email,
        "password1": PASSWORD,
        "password2": PASSWORD,
        "display_name": "Sam Someone",
    }
    return Client().post(reverse("account_signup"), data, follow=follow)


def page_text(response, email: str) -> str:
    """The page as the person sees it: their address, and the per-response nonce, left out."""
    html = response.content.decode().replace(email, "ADDRESS")
    return re.sub(r'nonce="[^"]*"', 'nonce=""', html)


def inserted_tables(queries: list[dict]) -> list[str]:
    return sorted(
        match.group(1)
        for query in queries
        if (match := re.match(r'INSERT INTO "?(\w+)"?', query["sql"]))
        and match.group(1) != "django_session"
    )


def test_a_new_address_gets_an_account_waiting_for_verification():
    response = sign_up(NEW)
    assert response.status_code == 302
    user = User.objects.get(email=NEW)
    assert user.display_name == "Sam Someone" and user.check_password(PASSWORD)
    assert Profile.objects.filter(user=user).exists()
    assert EmailAddress.objects.filter(user=user, email=NEW, verified=False).exists()


@pytest.mark.parametrize("verified", [True, False], ids=["verified", "unverified"])
def test_taken_and_new_address_hash_the_password_once_each(taken, hashes, verified):
    EmailAddress.objects.filter(user=taken).update(verified=verified)
    hashes.clear()
    sign_up(NEW)
    assert hashes == [PASSWORD]
    hashes.clear()
    sign_up(TAKEN)
    assert hashes == [PASSWORD]


def test_taken_address_writes_the_same_rows_as_a_new_one_and_keeps_none(taken):
    with CaptureQueriesContext(connection) as new:
        sign_up(NEW)
    users = User.objects.count()
    with CaptureQueriesContext(connection) as again:
        sign_up(TAKEN)
    assert inserted_tables(again.captured_queries) == inserted_tables(new.captured_queries)
    assert "accounts_user" in inserted_tables(new.captured_queries)
    assert User.objects.count() == users
    assert list(EmailAddress.objects.filter(email=TAKEN).values_list("user_id", flat=True)) == [
        taken.pk
    ]
    assert User.objects.get(pk=taken.pk).display_name == "Already Here"


def test_taken_and_new_address_get_the_same_answer_and_one_email_each(taken):
    fresh = sign_up(NEW, follow=True)
    again = sign_up(TAKEN, follow=True)
    assert fresh.redirect_chain == again.redirect_chain
    assert fresh.status_code == again.status_code == 200
    assert page_text(fresh, NEW) == page_text(again, TAKEN)
    assert "ADDRESS" in page_text(fresh, NEW)
    assert [m.to for m in mail.outbox] == [[NEW], [TAKEN]]
