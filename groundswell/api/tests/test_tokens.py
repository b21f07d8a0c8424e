"""Personal access tokens: the page to create, list and revoke them, and how they authenticate."""

from __future__ import annotations

import datetime as dt
import hashlib
import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from groundswell.api import services
from groundswell.api.models import ApiToken
from groundswell.api.tests.conftest import ApiClient

pytestmark = pytest.mark.django_db

TOKENS_URL = "/members/me/tokens/"


def recently_reauthenticated(client: Client, user) -> Client:
    """What allauth records when someone has just confirmed their password."""
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "reauthenticated": True}
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return client


@pytest.mark.parametrize(
    ("persona", "method", "expected"),
    [
        ("anonymous", "get", 302),
        ("anonymous", "post", 302),
        ("member", "get", 200),
        ("member", "post", 302),  # asks for the password again first
        ("reauthenticated", "post", 200),
    ],
)
def test_token_page_permissions(client_for, owner, persona, method, expected):
    client = client_for(None if persona == "anonymous" else owner)
    if persona == "reauthenticated":
        recently_reauthenticated(client, owner)
    data = {"name": "Script", "scope": "read", "expires": "30"}
    response = client.get(TOKENS_URL) if method == "get" else client.post(TOKENS_URL, data)
    assert response.status_code == expected
    if expected == 302:
        assert "/accounts/" in response["Location"]


def test_creating_a_token_shows_the_secret_once_and_stores_only_its_hash(
    client_for, owner, django_assert_max_num_queries
):
    client = recently_reauthenticated(client_for(owner), owner)
    response = client.post(
        TOKENS_URL, {"name": "Research script", "scope": "write", "expires": "90"}
    )
    assert response.status_code == 200
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    )
    secret = response.context["new_secret"]
    assert secret.startswith("gs_") and len(secret) == 46
    assert secret in response.content.decode()

    token = ApiToken.objects.get(user=owner)
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert token.prefix == secret[:11] and token.scope == "write"
    assert token.expires_at is not None
    assert dt.timedelta(days=89) < token.expires_at - timezone.now() <= dt.timedelta(days=90)
    stored = [str(v) for v in ApiToken.objects.values_list(flat=False).get()]
    assert not any(secret in value for value in stored)

    with django_assert_max_num_queries(8):
        page = client.get(TOKENS_URL)
    html = page.content.decode()
    assert secret not in html and "Research script" in html and token.prefix in html

    assert ApiClient(secret).get("/api/me").json()["handle"] == owner.handle


@pytest.mark.parametrize("name", ["", "   ", " \u202e ", " \x00 "])
def test_a_token_needs_a_name(client_for, owner, name):
    client = recently_reauthenticated(client_for(owner), owner)
    response = client.post(TOKENS_URL, {"name": name, "scope": "read", "expires": "30"})
    assert response.status_code == 400
    assert response.context["form"].errors["name"]
    assert "There is a problem" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_stops_a_token_at_once(client_for, owner, token_for):
    secret = token_for(owner, "read")
    token = ApiToken.objects.get(user=owner)
    assert ApiClient(secret).get("/api/me").status_code == 200
    response = client_for(owner).post(reverse("api_tokens:revoke", args=[token.pk]))
    assert response.status_code == 302
    assert ApiClient(secret).get("/api/me").status_code == 401
    assert ApiClient(secret).get("/api/stories").status_code == 401
    assert "Revoked" in client_for(owner).get(TOKENS_URL).content.decode()


@pytest.mark.parametrize(
    ("persona", "expected"), [("anonymous", 302), ("outsider", 404), ("owner", 302)]
)
def test_only_the_owner_can_revoke(client_for, owner, outsider, token_for, persona, expected):
    token_for(owner)
    token = ApiToken.objects.get(user=owner)
    user = {"anonymous": None, "outsider": outsider, "owner": owner}[persona]
    response = client_for(user).post(reverse("api_tokens:revoke", args=[token.pk]))
    assert response.status_code == expected
    token.refresh_from_db()
    assert (token.revoked_at is not None) == (persona == "owner")


def test_revoke_needs_post(client_for, owner, token_for):
    token_for(owner)
    token = ApiToken.objects.get(user=owner)
    assert client_for(owner).get(reverse("api_tokens:revoke", args=[token.pk])).status_code == 405


def test_an_expired_token_stops_working(owner, token_for):
    secret = token_for(owner, "read", expires_in_days=30)
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert ApiClient(secret).get("/api/me").status_code == 401


def test_last_used_is_recorded_without_a_write_on_every_request(
    owner, token_for, django_assert_num_queries
):
    secret = token_for(owner, "read")
    client = ApiClient(secret)
    client.get("/api/topics")
    first = ApiToken.objects.get().last_used_at
    assert first is not None
    with django_assert_num_queries(3):  # find the token; count it against the limits; list topics
        client.get("/api/topics")
    assert ApiToken.objects.get().last_used_at == first


def test_at_most_twenty_active_tokens(owner):
    for i in range(services.MAX_ACTIVE_TOKENS):
        services.token_create(user=owner, name=f"t{i}", scope="read", expires_in_days=None)
    with pytest.raises(services.ValidationError):
        services.token_create(user=owner, name="one more", scope="read", expires_in_days=None)
    services.token_revoke(token=ApiToken.objects.first(), actor=owner)
    services.token_create(user=owner, name="now fine", scope="read", expires_in_days=None)


@pytest.mark.parametrize(
    "header",
    [
        "Basic b3duZXI6cGFzcw==",
        "Bearer",
        "Bearer ",
        "Token gs_abc",
        "Bearer gs_" + "a" * 200,
        "Bearer gs_é",
    ],
)
def test_malformed_authorization_headers_get_401(owner, header):
    response = Client().get("/api/stories", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.json()["detail"]


def test_profile_page_links_to_tokens(client_for, owner):
    assert TOKENS_URL in client_for(owner).get(reverse("accounts:profile_edit")).content.decode()


def test_creating_and_revoking_a_token_are_in_the_audit_log_without_the_secret(client_for, owner):
    from groundswell.audit.models import AuditAction, AuditEvent

    client = recently_reauthenticated(client_for(owner), owner)
    response = client.post(
        TOKENS_URL, {"name": "Research script", "scope": "read", "expires": "30"}
    )
    secret = response.context["new_secret"]
    token = ApiToken.objects.get(user=owner)
    client.post(reverse("api_tokens:revoke", args=[token.pk]))
    client.post(reverse("api_tokens:revoke", args=[token.pk]))  # a second revoke adds nothing

    events = list(AuditEvent.objects.order_by("id"))
    assert [e.action for e in events] == [
        AuditAction.API_TOKEN_CREATED,
        AuditAction.API_TOKEN_REVOKED,
    ]
    for event in events:
        assert event.actor_id == owner.pk
        assert (event.target_type, event.target_id) == ("api.apitoken", str(token.pk))
        assert event.details["prefix"] == token.prefix
        assert event.ip_address == "127.0.0.1"
        assert secret not in str(event.details) and token.token_hash not in str(event.details)
    assert events[0].details == {"prefix": token.prefix, "scope": "read", "expires_in_days": 30}
