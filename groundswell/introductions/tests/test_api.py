from __future__ import annotations

import uuid

import pytest

from groundswell.introductions.models import Introduction, IntroductionStatus
from groundswell.introductions.tests.conftest import NOTE

pytestmark = pytest.mark.django_db

BASE = "/api/introductions"


@pytest.mark.parametrize(
    ("action", "persona", "expected"),
    [
        ("accept", "anonymous", 401),
        ("accept", "outsider", 404),
        ("accept", "moderator", 404),
        ("accept", "member", 403),
        ("accept", "owner", 200),
        ("decline", "outsider", 404),
        ("decline", "member", 403),
        ("decline", "friend", 200),
        ("withdraw", "outsider", 404),
        ("withdraw", "owner", 403),
        ("withdraw", "member", 200),
    ],
)
def test_api_permission_matrix(request, api, intro, action, persona, expected):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    response = api(user).post(f"{BASE}/{intro.pk}/{action}")
    assert response.status_code == expected


def test_read_only_token_cannot_answer(api, intro, owner):
    assert api(owner, scope="read").post(f"{BASE}/{intro.pk}/accept").status_code == 403


def test_list_needs_sign_in_and_shows_only_mine(api, intro, owner, outsider, member):
    assert api().get(BASE).status_code == 401
    body = api(outsider).get(BASE).json()
    assert body == {"waiting": [], "received": [], "made": []}
    waiting = api(owner).get(BASE).json()["waiting"]
    assert [i["id"] for i in waiting] == [intro.pk]
    assert waiting[0]["note_for_you"] == "Olu: Fri knows the routes."
    made = api(member).get(BASE).json()["made"][0]
    assert made["your_answer"] is None
    assert made["role"] == "introducer"


def test_create_through_the_api_once_per_key(api, network, member, owner, friend):
    client = api(member)
    payload = {
        "person": owner.handle,
        "other_person": friend.handle,
        "note": NOTE,
        "submission_key": str(uuid.uuid4()),
    }
    first = client.post(BASE, payload)
    second = client.post(BASE, payload)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert Introduction.objects.count() == 1


def test_create_bad_input_is_422_per_field(api, network, member, owner, outsider):
    client = api(member)
    unknown = client.post(BASE, {"person": owner.handle, "other_person": "nobody", "note": NOTE})
    stranger = client.post(
        BASE, {"person": owner.handle, "other_person": outsider.handle, "note": NOTE}
    )
    assert unknown.status_code == stranger.status_code == 422
    # The same words whether or not the handle exists.
    assert unknown.json()["detail"][0]["msg"] == stranger.json()["detail"][0]["msg"]
    assert stranger.json()["detail"][0]["loc"] == ["body", "other_person"]
    neither = client.post(BASE, {"person": owner.handle, "note": NOTE})
    assert neither.status_code == 422
    no_note = client.post(BASE, {"person": owner.handle, "organisation": "nope", "note": ""})
    assert no_note.status_code == 422


def test_decline_is_never_attributed_in_the_api(api, intro, member, owner, friend):
    api(owner).post(f"{BASE}/{intro.pk}/accept")
    declined = api(friend).post(f"{BASE}/{intro.pk}/decline").json()
    assert declined["your_answer"] == "declined"
    made = api(member).get(BASE).json()["made"][0]
    assert made["status"] == IntroductionStatus.DECLINED
    assert made["status_label"] == "Won't go ahead"
    assert made["your_answer"] is None
    other = api(owner).get(BASE).json()["received"][0]
    assert other["your_answer"] == "accepted"
    assert "declined" not in str({k: v for k, v in other.items() if k != "status"})
    # Nor in the notifications the API lists.
    notes = api(owner).get("/api/notifications")
    assert notes.status_code == 200
    assert "won't go ahead" in str(notes.json())
    assert friend.public_name not in str(notes.json())


def test_both_accept_through_the_api(api, intro, owner, friend):
    api(owner).post(f"{BASE}/{intro.pk}/accept")
    body = api(friend).post(f"{BASE}/{intro.pk}/accept").json()
    assert body["status"] == "connected"
    assert body["conversation_id"] is not None
