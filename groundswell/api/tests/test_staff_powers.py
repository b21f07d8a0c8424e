"""Through the API a moderator is a member: what moderators hid stays hidden from their token,
and from their browser session even after two-step sign-in (groundswell/core/staff.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from groundswell.api.tests.conftest import ApiClient
from groundswell.core.testing.factories import CommentFactory, StoryFactory
from groundswell.moderation import services as moderation

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden(owner, member, moderator):
    visible = StoryFactory.create(author=owner, title="A visible story")
    story = StoryFactory.create(author=owner, title="A story a moderator hid")
    moderation.item_hide(item=story, actor=moderator, reason="Names a nurse")
    comment = CommentFactory.create(story=visible, author=member, body="A comment they hid")
    CommentFactory.create(story=visible, author=owner, parent=comment, body="A reply to it")
    moderation.item_hide(item=comment, actor=moderator, reason="Off topic")
    return {"visible": visible, "story": story, "comment": comment}


@pytest.mark.parametrize("persona", ["moderator", "admin_user"])
def test_a_moderators_token_gets_404_for_a_hidden_story(request, token_for, hidden, persona):
    client = ApiClient(token_for(request.getfixturevalue(persona), "read"))
    story = hidden["story"]
    assert client.get(f"/api/stories/{story.pk}").status_code == 404
    assert client.get(f"/api/stories/{story.pk}/comments").status_code == 404
    titles = [s["title"] for s in client.get("/api/stories").json()["items"]]
    assert "A visible story" in titles and "A story a moderator hid" not in titles


def test_a_moderators_token_never_reads_a_hidden_comment(token_for, moderator, hidden):
    client = ApiClient(token_for(moderator, "write"))
    response = client.get(f"/api/stories/{hidden['visible'].pk}/comments")
    assert response.status_code == 200
    assert "A comment they hid" not in response.text and "A reply to it" in response.text
    edit = client.patch(f"/api/comments/{hidden['comment'].pk}", {"body": "Edited."})
    assert edit.status_code == 404


def test_a_two_step_verified_session_reads_the_api_as_a_member(client_for, moderator, hidden):
    browser = client_for(moderator)  # passed two-step sign-in: the web pages show hidden content
    story = hidden["story"]
    page = reverse("stories:detail", args=[story.pk])
    assert browser.get(page).status_code == 200
    api = ApiClient(client=browser)
    assert api.get(f"/api/stories/{story.pk}").status_code == 404
    assert api.get(f"/api/stories/{story.pk}/comments").status_code == 404
    # ... and the web pages still do after an API read in the same session.
    assert browser.get(page).status_code == 200
