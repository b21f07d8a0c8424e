from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from django.test import Client

from groundswell.accounts.models import User
from groundswell.api.services import token_create
from groundswell.collaboration import services
from groundswell.collaboration.models import CoAuthor, Suggestion
from groundswell.core.testing.factories import StoryFactory
from groundswell.stories.models import Identity, Story

pytestmark = pytest.mark.django_db

PERSONAS = (
    "author",
    "coauthor",
    "member",
    "org_admin",
    "org_member",
    "blocked",
    "moderator",
    "admin",
)


@pytest.fixture(autouse=True)
def _high_rate_limits(settings: Any) -> None:
    settings.API_RATE_LIMIT_PER_TOKEN = 10_000
    settings.API_RATE_LIMIT_ANONYMOUS = 10_000
    settings.API_RATE_LIMIT_PER_IP = 100_000


def call(
    method: str, path: str, user: User | None = None, body: Any = None, scope: str = "write"
) -> Any:
    headers = {}
    if user is not None:
        _, secret = token_create(user=user, name="t", scope=scope, expires_in_days=None)
        headers["Authorization"] = f"Bearer {secret}"
    client = Client()
    if method == "get":
        return client.get(path, headers=headers)
    return client.post(
        path, data=json.dumps(body or {}), content_type="application/json", headers=headers
    )


@pytest.fixture
def people(
    owner: User,
    coauthor: User,
    member: User,
    org_coauthor: CoAuthor,
    org_admin: User,
    org_member: User,
    blocked: User,
    moderator: User,
    admin_user: User,
) -> dict[str, User]:
    return {
        "author": owner,
        "coauthor": coauthor,
        "member": member,
        "org_admin": org_admin,
        "org_member": org_member,
        "blocked": blocked,
        "moderator": moderator,
        "admin": admin_user,
    }


@pytest.mark.parametrize("persona", (None, *PERSONAS))
def test_anyone_who_can_see_it_reads_contributors_and_history(
    resource: Story, people: dict[str, User], persona: str | None
) -> None:
    user = people[persona] if persona else None
    response = call("get", f"/api/resources/{resource.pk}/contributors", user)
    assert response.status_code == 200
    assert [c["name"] for c in response.json()["made_by"]] == [
        "Olu Owner",
        "Cora Coauthor",
        "Levenshulme Walking Group",
    ]
    assert call("get", f"/api/resources/{resource.pk}/history", user).status_code == 200


def test_hidden_resource_reads_are_404_even_for_staff(
    resource: Story, people: dict[str, User]
) -> None:
    Story.objects.filter(pk=resource.pk).update(is_hidden=True)
    for user in (None, people["moderator"], people["admin"]):
        assert call("get", f"/api/resources/{resource.pk}/contributors", user).status_code == 404
        assert call("get", f"/api/resources/{resource.pk}/history", user).status_code == 404


SUGGEST = {
    None: 401,
    "author": 403,
    "coauthor": 403,
    "member": 201,
    "org_admin": 403,
    "org_member": 201,
    "blocked": 403,
    "moderator": 201,
    "admin": 201,
}


@pytest.mark.parametrize(("persona", "expected"), SUGGEST.items())
def test_suggest_permission_matrix(
    resource: Story, people: dict[str, User], persona: str | None, expected: int
) -> None:
    user = people[persona] if persona else None
    body = {"title": "Better", "body": "Better words", "note": "clearer"}
    response = call("post", f"/api/resources/{resource.pk}/suggestions", user, body)
    assert response.status_code == expected
    assert Suggestion.objects.count() == (1 if expected == 201 else 0)


def test_read_only_token_cant_suggest(resource: Story, member: User) -> None:
    body = {"title": "Better", "body": "Better words"}
    response = call("post", f"/api/resources/{resource.pk}/suggestions", member, body, scope="read")
    assert response.status_code == 403


def test_suggest_retry_with_the_same_key_is_one_suggestion(resource: Story, member: User) -> None:
    body = {"title": "Better", "body": "Better words", "submission_key": str(uuid.uuid4())}
    first = call("post", f"/api/resources/{resource.pk}/suggestions", member, body)
    second = call("post", f"/api/resources/{resource.pk}/suggestions", member, body)
    assert first.json()["id"] == second.json()["id"]
    assert Suggestion.objects.count() == 1


def test_bad_suggestion_is_422_not_500(resource: Story, member: User) -> None:
    for body in ({"title": "", "body": "x"}, {"title": "x"}, {"title": "x" * 200, "body": "y"}):
        response = call("post", f"/api/resources/{resource.pk}/suggestions", member, body)
        assert response.status_code == 422


DECIDE = {
    None: 401,
    "author": 200,
    "coauthor": 200,
    "member": 403,
    "org_admin": 200,
    "org_member": 404,
    "blocked": 404,
    "moderator": 404,
    "admin": 404,
}


@pytest.mark.parametrize("action", ["accept", "decline"])
@pytest.mark.parametrize(("persona", "expected"), DECIDE.items())
def test_accept_and_decline_permission_matrix(
    resource: Story, people: dict[str, User], persona: str | None, expected: int, action: str
) -> None:
    s = services.suggestion_create(
        story=resource, suggester=people["member"], title="T2", body="B2"
    )
    user = people[persona] if persona else None
    response = call("post", f"/api/resources/suggestions/{s.pk}/{action}", user, {})
    assert response.status_code == expected
    if expected == 200:
        assert response.json()["status"] == {"accept": "accepted", "decline": "declined"}[action]
        again = call("post", f"/api/resources/suggestions/{s.pk}/{action}", user, {})
        assert again.status_code == 409


def test_accepting_an_out_of_date_suggestion_needs_compared(
    resource: Story, owner: User, member: User
) -> None:
    s = services.suggestion_create(story=resource, suggester=member, title="T2", body="B2")
    services.resource_edit(story=resource, editor=owner, title="Newer", body="Newer")
    response = call("post", f"/api/resources/suggestions/{s.pk}/accept", owner, {})
    assert response.status_code == 422
    response = call("post", f"/api/resources/suggestions/{s.pk}/accept", owner, {"compared": True})
    assert response.status_code == 200
    history = call("get", f"/api/resources/{resource.pk}/history").json()["items"]
    assert [(h["who"], h["source"]) for h in history] == [
        ("Mina Member", "suggestion"),
        ("Olu Owner", "author"),
    ]


def test_pseudonymous_author_is_never_named_in_the_api(member: User) -> None:
    story = StoryFactory(kind="resource", identity=Identity.PSEUDONYM, pseudonym="Quiet Heron")
    services.resource_edit(story=story, editor=story.author, title="T2", body="B2")
    s = services.suggestion_create(story=story, suggester=member, title="T3", body="B3")
    services.suggestion_accept(suggestion=s, actor=story.author)
    for path in (f"/api/resources/{story.pk}/contributors", f"/api/resources/{story.pk}/history"):
        text = call("get", path).content.decode()
        assert story.author.public_name not in text
        assert "Quiet Heron" in text


def test_unknown_fields_are_refused(resource: Story, member: User) -> None:
    body = {"title": "Better", "body": "Better words", "status": "accepted"}
    response = call("post", f"/api/resources/{resource.pk}/suggestions", member, body)
    assert response.status_code == 422
    assert not Suggestion.objects.exists()
