"""Seeing what moderators hid is a staff power: a moderator has it only in a web session that
passed two-step sign-in (groundswell/core/staff.py). With a password alone they see what any
member sees."""

from __future__ import annotations

import pytest
from django.urls import reverse

from groundswell.core.testing.factories import CommentFactory, StoryFactory
from groundswell.moderation import services as moderation
from groundswell.stories.models import Identity

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_story(owner, moderator):
    story = StoryFactory.create(author=owner, title="A story a moderator hid")
    moderation.item_hide(item=story, actor=moderator, reason="Names a nurse")
    return story


@pytest.fixture
def hidden_comment(owner, member, moderator):
    story = StoryFactory.create(author=owner)
    comment = CommentFactory.create(story=story, author=member, body="A comment a moderator hid")
    moderation.item_hide(item=comment, actor=moderator, reason="Off topic")
    return comment


def test_moderator_with_a_password_only_session_gets_404_for_a_hidden_story(
    client_for, moderator, hidden_story
):
    url = reverse("stories:detail", args=[hidden_story.pk])
    assert client_for(moderator, mfa=False).get(url).status_code == 404


def test_moderator_with_a_two_step_session_sees_a_hidden_story_and_its_notice(
    client_for, moderator, hidden_story
):
    response = client_for(moderator).get(reverse("stories:detail", args=[hidden_story.pk]))
    assert response.status_code == 200
    assert "A story a moderator hid" in response.text
    assert reverse("moderation:story", args=[hidden_story.pk]) in response.text


def test_admin_with_a_password_only_session_gets_404_for_a_hidden_story(
    client_for, admin_user, hidden_story
):
    url = reverse("stories:detail", args=[hidden_story.pk])
    assert client_for(admin_user, mfa=False).get(url).status_code == 404
    assert client_for(admin_user).get(url).status_code == 200


def test_moderator_with_a_password_only_session_cannot_reach_a_hidden_comment(
    client_for, moderator, hidden_comment
):
    url = reverse("stories:comment_report", args=[hidden_comment.pk])
    assert client_for(moderator, mfa=False).get(url).status_code == 404
    assert client_for(moderator).get(url).status_code == 200


def test_moderator_without_two_step_sign_in_gets_the_members_story_page(
    client_for, moderator, outsider, hidden_comment
):
    """Without staff powers a moderator's page is a member's page (never a shared copy: the
    header differs), and their visit leaves the members' shared copy as it was."""
    story = hidden_comment.story
    url = reverse("stories:detail", args=[story.pk])
    before = client_for(outsider).get(url)
    assert before["X-Page-Cache"] == "member-miss"
    response = client_for(moderator, mfa=False).get(url)
    assert response.status_code == 200
    assert response.get("X-Page-Cache", "") == ""
    assert "A comment a moderator hid" not in response.text
    after = client_for(outsider).get(url)
    assert after["X-Page-Cache"] == "member-hit"
    assert "A comment a moderator hid" not in after.text


def test_reveal_button_needs_a_two_step_session(client_for, moderator, owner):
    story = StoryFactory.create(author=owner, identity=Identity.ANONYMOUS)
    url = reverse("stories:detail", args=[story.pk])
    reveal = reverse("stories:reveal_author", args=[story.pk])
    assert reveal not in client_for(moderator, mfa=False).get(url).text
    assert reveal in client_for(moderator).get(url).text
