"""Mentioning a member with @ and their handle tells them (stories/notifying.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from groundswell.core.testing.factories import StoryFactory, UserFactory
from groundswell.follows import services as follow_services
from groundswell.notifications.models import Notification
from groundswell.notifications.selectors import entries
from groundswell.stories import services as story_services
from groundswell.stories.models import Identity, Status
from groundswell.stories.notifying import MENTIONED, MENTIONS_TOLD

pytestmark = pytest.mark.django_db


def mentions_of(user) -> list[str]:
    rows = Notification.objects.filter(recipient=user, type_key=MENTIONED).in_inbox()
    return [f"{e.text} | {e.title}" for e in entries(rows, user)]


def comment(story, author, body, commit) -> None:
    with commit(execute=True):
        story_services.comment_create(story=story, author=author, body=body)


def test_a_mention_in_a_comment_tells_the_person_once(
    owner, member, outsider, django_capture_on_commit_callbacks
) -> None:
    story = StoryFactory(author=owner, title="Finding a carers' group")
    body = f"@{outsider.handle} ran one in Splott, ask @{outsider.handle.upper()}!"
    comment(story, member, body, django_capture_on_commit_callbacks)
    assert mentions_of(outsider) == [
        f"{member.public_name} mentioned you | a comment on Finding a carers' group"
    ]
    # the story's author hears of it as a comment, not a second time as a mention
    comment(story, member, f"Thanks @{owner.handle}", django_capture_on_commit_callbacks)
    assert mentions_of(owner) == []
    assert Notification.objects.filter(recipient=owner, type_key="story_reply").count() == 2


def test_a_mention_in_a_pseudonymous_story_shows_the_pseudonym_only(
    owner, member, django_capture_on_commit_callbacks
) -> None:
    story = StoryFactory(
        author=owner,
        status=Status.DRAFT,
        published_at=None,
        identity=Identity.PSEUDONYM,
        pseudonym="Quiet Heron",
        body=f"Thank you @{member.handle} for listening.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        story_services.story_publish(story=story, actor=owner, consented=True)
    [line] = mentions_of(member)
    assert line.startswith("Quiet Heron mentioned you")
    assert owner.public_name not in line


def test_nobody_blocked_either_way_is_told_and_unknown_handles_are_ignored(
    owner, member, outsider, django_capture_on_commit_callbacks
) -> None:
    follow_services.block_create(blocker=member, blocked=owner)
    story = StoryFactory(author=UserFactory())
    comment(
        story,
        owner,
        f"@{member.handle} @{outsider.handle} @nobody-here @{owner.handle}",
        django_capture_on_commit_callbacks,
    )
    assert mentions_of(member) == []  # blocked the writer
    assert mentions_of(owner) == []  # never of one's own words
    assert len(mentions_of(outsider)) == 1


def test_a_post_naming_many_people_tells_only_the_first_few(
    owner, django_capture_on_commit_callbacks
) -> None:
    people = UserFactory.create_batch(MENTIONS_TOLD + 3)
    body = " ".join(f"@{p.handle}" for p in people)
    comment(StoryFactory(author=UserFactory()), owner, body, django_capture_on_commit_callbacks)
    assert Notification.objects.filter(type_key=MENTIONED).count() == MENTIONS_TOLD


def test_the_profile_says_how_to_mention_someone(client_for, member, outsider) -> None:
    StoryFactory(author=outsider)  # a profile shows once they shared something
    page = client_for(member).get(reverse("accounts:profile", args=[outsider.handle]))
    assert f"write @{outsider.handle}" in page.content.decode()
