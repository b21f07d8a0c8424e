from __future__ import annotations

from typing import Any

import pytest

from groundswell.accounts.models import User
from groundswell.offers.models import Offer, Response
from groundswell.offers.tests.conftest import api
from groundswell.places.models import Place

pytestmark = pytest.mark.django_db

PERSONAS = ("anonymous", "owner", "member", "moderator", "outsider")


@pytest.fixture
def world(
    owner: User, member: User, moderator: User, outsider: User, need: Offer, offer: Offer
) -> dict[str, Any]:
    return {
        "anonymous": None,
        "owner": owner,
        "member": member,
        "moderator": moderator,
        "outsider": outsider,
        "need": need,
        "offer": offer,
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_read_matrix(world: dict[str, Any], persona: str) -> None:
    user = world[persona]
    need = world["need"]
    listed = api("get", "/api/needs", user).json()
    detail = api("get", f"/api/offers-and-needs/{need.pk}", user)
    if persona == "anonymous":
        assert listed["items"] == []  # members-only posts
        assert detail.status_code == 404
    else:
        assert [p["id"] for p in listed["items"]] == [need.pk]
        assert detail.status_code == 200
        body = detail.json()
        assert body["side"] == "need"
        assert "email" not in str(body)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("anonymous", 401), ("owner", 403), ("member", 201), ("moderator", 201), ("outsider", 201)],
)
def test_respond_matrix(world: dict[str, Any], persona: str, expected: int) -> None:
    need = world["need"]
    response = api(
        "post",
        f"/api/offers-and-needs/{need.pk}/responses",
        world[persona],
        {"message": "I can help"},
    )
    assert response.status_code == expected
    if expected == 201:
        assert response.json()["conversation_url"]
        assert Response.objects.filter(post=need, helper=world[persona]).exists()


def test_posting_a_need(owner: User, places: dict[str, Place]) -> None:
    response = api(
        "post",
        "/api/needs",
        owner,
        {
            "category": "lifts",
            "title": "Lift to the clinic",
            "body": "Thursdays.",
            "place": "levenshulme",
            "days": [3],
            "travel_km": 5,
        },
    )
    assert response.status_code == 201, response.content
    assert response.json()["side"] == "need"
    assert Offer.objects.get().days == 0b1000


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"travel_km": 500}, "travel_km"),
        ({"days": [7]}, "days"),
        ({"place": "atlantis"}, "place"),
        ({"category": "gold"}, "category"),
    ],
)
def test_bad_input_is_a_422_on_its_field(
    owner: User, places: dict[str, Place], change: dict[str, Any], field: str
) -> None:
    body = {"category": "lifts", "title": "Lift", "body": "Thursdays.", "place": "levenshulme"}
    body.update(change)
    response = api("post", "/api/offers", owner, body)
    assert response.status_code == 422
    assert field in str(response.json())
    assert not Offer.objects.exists()


def test_a_read_only_token_cannot_post(owner: User, places: dict[str, Place]) -> None:
    body = {"category": "lifts", "title": "Lift", "body": "Thursdays.", "place": "levenshulme"}
    response = api("post", "/api/offers", owner, body, scope="read")
    assert response.status_code == 403


def test_a_cursor_the_api_never_gave_is_a_400(world: dict[str, Any]) -> None:
    response = api("get", "/api/offers?cursor=bm9wZQ", world["member"])
    assert response.status_code in (400, 422)
