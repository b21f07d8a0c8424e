"""allauth's sign-in and sign-up limits count the same client address as every other limit."""

from __future__ import annotations

import pytest
from allauth.account.adapter import get_adapter
from django.conf import settings as django_settings
from django.test import Client, RequestFactory
from django.urls import reverse

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"


def visitor(forwarded_for: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def sign_in(client: Client) -> int:
    response = client.post(
        reverse("account_login"), {"login": "nobody@example.org", "password": "not-it"}
    )
    return response.status_code


@pytest.fixture
def one_sign_in_a_minute(settings) -> None:
    settings.ACCOUNT_RATE_LIMITS = {**django_settings.ACCOUNT_RATE_LIMITS, "login": "1/m/ip"}


@pytest.mark.usefixtures("one_sign_in_a_minute")
def test_behind_a_trusted_proxy_each_visitor_has_their_own_sign_in_budget(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    assert sign_in(visitor("203.0.113.9")) == 200  # a wrong password, but counted
    assert sign_in(visitor("203.0.113.9")) == 429
    assert sign_in(visitor("203.0.113.10")) == 200
    # Putting someone else's address on the left of the header changes nothing.
    assert sign_in(visitor("203.0.113.77, 203.0.113.9")) == 429


@pytest.mark.usefixtures("one_sign_in_a_minute")
def test_without_a_trusted_proxy_x_forwarded_for_is_not_believed(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 0
    assert sign_in(visitor("203.0.113.9")) == 200
    assert sign_in(visitor("203.0.113.10")) == 429  # both are the proxy, 10.0.0.1


@pytest.mark.usefixtures("one_sign_in_a_minute")
def test_a_garbage_forwarded_header_counts_against_the_proxy_address(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    assert sign_in(visitor("not an address")) == 200
    assert sign_in(visitor("still not one")) == 429


def test_allauth_sees_the_client_not_the_proxy(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert get_adapter(request).get_client_ip(request) == "203.0.113.9"
