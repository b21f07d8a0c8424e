"""A sign-in just now counts as proving who you are for allauth's own sensitive pages too: a new
moderator, sent to set up an authenticator app right after signing in, is not asked for the
password they typed a moment ago. Ten minutes later they are."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from groundswell.accounts.models import SiteRole
from groundswell.accounts.testing import age_sign_in
from groundswell.core.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # UserFactory's


def signed_in_through_the_form(user) -> Client:
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return client


def test_new_moderator_reaches_authenticator_setup_without_typing_the_password_again():
    staff = UserFactory(site_role=SiteRole.MODERATOR)
    client = signed_in_through_the_form(staff)
    first = client.get("/")
    assert first["Location"] == reverse("mfa_activate_totp")
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    assert b'name="code"' in response.content  # the set-up form, not the password prompt


def test_after_ten_minutes_the_setup_asks_for_the_password_again():
    staff = UserFactory(site_role=SiteRole.MODERATOR)
    client = signed_in_through_the_form(staff)
    age_sign_in(client, seconds=10 * 60)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
