"""Permission matrix: every API route x persona -> expected status, as on the web.

Personas: anonymous (no credentials), member, author (owns the content), outsider (another
member), unverified (email not verified), moderator, organiser, admin; each signed in with a
read-and-write token. Further tests run the same rows with a browser session (reads), a
read-only token (writes), and revoked or expired tokens (everything).

404 means "you can't know this exists"; 403 "you can see it but not do that"; 401 "say who
you are"; 409 "not in this state". Content hidden by moderators is 404 to moderators too: through
the API they are members, with a token or a browser session (groundswell/core/staff.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from groundswell.api.models import ApiToken
from groundswell.api.services import token_revoke
from groundswell.api.tests.conftest import ApiClient
from groundswell.core.testing.factories import (
    CommentFactory,
    PlaceFactory,
    StoryFactory,
    TopicFactory,
    UserFactory,
)
from groundswell.stories.models import Status, Story

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "member",
    "author",
    "outsider",
    "unverified",
    "moderator",
    "organiser",
    "admin",
]


@pytest.fixture
def world(owner: Any) -> dict[str, Any]:
    topic = TopicFactory(slug="mental-health", name="Mental health")
    PlaceFactory(slug="england", name="England")
    public = StoryFactory(author=owner, title="Public story", topics=[topic])
    stories = {
        "public": public,
        "members": StoryFactory(author=owner, audience="members", title="Members story"),
        "draft": StoryFactory(
            author=owner, status=Status.DRAFT, published_at=None, title="Draft story"
        ),
        "hidden": StoryFactory(author=owner, is_hidden=True, title="Hidden story"),
        "withdrawn": StoryFactory(author=owner, status=Status.WITHDRAWN, title="Withdrawn story"),
    }
    # Comments made by the factory don't go through the service that counts them.
    Story.objects.filter(pk=public.pk).update(comment_count=2)
    Story.objects.filter(pk=stories["members"].pk).update(comment_count=1)
    return {
        **stories,
        "comment": CommentFactory(story=public, author=owner),
        "hidden_comment": CommentFactory(story=public, author=owner, is_hidden=True),
        "members_comment": CommentFactory(story=stories["members"], author=owner),
    }


@pytest.fixture
def people(owner, member, outsider, moderator, organiser, admin_user) -> dict[str, Any]:
    return {
        "anonymous": None,
        "member": member,
        "author": owner,
        "outsider": outsider,
        "unverified": UserFactory(username="unverified", verified=False),
        "moderator": moderator,
        "organiser": organiser,
        "admin": admin_user,
    }


NEW_STORY = {
    "title": "A new story",
    "body": "What happened next.",
    "topics": ["mental-health"],
    "identity": "named",
    "audience": "members",
}
CONSENT = {"consent": True, "notice_version": settings.CONSENT_NOTICE_VERSION}
A401 = {"anonymous": 401}


def only(who: str | tuple[str, ...], status: int, default: int, **more: int) -> dict[str, int]:
    names = (who,) if isinstance(who, str) else who
    return {**dict.fromkeys(names, status), **more, "default": default}


# (name, method, path builder, body, {persona: status, "default": status})
Row = tuple[str, str, Callable[[dict[str, Any]], str], Any, dict[str, int]]
READS: list[Row] = [
    ("list stories", "get", lambda w: "/api/stories", None, {"default": 200}),
    ("list by topic", "get", lambda w: "/api/stories?topic=mental-health", None, {"default": 200}),
    ("list by place", "get", lambda w: "/api/stories?place=england", None, {"default": 200}),
    ("public story", "get", lambda w: f"/api/stories/{w['public'].pk}", None, {"default": 200}),
    (
        "members story",
        "get",
        lambda w: f"/api/stories/{w['members'].pk}",
        None,
        {"anonymous": 404, "default": 200},
    ),
    (
        "draft story",
        "get",
        lambda w: f"/api/stories/{w['draft'].pk}",
        None,
        only("author", 200, 404),
    ),
    (
        "hidden story",
        "get",
        lambda w: f"/api/stories/{w['hidden'].pk}",
        None,
        only("author", 200, 404),
    ),
    (
        "withdrawn story",
        "get",
        lambda w: f"/api/stories/{w['withdrawn'].pk}",
        None,
        only("author", 200, 404),
    ),
    ("missing story", "get", lambda w: "/api/stories/999999", None, {"default": 404}),
    (
        "public comments",
        "get",
        lambda w: f"/api/stories/{w['public'].pk}/comments",
        None,
        {"default": 200},
    ),
    (
        "members comments",
        "get",
        lambda w: f"/api/stories/{w['members'].pk}/comments",
        None,
        {"anonymous": 404, "default": 200},
    ),
    (
        "draft comments",
        "get",
        lambda w: f"/api/stories/{w['draft'].pk}/comments",
        None,
        only("author", 200, 404),
    ),
    (
        "hidden comments",
        "get",
        lambda w: f"/api/stories/{w['hidden'].pk}/comments",
        None,
        only("author", 200, 404),
    ),
    (
        "consent public",
        "get",
        lambda w: f"/api/stories/{w['public'].pk}/consent",
        None,
        only("author", 200, 403, **A401),
    ),
    (
        "consent draft",
        "get",
        lambda w: f"/api/stories/{w['draft'].pk}/consent",
        None,
        only("author", 200, 404, **A401),
    ),
    (
        "consent withdrawn",
        "get",
        lambda w: f"/api/stories/{w['withdrawn'].pk}/consent",
        None,
        only("author", 409, 404, **A401),
    ),
    ("search", "get", lambda w: "/api/search?q=story", None, {"default": 200}),
    ("topics", "get", lambda w: "/api/topics", None, {"default": 200}),
    ("places", "get", lambda w: "/api/places", None, {"default": 200}),
    ("me", "get", lambda w: "/api/me", None, {"anonymous": 401, "default": 200}),
    ("my stories", "get", lambda w: "/api/me/stories", None, {"anonymous": 401, "default": 200}),
]
WRITES: list[Row] = [
    (
        "create story",
        "post",
        lambda w: "/api/stories",
        NEW_STORY,
        {"anonymous": 401, "unverified": 403, "default": 201},
    ),
    (
        "edit public",
        "patch",
        lambda w: f"/api/stories/{w['public'].pk}",
        {"title": "New"},
        only("author", 200, 403, **A401),
    ),
    (
        "edit members",
        "patch",
        lambda w: f"/api/stories/{w['members'].pk}",
        {"title": "New"},
        only("author", 200, 403, **A401),
    ),
    (
        "edit draft",
        "patch",
        lambda w: f"/api/stories/{w['draft'].pk}",
        {"title": "New"},
        only("author", 200, 404, **A401),
    ),
    (
        "edit hidden",
        "patch",
        lambda w: f"/api/stories/{w['hidden'].pk}",
        {"title": "New"},
        only("author", 200, 404, **A401),
    ),
    (
        "edit withdrawn",
        "patch",
        lambda w: f"/api/stories/{w['withdrawn'].pk}",
        {"title": "New"},
        only("author", 409, 404, **A401),
    ),
    (
        "publish draft",
        "post",
        lambda w: f"/api/stories/{w['draft'].pk}/publish",
        CONSENT,
        only("author", 200, 404, **A401),
    ),
    (
        "publish public",
        "post",
        lambda w: f"/api/stories/{w['public'].pk}/publish",
        CONSENT,
        only("author", 200, 403, **A401),
    ),
    (
        "publish withdrawn",
        "post",
        lambda w: f"/api/stories/{w['withdrawn'].pk}/publish",
        CONSENT,
        only("author", 409, 404, **A401),
    ),
    (
        "withdraw public",
        "post",
        lambda w: f"/api/stories/{w['public'].pk}/withdraw",
        None,
        only("author", 200, 403, **A401),
    ),
    (
        "withdraw draft",
        "post",
        lambda w: f"/api/stories/{w['draft'].pk}/withdraw",
        None,
        only("author", 200, 404, **A401),
    ),
    (
        "withdraw hidden",
        "post",
        lambda w: f"/api/stories/{w['hidden'].pk}/withdraw",
        None,
        only("author", 200, 404, **A401),
    ),
    (
        "comment public",
        "post",
        lambda w: f"/api/stories/{w['public'].pk}/comments",
        {"body": "Thank you."},
        {"anonymous": 401, "unverified": 403, "default": 201},
    ),
    (
        "comment members",
        "post",
        lambda w: f"/api/stories/{w['members'].pk}/comments",
        {"body": "Thank you."},
        {"anonymous": 401, "unverified": 403, "default": 201},
    ),
    (
        "comment draft",
        "post",
        lambda w: f"/api/stories/{w['draft'].pk}/comments",
        {"body": "Thank you."},
        only("author", 403, 404, **A401),
    ),
    (
        "comment hidden",
        "post",
        lambda w: f"/api/stories/{w['hidden'].pk}/comments",
        {"body": "Thank you."},
        only("author", 403, 404, **A401),
    ),
    (
        "comment withdrawn",
        "post",
        lambda w: f"/api/stories/{w['withdrawn'].pk}/comments",
        {"body": "Thank you."},
        only("author", 403, 404, **A401),
    ),
    (
        "edit comment",
        "patch",
        lambda w: f"/api/comments/{w['comment'].pk}",
        {"body": "Edited."},
        only("author", 200, 403, **A401),
    ),
    (
        "edit members comment",
        "patch",
        lambda w: f"/api/comments/{w['members_comment'].pk}",
        {"body": "Edited."},
        only("author", 200, 403, anonymous=401),
    ),
    (
        "edit hidden comment",
        "patch",
        lambda w: f"/api/comments/{w['hidden_comment'].pk}",
        {"body": "Edited."},
        only("author", 200, 404, **A401),
    ),
    (
        "delete comment",
        "delete",
        lambda w: f"/api/comments/{w['comment'].pk}",
        None,
        only("author", 204, 403, **A401),
    ),
    (
        "delete missing comment",
        "delete",
        lambda w: "/api/comments/999999",
        None,
        {"anonymous": 401, "default": 404},
    ),
]
ROUTES = READS + WRITES


def _send(client: ApiClient, method: str, path: str, body: Any) -> Any:
    if method in ("get", "delete"):
        return getattr(client, method)(path)
    return getattr(client, method)(path, body)


def _expected(row: Row, persona: str) -> int:
    table = row[4]
    return table.get(persona, table["default"])


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", ROUTES, ids=[r[0] for r in ROUTES])
def test_permission_matrix_with_token(world, people, token_for, persona, row):
    name, method, path, body, _ = row
    user = people[persona]
    client = ApiClient(token_for(user, "write") if user is not None else None)
    response = _send(client, method, path(world), body)
    want = _expected(row, persona)
    assert response.status_code == want, (
        f"{name} as {persona}: {response.status_code} != {want}: {response.content[:300]!r}"
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_reads_with_a_browser_session_match_tokens(world, people, persona):
    browser = Client()
    if people[persona] is not None:
        browser.force_login(people[persona])
    for row in READS:
        name, method, path, body, _ = row
        response = _send(ApiClient(client=browser), method, path(world), body)
        assert response.status_code == _expected(row, persona), f"{name} as {persona}"


def test_a_browser_session_cannot_write(world, owner):
    """Writes need a token: a signed-in browser (and so a forged cross-site request) gets 401."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)
    for name, method, path, body, _ in WRITES:
        response = _send(ApiClient(client=browser), method, path(world), body)
        assert response.status_code == 401, name


def test_a_read_only_token_cannot_write(world, owner, token_for):
    client = ApiClient(token_for(owner, "read"))
    for name, method, path, body, _ in WRITES:
        response = _send(client, method, path(world), body)
        assert response.status_code == 403, name
        assert "read-only" in response.json()["detail"]


@pytest.mark.parametrize("state", ["revoked", "expired", "inactive owner", "unknown", "malformed"])
def test_a_bad_token_gets_401_everywhere(world, owner, token_for, state):
    """A broken token is refused, never treated as anonymous, even for public reads."""
    secret = token_for(owner, "write")
    token = ApiToken.objects.get(user=owner)
    if state == "revoked":
        token_revoke(token=token, actor=owner)
    elif state == "expired":
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    elif state == "inactive owner":
        type(owner).objects.filter(pk=owner.pk).update(is_active=False)
    elif state == "unknown":
        secret = secret[:-4] + "zzzz"
    else:
        secret = "not a token"
    for name, method, path, body, _ in ROUTES:
        response = _send(ApiClient(secret), method, path(world), body)
        assert response.status_code == 401, f"{name} with a {state} token"
        assert response["WWW-Authenticate"].startswith("Bearer")
