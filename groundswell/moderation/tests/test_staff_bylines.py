"""Staff pages name people and stories as every other page does.

An author who replies on their own pseudonymous or anonymous story stays behind the story's
byline on the moderation pages too: only the audited reveal says who they are. A withdrawn
story's title is shown to nobody, moderators included, wherever a comment, report or appeal
leads back to it.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from groundswell.audit.models import AuditAction, AuditEvent
from groundswell.core.testing.factories import CommentFactory, StoryFactory
from groundswell.moderation import services
from groundswell.stories import services as story_services
from groundswell.stories.models import Comment, Identity, Story

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Kestrel Lane and the night shift"


@pytest.fixture(params=[Identity.ANONYMOUS, Identity.PSEUDONYM])
def masked_story(request, owner) -> Story:
    identity = request.param
    pseudonym = "Quiet Heron" if identity == Identity.PSEUDONYM else ""
    return StoryFactory.create(author=owner, identity=identity, pseudonym=pseudonym)


@pytest.fixture
def authors_comment(masked_story, owner, member) -> Comment:
    """The story's author replying on their own masked story, reported by a member."""
    comment = CommentFactory.create(
        story=masked_story, author=owner, body="Replying under my own story."
    )
    story_services.report_create(reporter=member, reason="harmful", comment=comment)
    return comment


def test_queue_shows_the_story_byline_for_its_authors_comment(
    client_for, moderator, owner, authors_comment, masked_story
):
    html = client_for(moderator).get(reverse("moderation:queue")).text
    assert "Replying under my own story." in html
    assert f"by {masked_story.byline} on" in html
    assert owner.public_name not in html


def test_held_comment_by_the_author_keeps_the_byline_in_the_queue(
    client_for, moderator, owner, masked_story, member, settings, django_capture_on_commit_callbacks
):
    settings.MODERATION_AUTO_HOLD_REPORTS = 1
    comment = CommentFactory.create(story=masked_story, author=owner, body="Held reply.")
    with django_capture_on_commit_callbacks(execute=True):
        story_services.report_create(reporter=member, reason="spam", comment=comment)
    comment.refresh_from_db()
    assert comment.is_held_for_review
    html = client_for(moderator).get(reverse("moderation:queue") + "?status=held").text
    assert "Held reply." in html and masked_story.byline in html
    assert owner.public_name not in html


def test_comment_review_offers_the_audited_reveal_not_the_member(
    client_for, moderator, owner, authors_comment, masked_story
):
    client = client_for(moderator)
    html = client.get(reverse("moderation:comment", args=[authors_comment.pk])).text
    assert masked_story.byline in html
    assert owner.public_name not in html
    assert reverse("moderation:member", args=[owner.pk]) not in html
    reveal = reverse("stories:reveal_author", args=[masked_story.pk])
    assert reveal in html
    assert not AuditEvent.objects.filter(action=AuditAction.IDENTITY_VIEWED).exists()

    revealed = client.post(reveal)
    assert revealed.status_code == 200 and owner.public_name in revealed.text
    assert AuditEvent.objects.filter(
        action=AuditAction.IDENTITY_VIEWED, actor=moderator, target_id=str(masked_story.pk)
    ).exists()


def test_story_review_offers_the_reveal_for_a_masked_story(
    client_for, moderator, owner, masked_story, member
):
    story_services.report_create(reporter=member, reason="spam", story=masked_story)
    html = client_for(moderator).get(reverse("moderation:story", args=[masked_story.pk])).text
    assert masked_story.byline in html and owner.public_name not in html
    assert reverse("stories:reveal_author", args=[masked_story.pk]) in html


def test_other_members_comments_still_name_them_for_moderators(
    client_for, moderator, masked_story, member, outsider
):
    comment = CommentFactory.create(story=masked_story, author=outsider, body="A reply.")
    story_services.report_create(reporter=member, reason="harmful", comment=comment)
    client = client_for(moderator)
    assert f"by {outsider.public_name} on" in client.get(reverse("moderation:queue")).text
    html = client.get(reverse("moderation:comment", args=[comment.pk])).text
    assert reverse("moderation:member", args=[outsider.pk]) in html
    assert reverse("stories:reveal_author", args=[masked_story.pk]) not in html


def test_appeals_and_actions_keep_the_authors_byline(
    client_for, moderator, owner, authors_comment, masked_story
):
    services.item_hide(item=authors_comment, actor=moderator, reason="Off topic")
    authors_comment.refresh_from_db()
    services.appeal_create(item=authors_comment, author=owner, message="Please look again.")
    client = client_for(moderator)
    pages = [
        reverse("moderation:queue") + "?status=appeals",
        reverse("moderation:comment_restore", args=[authors_comment.pk]),
        reverse("moderation:comment", args=[authors_comment.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert owner.public_name not in response.text, url


# Withdrawn stories


@pytest.fixture
def withdrawn(owner, member, outsider, moderator) -> dict[str, Any]:
    """A story with a reported comment and an appealed hidden comment, then withdrawn."""
    story = StoryFactory.create(author=owner, title=SECRET_TITLE)
    reported = CommentFactory.create(story=story, author=outsider, body="A reported reply.")
    story_services.report_create(reporter=member, reason="harmful", comment=reported)
    appealed = CommentFactory.create(story=story, author=member, body="An appealed reply.")
    services.item_hide(item=appealed, actor=moderator, reason="Off topic")
    appealed.refresh_from_db()
    services.appeal_create(item=appealed, author=member, message="I meant well.")
    story_services.report_create(reporter=member, reason="spam", story=story)
    story_services.story_withdraw(story=story, actor=owner)
    return {"story": story, "reported": reported, "appealed": appealed}


def test_withdrawn_story_titles_stay_out_of_staff_pages(client_for, moderator, withdrawn):
    story, reported, appealed = withdrawn["story"], withdrawn["reported"], withdrawn["appealed"]
    client = client_for(moderator)
    pages = {
        "queue": reverse("moderation:queue"),
        "appeals": reverse("moderation:queue") + "?status=appeals",
        "comment review": reverse("moderation:comment", args=[reported.pk]),
        "appealed comment review": reverse("moderation:comment", args=[appealed.pk]),
        "story review": reverse("moderation:story", args=[story.pk]),
        "close story reports": reverse("moderation:story_close", args=[story.pk]),
        "close comment reports": reverse("moderation:comment_close", args=[reported.pk]),
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert SECRET_TITLE not in response.text, name
    queue = client.get(pages["queue"]).text
    assert "A reported reply." in queue and "on a withdrawn story" in queue
    assert "on a withdrawn story" in client.get(pages["appeals"]).text
    assert "A withdrawn story" in client.get(pages["comment review"]).text


def test_published_story_titles_still_show_on_staff_pages(client_for, moderator, owner, member):
    story = StoryFactory.create(author=owner, title=SECRET_TITLE)
    comment = CommentFactory.create(story=story, author=member, body="A reply.")
    story_services.report_create(reporter=owner, reason="harmful", comment=comment)
    client = client_for(moderator)
    assert f"on “{SECRET_TITLE}”" in client.get(reverse("moderation:queue")).text
    assert SECRET_TITLE in client.get(reverse("moderation:comment", args=[comment.pk])).text
