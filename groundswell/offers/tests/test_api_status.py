"""The poster's status changes through the API: who replied, matched, done (with thanks) and
withdrawn, with the pages' permissions: 401 signed out, 404 for what the caller can't see, 403
for someone who sees it but did not post it, 422 with a reason for a change its status does not
allow."""

from __future__ import annotations

from typing import Any

import pytest

from groundswell.accounts.models import User
from groundswell.notifications.models import Notification
from groundswell.offers import services
from groundswell.offers.models import Offer, Response, Status
from groundswell.offers.tests.conftest import api

pytestmark = pytest.mark.django_db

PERSONAS = ("anonymous", "owner", "member", "moderator", "outsider")


@pytest.fixture
def reply(need: Offer, member: User, commit: Any) -> Response:
    with commit():
        return services.response_create(post=need, helper=member, message="I walk on Tuesdays.")


@pytest.fixture
def world(
    owner: User, member: User, moderator: User, outsider: User, need: Offer, reply: Response
) -> dict[str, Any]:
    return {
        "anonymous": None,
        "owner": owner,
        "member": member,
        "moderator": moderator,
        "outsider": outsider,
    }


def _path(need: Offer, action: str) -> str:
    return f"/api/offers-and-needs/{need.pk}/{action}"


# (action, method, {persona: status})
WRITES = {"anonymous": 401, "owner": 200, "member": 403, "moderator": 403, "outsider": 403}
MATRIX: list[tuple[str, str, dict[str, int]]] = [
    # Reading needs no token; the need is for members, so a visitor doesn't know it exists.
    ("responses", "get", {**WRITES, "anonymous": 404}),
    ("matched", "post", WRITES),
    ("done", "post", WRITES),
    ("withdraw", "post", WRITES),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("action", "method", "expected"), MATRIX, ids=[m[0] for m in MATRIX])
def test_api_status_matrix(
    world: dict[str, Any],
    need: Offer,
    reply: Response,
    persona: str,
    action: str,
    method: str,
    expected: dict[str, int],
) -> None:
    body = {"response": reply.pk} if action == "matched" else {}
    response = api(method, _path(need, action), world[persona], body)
    assert response.status_code == expected[persona], (action, persona, response.content)
    need.refresh_from_db()
    changed = {"matched": Status.MATCHED, "done": Status.DONE, "withdraw": Status.WITHDRAWN}
    if action in changed:
        assert (need.status == changed[action]) == (expected[persona] == 200)


@pytest.mark.parametrize("action", ["responses", "matched", "done", "withdraw"])
def test_a_post_the_caller_cannot_see_is_a_404(
    need: Offer, reply: Response, outsider: User, action: str
) -> None:
    Offer.objects.filter(pk=need.pk).update(status=Status.WITHDRAWN)
    method = "get" if action == "responses" else "post"
    response = api(method, _path(need, action), outsider, {"response": reply.pk})
    assert response.status_code == 404
    assert api("post", "/api/offers-and-needs/999999/done", outsider).status_code == 404


def test_the_poster_lists_who_replied(need: Offer, reply: Response, owner: User) -> None:
    [row] = api("get", _path(need, "responses"), owner, scope="read").json()
    assert row["id"] == reply.pk
    assert row["helper"] == "Mina Member"
    assert row["message"] == "I walk on Tuesdays."
    assert row["conversation_url"]
    assert "email" not in row


def test_matched_then_done_with_thanks(
    need: Offer, reply: Response, owner: User, member: User, commit: Any
) -> None:
    with commit():
        matched = api("post", _path(need, "matched"), owner, {"response": reply.pk})
    assert matched.status_code == 200, matched.content
    assert matched.json()["status"] == "matched"
    with commit():
        done = api("post", _path(need, "done"), owner, {"thanks": "Thank you, Mina!"})
    assert done.status_code == 200, done.content
    need.refresh_from_db()
    assert (need.status, need.thanks, need.matched_response_id) == (
        Status.DONE,
        "Thank you, Mina!",
        reply.pk,
    )
    assert Notification.objects.filter(recipient=member, type_key="offer_thanks").exists()


def test_done_without_matching_first_is_allowed_as_on_the_page(
    need: Offer, reply: Response, owner: User
) -> None:
    response = api("post", _path(need, "done"), owner, {"response": reply.pk, "thanks": "Ta!"})
    assert response.status_code == 200, response.content
    need.refresh_from_db()
    assert need.status == Status.DONE
    assert need.matched_response_id == reply.pk


def test_a_thank_you_with_nobody_to_thank_is_a_422_on_response(
    need: Offer, reply: Response, owner: User
) -> None:
    response = api("post", _path(need, "done"), owner, {"thanks": "Thanks all"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "response"]
    need.refresh_from_db()
    assert need.status == Status.OPEN


@pytest.mark.parametrize(
    ("status", "action", "reason"),
    [
        (Status.MATCHED, "matched", "already matched"),
        (Status.DONE, "matched", "already done"),
        (Status.DONE, "done", "already done"),
        (Status.WITHDRAWN, "done", "withdrawn"),
        (Status.WITHDRAWN, "matched", "withdrawn"),
        (Status.WITHDRAWN, "withdraw", "withdrawn"),
    ],
)
def test_a_change_its_status_does_not_allow_is_a_422_with_a_reason(
    need: Offer, reply: Response, owner: User, status: str, action: str, reason: str
) -> None:
    Offer.objects.filter(pk=need.pk).update(status=status)
    response = api("post", _path(need, action), owner, {"response": reply.pk})
    assert response.status_code == 422, response.content
    [issue] = response.json()["detail"]
    assert issue["loc"] == ["body", "status"]
    assert reason in issue["msg"]
    need.refresh_from_db()
    assert need.status == status


def test_a_hidden_post_cannot_be_matched_while_a_moderator_looks(
    need: Offer, reply: Response, owner: User
) -> None:
    Offer.objects.filter(pk=need.pk).update(is_hidden=True)
    response = api("post", _path(need, "matched"), owner, {"response": reply.pk})
    assert response.status_code == 422
    assert "moderator" in response.json()["detail"][0]["msg"]


def test_a_reply_to_another_post_is_a_422_on_response(
    need: Offer, offer: Offer, reply: Response, owner: User, commit: Any
) -> None:
    with commit():
        elsewhere = services.response_create(post=offer, helper=owner, message="Interested!")
    for action in ("matched", "done"):
        response = api("post", _path(need, action), owner, {"response": elsewhere.pk})
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", "response"]
    need.refresh_from_db()
    assert need.status == Status.OPEN


@pytest.mark.parametrize(
    "body",
    [{}, {"response": "one"}, {"response": 0}, {"response": 2**70}, {"response": 1, "x": 1}],
)
def test_bad_match_bodies_are_422_not_500(need: Offer, owner: User, body: Any) -> None:
    assert api("post", _path(need, "matched"), owner, body).status_code == 422


def test_a_read_only_token_cannot_change_status(need: Offer, reply: Response, owner: User) -> None:
    response = api("post", _path(need, "withdraw"), owner, scope="read")
    assert response.status_code == 403
    need.refresh_from_db()
    assert need.status == Status.OPEN


def test_withdrawing_through_the_api(need: Offer, owner: User, member: User) -> None:
    response = api("post", _path(need, "withdraw"), owner)
    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    assert api("get", f"/api/offers-and-needs/{need.pk}", member).status_code == 404
