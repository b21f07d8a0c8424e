"""Permission matrix: every stories URL x persona -> expected status.

Personas: anonymous, member (signed in, unrelated), author (owner of the content), moderator,
organiser, admin. 404 means "you can't know this exists"; 403 means "you can see it but not do that".
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from groundswell.core.testing.factories import CommentFactory, StoryFactory
from groundswell.stories.models import Status

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "member", "author", "moderator", "organiser", "admin"]
LOGIN = 302  # redirect to sign in


@pytest.fixture
def world(owner):
    public = StoryFactory(author=owner, title="Public story")
    members_only = StoryFactory(author=owner, audience="members", title="Members story")
    draft = StoryFactory(author=owner, status=Status.DRAFT, published_at=None, title="Draft story")
    hidden = StoryFactory(author=owner, is_hidden=True, title="Hidden story")
    withdrawn = StoryFactory(author=owner, status=Status.WITHDRAWN, title="Withdrawn story")
    anonymous = StoryFactory(author=owner, identity="anonymous", title="Anonymous story")
    comment = CommentFactory(story=public, author=owner)
    return {
        "public": public,
        "members": members_only,
        "draft": draft,
        "hidden": hidden,
        "withdrawn": withdrawn,
        "anonymous": anonymous,
        "comment": comment,
    }


@pytest.fixture
def as_persona(client_for, owner, member, moderator, organiser, admin_user):
    people = {
        "anonymous": None,
        "member": member,
        "author": owner,
        "moderator": moderator,
        "organiser": organiser,
        "admin": admin_user,
    }
    return lambda name: client_for(people[name])


# (name, method, url builder, {persona: status}); personas not listed expect the "default" entry.
MATRIX = [
    ("home", "get", lambda w: "/", {"default": 200}),
    ("site feed", "get", lambda w: reverse("stories:feed_site"), {"default": 200}),
    (
        "public story",
        "get",
        lambda w: reverse("stories:detail", args=[w["public"].pk]),
        {"default": 200},
    ),
    (
        "members story",
        "get",
        lambda w: reverse("stories:detail", args=[w["members"].pk]),
        {"anonymous": 404, "default": 200},
    ),
    (
        "draft story",
        "get",
        lambda w: reverse("stories:detail", args=[w["draft"].pk]),
        {"author": 200, "default": 404},
    ),
    (
        "hidden story",
        "get",
        lambda w: reverse("stories:detail", args=[w["hidden"].pk]),
        {"author": 200, "moderator": 200, "admin": 200, "default": 404},
    ),
    (
        "withdrawn story",
        "get",
        lambda w: reverse("stories:detail", args=[w["withdrawn"].pk]),
        {"author": 200, "default": 404},
    ),
    (
        "create form",
        "get",
        lambda w: reverse("stories:create"),
        {"anonymous": LOGIN, "default": 200},
    ),
    (
        "my stories",
        "get",
        lambda w: reverse("stories:my_stories"),
        {"anonymous": LOGIN, "default": 200},
    ),
    (
        "edit public",
        "get",
        lambda w: reverse("stories:edit", args=[w["public"].pk]),
        {"anonymous": LOGIN, "author": 200, "default": 403},
    ),
    (
        "edit draft",
        "get",
        lambda w: reverse("stories:edit", args=[w["draft"].pk]),
        {"anonymous": LOGIN, "author": 200, "default": 404},
    ),
    (
        "publish draft",
        "get",
        lambda w: reverse("stories:publish", args=[w["draft"].pk]),
        {"anonymous": LOGIN, "author": 200, "default": 404},
    ),
    (
        "withdraw public",
        "get",
        lambda w: reverse("stories:withdraw", args=[w["public"].pk]),
        {"anonymous": LOGIN, "author": 200, "default": 403},
    ),
    (
        "reveal anonymous",
        "post",
        lambda w: reverse("stories:reveal_author", args=[w["anonymous"].pk]),
        {"anonymous": LOGIN, "moderator": 200, "admin": 200, "default": 403},
    ),
    (
        "reveal named",
        "post",
        lambda w: reverse("stories:reveal_author", args=[w["public"].pk]),
        {"anonymous": LOGIN, "default": 403},
    ),
    (
        "comment on public",
        "post",
        lambda w: reverse("stories:comment_create", args=[w["public"].pk]),
        {"anonymous": LOGIN, "default": 400},
    ),
    (
        "comment on hidden",
        "post",
        lambda w: reverse("stories:comment_create", args=[w["hidden"].pk]),
        {"anonymous": LOGIN, "author": 403, "moderator": 403, "admin": 403, "default": 404},
    ),
    (
        "react to members",
        "post",
        lambda w: reverse("stories:react", args=[w["members"].pk]),
        {"anonymous": LOGIN, "default": 400},
    ),
    (
        "follow draft",
        "post",
        lambda w: reverse("stories:follow", args=[w["draft"].pk]),
        {"anonymous": LOGIN, "author": 403, "default": 404},
    ),
    (
        "report public",
        "get",
        lambda w: reverse("stories:report", args=[w["public"].pk]),
        {"anonymous": LOGIN, "default": 200},
    ),
    (
        "edit comment",
        "get",
        lambda w: reverse("stories:comment_edit", args=[w["comment"].pk]),
        {"anonymous": LOGIN, "author": 200, "default": 403},
    ),
    (
        # After a comment with crisis language: the help lines, for its author only.
        "comment posted (help lines)",
        "get",
        lambda w: reverse("stories:comment_posted", args=[w["comment"].pk]),
        {"anonymous": LOGIN, "author": 200, "default": 404},
    ),
    (
        "delete comment",
        "get",
        lambda w: reverse("stories:comment_delete", args=[w["comment"].pk]),
        {"anonymous": LOGIN, "author": 200, "default": 403},
    ),
    (
        "report comment",
        "get",
        lambda w: reverse("stories:comment_report", args=[w["comment"].pk]),
        {"anonymous": LOGIN, "default": 200},
    ),
    (
        "react comment",
        "post",
        lambda w: reverse("stories:comment_react", args=[w["comment"].pk]),
        {"anonymous": LOGIN, "default": 400},
    ),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("name", "method", "url", "expected"), MATRIX, ids=[row[0] for row in MATRIX]
)
def test_permission_matrix(world, as_persona, persona, name, method, url, expected):
    client = as_persona(persona)
    response = getattr(client, method)(url(world))
    want = expected.get(persona, expected["default"])
    assert response.status_code == want, f"{name} as {persona}: {response.status_code} != {want}"


def test_hidden_and_private_content_never_in_lists(world, client_for, member):
    anonymous_html = client_for(None).get("/").content.decode()
    member_html = client_for(member).get("/").content.decode()
    for title in ("Draft story", "Hidden story", "Withdrawn story"):
        assert title not in anonymous_html and title not in member_html
    assert "Members story" not in anonymous_html
    assert "Members story" in member_html
