"""Privacy through the API: what the story page hides, every API answer hides too.

An author who shares under a pseudonym or anonymously is never identified: not by id, name,
username, email or profile link, in any field of any response, to anyone (moderators included:
they reveal authors on the web, where each look is audit-logged). Members-only, draft,
withdrawn and hidden content never appears where it may not.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from groundswell.api.tests.conftest import ApiClient
from groundswell.core.testing.factories import (
    CommentFactory,
    StoryFactory,
    TopicFactory,
    UserFactory,
)
from groundswell.stories import searching as search_services
from groundswell.stories.models import Status, Story

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_author():
    return UserFactory(
        username="zeldaquiet", display_name="Zelda Quietname", email="zelda@example.org"
    )


@pytest.fixture
def world(hidden_author, owner, member):
    topic = TopicFactory(slug="mental-health", name="Mental health")
    pseudonymous = StoryFactory(
        author=hidden_author,
        identity="pseudonym",
        pseudonym="River",
        title="Pseudonymous waiting",
        topics=[topic],
    )
    anonymous = StoryFactory(
        author=hidden_author, identity="anonymous", title="Anonymous waiting", topics=[topic]
    )
    members_only = StoryFactory(
        author=owner, audience="members", title="Membersonly waiting", topics=[topic]
    )
    for title, extra in [
        ("Draftonly waiting", {"status": Status.DRAFT, "published_at": None}),
        ("Withdrawnonly waiting", {"status": Status.WITHDRAWN}),
        ("Hiddenonly waiting", {"is_hidden": True}),
    ]:
        StoryFactory(author=owner, title=title, topics=[topic], **extra)
    # The hidden author replies under their own stories (shown by the byline), and others reply.
    CommentFactory(story=pseudonymous, author=hidden_author, body="Author reply")
    CommentFactory(story=anonymous, author=hidden_author, body="Author reply")
    CommentFactory(story=anonymous, author=member, body="Member reply")
    CommentFactory(story=members_only, author=member, body="Membersonly reply")
    CommentFactory(story=pseudonymous, author=member, body="Hiddenonly comment", is_hidden=True)
    Story.objects.update(comment_count=2)
    for story in Story.objects.all():
        search_services.index_story(story.pk)
    return {"pseudonymous": pseudonymous, "anonymous": anonymous, "members": members_only}


def _paths(world: dict[str, Any]) -> list[str]:
    paths = [
        "/api/stories",
        "/api/stories?sort=popular",
        "/api/stories?topic=mental-health",
        "/api/me/stories",
    ]
    for q in (
        "waiting",
        "reply",
        "River",
        "Zelda",
        "zeldaquiet",
        "Quietname",
        "Membersonly",
        "Hiddenonly",
        "Draftonly",
        "Withdrawnonly",
    ):
        paths.append(f"/api/search?q={q}")
    for story in world.values():
        paths += [f"/api/stories/{story.pk}", f"/api/stories/{story.pk}/comments"]
    return paths


def _authors(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        if "author" in value:
            yield value["author"]
        for item in value.values():
            yield from _authors(item)
    elif isinstance(value, list):
        for item in value:
            yield from _authors(item)


@pytest.mark.parametrize("persona", ["anonymous", "member", "moderator", "admin", "hidden_author"])
def test_pseudonymous_and_anonymous_authors_are_never_identified(
    world, hidden_author, member, moderator, admin_user, token_for, persona
):
    user = {
        "anonymous": None,
        "member": member,
        "moderator": moderator,
        "admin": admin_user,
        "hidden_author": hidden_author,
    }[persona]
    client = ApiClient(token_for(user) if user else None)
    secrets = [
        "Zelda",
        "Quietname",
        "zeldaquiet",
        "zelda@example.org",
        f"/members/{hidden_author.handle}/",
        hidden_author.handle,
    ]
    for path in _paths(world):
        if persona == "hidden_author" and path == "/api/me/stories":
            continue  # their own list, of their own stories
        response = client.get(path)
        assert response.status_code in (200, 401, 404), path
        text = response.content.decode()
        for secret in secrets:
            assert secret not in text, f"{secret!r} in {path} as {persona}"
        for author in _authors(json.loads(text)):
            assert author is None or author["handle"] != hidden_author.handle, path


def test_bylines_show_the_pseudonym_or_anonymous(api, world, member):
    client = api(member)
    assert client.get(f"/api/stories/{world['pseudonymous'].pk}").json()["byline"] == "River"
    comments = client.get(f"/api/stories/{world['anonymous'].pk}/comments").json()["items"]
    by_body = {c["body"]: c for c in comments}
    assert by_body["Author reply"]["byline"] == "Anonymous member"
    assert by_body["Author reply"]["author"] is None and by_body["Author reply"]["is_story_author"]
    assert by_body["Member reply"]["author"]["handle"] == member.handle


def test_hidden_comments_without_replies_are_left_out(api, world, moderator):
    for client in (api(), api(moderator)):
        bodies = [
            c["body"]
            for c in client.get(f"/api/stories/{world['pseudonymous'].pk}/comments").json()["items"]
        ]
        assert bodies == ["Author reply"]


def test_removed_comments_with_replies_keep_their_place_but_lose_words_and_author(
    api, owner, member
):
    story = StoryFactory(author=owner)
    hidden = CommentFactory(story=story, author=member, body="Rude words", is_hidden=True)
    CommentFactory(story=story, author=owner, parent=hidden, body="A reply")
    deleted = CommentFactory(story=story, author=member, body="", is_deleted=True)
    CommentFactory(story=story, author=owner, parent=deleted, body="Another reply")
    items = api().get(f"/api/stories/{story.pk}/comments").json()["items"]
    removed = [c for c in items if c["is_hidden"] or c["is_deleted"]]
    assert len(removed) == 2
    for c in removed:
        assert (c["body"], c["body_html"], c["author"], c["byline"]) == ("", "", None, "")
    assert "Rude words" not in json.dumps(items)


@pytest.mark.parametrize("persona", ["anonymous", "member"])
def test_lists_and_search_show_only_what_the_person_may_see(world, member, token_for, persona):
    client = ApiClient(token_for(member) if persona == "member" else None)
    listed = json.dumps(client.get("/api/stories").json()) + json.dumps(
        client.get("/api/stories?sort=popular").json()
    )
    found = "".join(
        json.dumps(client.get("/api/search", {"q": q}).json())
        for q in ("waiting", "Membersonly", "Draftonly", "Withdrawnonly", "Hiddenonly", "reply")
    )
    for text in (listed, found):
        for title in ("Draftonly", "Withdrawnonly", "Hiddenonly"):
            assert title not in text
        assert ("Membersonly" in text) == (persona == "member")
    replies = client.get("/api/search", {"q": "reply"}).json()["results"]
    members_comments = [
        r for r in replies if r["story_id"] == world["members"].pk and r["comment_id"]
    ]
    assert bool(members_comments) == (persona == "member")
    assert not client.get("/api/search", {"q": "hiddenonly comment"}).json()["results"]


def test_session_reads_see_members_content_like_the_web(world, member):
    browser = Client()
    assert "Membersonly" not in browser.get("/api/stories").content.decode()
    browser.force_login(member)
    assert "Membersonly" in browser.get("/api/stories").content.decode()


def test_responses_for_members_are_never_stored_by_shared_caches(api, world, member):
    response = api(member).get(f"/api/stories/{world['members'].pk}")
    assert response["Cache-Control"] == "private, no-store"
    assert "Authorization" in response["Vary"]
