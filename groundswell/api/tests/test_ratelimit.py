"""Request limits per token, per address for anonymous use, and per address overall."""

from __future__ import annotations

import pytest
from django.test import Client

from groundswell.api.tests.conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_a_token_over_its_limit_gets_429_with_retry_after(settings, owner, token_for):
    settings.API_RATE_LIMIT_PER_TOKEN = 3
    client = ApiClient(token_for(owner, "read"))
    assert [client.get("/api/topics").status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get("/api/topics")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "Too many requests" in refused.json()["detail"]
    # Another token of the same member has its own allowance.
    assert ApiClient(token_for(owner, "read")).get("/api/topics").status_code == 200


def test_writes_count_against_the_token_too(settings, owner, token_for):
    settings.API_RATE_LIMIT_PER_TOKEN = 2
    client = ApiClient(token_for(owner, "write"))
    client.get("/api/me")
    client.get("/api/me")
    assert client.post("/api/stories", {}).status_code == 429


def test_anonymous_use_is_limited_per_address(settings):
    settings.API_RATE_LIMIT_ANONYMOUS = 2
    here, there = Client(REMOTE_ADDR="192.0.2.1"), Client(REMOTE_ADDR="192.0.2.2")
    assert [here.get("/api/topics").status_code for _ in range(3)] == [200, 200, 429]
    assert there.get("/api/topics").status_code == 200


def test_one_address_has_a_ceiling_whatever_tokens_it_uses(settings, owner, member, token_for):
    settings.API_RATE_LIMIT_PER_IP = 3
    clients = [ApiClient(token_for(person, "read")) for person in (owner, member, owner, member)]
    assert [c.get("/api/topics").status_code for c in clients] == [200, 200, 200, 429]


def test_behind_a_proxy_the_forwarded_address_counts(settings):
    settings.API_RATE_LIMIT_ANONYMOUS = 1
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"
    first = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.9")
    second = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.10")
    forged = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.10, 203.0.113.9")
    assert first.get("/api/topics").status_code == 200
    assert first.get("/api/topics").status_code == 429
    assert second.get("/api/topics").status_code == 200
    assert forged.get("/api/topics").status_code == 429  # still 203.0.113.9


def test_without_a_trusted_proxy_x_forwarded_for_is_not_believed(settings):
    settings.API_RATE_LIMIT_ANONYMOUS = 1
    settings.TRUSTED_PROXY_COUNT = 0
    first = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    second = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert first.get("/api/topics").status_code == 200
    assert second.get("/api/topics").status_code == 429


def test_an_ipv6_address_is_counted_with_its_64(settings):
    settings.API_RATE_LIMIT_ANONYMOUS = 1
    assert Client(REMOTE_ADDR="2001:db8:1:2::1").get("/api/topics").status_code == 200
    assert Client(REMOTE_ADDR="2001:db8:1:2::99").get("/api/topics").status_code == 429
    assert Client(REMOTE_ADDR="2001:db8:1:3::1").get("/api/topics").status_code == 200


def test_zero_turns_a_limit_off(settings):
    settings.API_RATE_LIMIT_ANONYMOUS = 0
    settings.API_RATE_LIMIT_PER_IP = 0
    client = Client()
    assert {client.get("/api/topics").status_code for _ in range(5)} == {200}


def test_wrong_tokens_count_against_the_address(settings):
    settings.API_RATE_LIMIT_ANONYMOUS = 2
    guesser = Client(REMOTE_ADDR="192.0.2.7")
    statuses = [
        guesser.get("/api/topics", headers={"Authorization": f"Bearer gs_guess{i}"}).status_code
        for i in range(3)
    ]
    assert statuses == [401, 401, 429]
