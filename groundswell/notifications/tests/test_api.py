"""The notifications API: every route for every persona, and what each returns."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from groundswell.api.services import token_create
from groundswell.notifications import preferences, services
from groundswell.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _high_api_limits(settings) -> None:
    settings.API_RATE_LIMIT_PER_TOKEN = 10_000
    settings.API_RATE_LIMIT_ANONYMOUS = 10_000
    settings.API_RATE_LIMIT_PER_IP = 100_000


def call(method: str, path: str, user: Any = None, scope: str = "write", body: Any = None):
    headers = {}
    if user is not None:
        _, secret = token_create(user=user, name="t", scope=scope, expires_in_days=None)
        headers["Authorization"] = f"Bearer {secret}"
    client = Client()
    if method == "get":
        return client.get(path, headers=headers)
    return getattr(client, method)(
        path, data=json.dumps(body or {}), content_type="application/json", headers=headers
    )


@pytest.fixture
def note(member, outsider, ping_type) -> Notification:
    n = services.notify(member, ping_type, actor=outsider, actor_label="Otto", url="/topics/")
    assert n is not None
    return n


ROUTES: list[tuple[str, Any, Any]] = [
    ("get", lambda n: "/api/notifications", None),
    ("get", lambda n: "/api/notifications/unread-count", None),
    ("get", lambda n: "/api/notifications/preferences", None),
    ("post", lambda n: f"/api/notifications/{n.pk}/read", None),
    ("post", lambda n: "/api/notifications/read-all", None),
    ("put", lambda n: "/api/notifications/preferences", {"types": []}),
]
# persona -> status for (reads, own writes, another's notification)
EXPECTED = {
    "anonymous": (401, 401),
    "member": (200, 200),
    "outsider": (200, 200),
    "moderator": (200, 200),
    "admin_user": (200, 200),
}


ROUTE_IDS = ["list", "unread-count", "preferences", "read-one", "read-all", "set-preferences"]


@pytest.mark.parametrize("persona", list(EXPECTED))
@pytest.mark.parametrize(("method", "path", "body"), ROUTES, ids=ROUTE_IDS)
def test_permission_matrix(request, note, persona, method, path, body) -> None:
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    response = call(method, path(note), user, body=body)
    expected = EXPECTED[persona][0 if method == "get" else 1]
    if "/read" in path(note) and "read-all" not in path(note) and persona != "member":
        expected = 401 if persona == "anonymous" else 404  # someone else's notification
    assert response.status_code == expected, response.content


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [r for r in ROUTES if r[0] != "get"],
    ids=[i for r, i in zip(ROUTES, ROUTE_IDS, strict=True) if r[0] != "get"],
)
def test_a_read_only_token_cannot_change_anything(note, member, method, path, body) -> None:
    response = call(method, path(note), member, scope="read", body=body)
    assert response.status_code == 403
    note.refresh_from_db()
    assert note.is_unread


def test_a_signed_in_session_reads_but_never_writes(client_for, note, member) -> None:
    client = client_for(member)
    assert client.get("/api/notifications/unread-count").json() == {"unread": 1}
    assert client.post(f"/api/notifications/{note.pk}/read").status_code == 401


def test_list_shows_only_your_own_with_links_on_site_url(settings, note, member, outsider) -> None:
    settings.SITE_URL = "https://gs.example.org"
    data = call("get", "/api/notifications", member).json()
    assert data["next_before"] is None
    [item] = data["items"]
    assert item["text"] == "Otto pinged you" and item["read"] is False
    assert item["url"] == "https://gs.example.org/topics/"
    assert call("get", "/api/notifications", outsider).json()["items"] == []


def test_list_pages_with_before(member, ping_type) -> None:
    for i in range(5):
        services.notify(member, ping_type, actor_label=f"P{i}")
    first = call("get", "/api/notifications?limit=3", member).json()
    assert [i["text"] for i in first["items"]] == [
        "P4 pinged you",
        "P3 pinged you",
        "P2 pinged you",
    ]
    rest = call("get", f"/api/notifications?limit=3&before={first['next_before']}", member).json()
    assert [i["text"] for i in rest["items"]] == ["P1 pinged you", "P0 pinged you"]
    assert rest["next_before"] is None
    assert call("get", "/api/notifications?limit=1000", member).status_code == 422


def test_mark_read_and_read_all(note, member, ping_type) -> None:
    services.notify(member, ping_type)
    assert call("post", f"/api/notifications/{note.pk}/read", member).json()["read"] is True
    assert call("get", "/api/notifications/unread-count", member).json() == {"unread": 1}
    assert call("post", "/api/notifications/read-all", member).json() == {"marked": 1}
    assert call("get", "/api/notifications/unread-count", member).json() == {"unread": 0}


def test_preferences_update_and_refuse_unknown_fields(member, ping_type) -> None:
    body = {"types": [{"type": ping_type, "in_site": False, "email": "weekly"}], "emails_off": True}
    data = call("put", "/api/notifications/preferences", member, body=body).json()
    assert data["emails_off"] is True
    assert preferences.choice_for(member, ping_type) == preferences.Choice(False, "weekly")
    for bad in (
        {"types": [{"type": ping_type, "in_site": True, "email": "hourly"}]},
        {"types": [{"type": "no_such_type", "in_site": True, "email": "never"}]},
        {"types": [], "recipient_id": 1},
    ):
        assert call("put", "/api/notifications/preferences", member, body=bad).status_code == 422
