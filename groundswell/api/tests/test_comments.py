"""Comments through the API: create, reply, edit, delete, pagination."""

from __future__ import annotations

import uuid

import pytest

from groundswell.core.testing.factories import CommentFactory, StoryFactory
from groundswell.stories.models import Comment, Story

pytestmark = pytest.mark.django_db


def test_comment_and_reply(api, owner, member):
    story = StoryFactory(author=owner)
    client = api(member)
    first = client.post(f"/api/stories/{story.pk}/comments", {"body": "Thank you *so* much."})
    assert first.status_code == 201
    assert first.json()["body_html"] == "<p>Thank you <em>so</em> much.</p>\n"
    reply = client.post(
        f"/api/stories/{story.pk}/comments", {"body": "And more.", "parent_id": first.json()["id"]}
    ).json()
    assert (reply["parent_id"], reply["depth"]) == (first.json()["id"], 1)
    story.refresh_from_db()
    assert story.comment_count == 2


def test_reply_to_a_comment_on_another_story_is_refused(api, owner, member):
    story = StoryFactory(author=owner)
    elsewhere = CommentFactory()
    response = api(member).post(
        f"/api/stories/{story.pk}/comments", {"body": "Hi", "parent_id": elsewhere.pk}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "parent_id"]


def test_same_submission_key_posts_once(api, owner, member):
    story = StoryFactory(author=owner)
    client = api(member)
    key = str(uuid.uuid4())
    ids = {
        client.post(
            f"/api/stories/{story.pk}/comments", {"body": "Once", "submission_key": key}
        ).json()["id"]
        for _ in range(2)
    }
    assert len(ids) == 1 and Comment.objects.count() == 1


@pytest.mark.parametrize("body", ["", "   ", "\x00\x00", "x" * 5001])
def test_empty_or_huge_comments_are_refused(api, owner, member, body):
    story = StoryFactory(author=owner)
    response = api(member).post(f"/api/stories/{story.pk}/comments", {"body": body})
    assert response.status_code == 422
    assert not Comment.objects.exists()


def test_edit_and_delete_your_comment(api, owner, member):
    story = StoryFactory(author=owner)
    client = api(member)
    comment = client.post(f"/api/stories/{story.pk}/comments", {"body": "Frist"}).json()
    edited = client.patch(f"/api/comments/{comment['id']}", {"body": "First"}).json()
    assert edited["body"] == "First" and edited["edited_at"] is not None
    assert client.delete(f"/api/comments/{comment['id']}").status_code == 204
    assert Comment.objects.get(pk=comment["id"]).is_deleted
    assert client.patch(f"/api/comments/{comment['id']}", {"body": "Back"}).status_code == 403
    assert Story.objects.get(pk=story.pk).comment_count == 0


def test_comments_page_through_in_order(api, owner):
    story = StoryFactory(author=owner)
    made = [CommentFactory(story=story).pk for _ in range(5)]
    client = api()
    seen, cursor = [], None
    while True:
        page = client.get(
            f"/api/stories/{story.pk}/comments",
            {"limit": 2, **({"cursor": cursor} if cursor else {})},
        ).json()
        seen += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == made
