"""Trust-level limits, enforced in the services (so the web and the API alike)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from groundswell.core.testing.factories import (
    CommentFactory,
    StoryFactory,
    TopicFactory,
    UserFactory,
)
from groundswell.stories import services as story_services
from groundswell.stories.models import Comment, Status, Story
from groundswell.stories.services import StoryInput
from groundswell.trust.limits import check_post, count_links, find_mentions
from groundswell.trust.models import TrustLevel, TrustProfile
from groundswell.trust.services import trust_recalculate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("trust_limits")]


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("No links here, just my story.", 0),
        ("See https://www.nhs.uk/conditions/ for more.", 1),
        ('The [NHS page](https://www.nhs.uk) and [Mind](https://www.mind.org.uk "Mind").', 2),
        ("An autolink <https://example.org> and www.example.org too.", 2),
        ("Reference style [here][1].\n\n[1]: https://example.org", 1),
        ("![a photo](https://example.org/p.png) and mailto:someone@example.org", 2),
        ("Email me at someone@example.org (not a link).", 0),
    ],
)
def test_links_are_counted_however_they_are_written(text: str, links: int) -> None:
    assert count_links(text) == links


def test_mentions_are_found_but_email_addresses_are_not() -> None:
    assert find_mentions("Thanks @sam_w and @Priya.K! Write to me@example.org") == [
        "@sam_w",
        "@Priya.K",
    ]


def _new_member(**kwargs):
    return UserFactory(date_joined=timezone.now() - timedelta(hours=2), **kwargs)


def _settled_member():
    """Joined a while ago, has posted: level 1."""
    user = UserFactory(date_joined=timezone.now() - timedelta(days=10))
    StoryFactory(author=user)
    return user


def test_new_member_link_limit_says_what_why_and_when_it_lifts() -> None:
    user = _new_member()
    with pytest.raises(ValidationError) as exc:
        check_post(
            user=user,
            action="story",
            text="a https://a.example b https://b.example c https://c.example",
        )
    message = exc.value.message_dict["body"][0]
    assert "New members can add up to 2 links in a post, and this has 3." in message
    assert "spam" in message
    assert (
        "It lifts once you have been a member for 7 days and shared a story or a comment."
        in message
    )
    check_post(user=user, action="story", text="just https://a.example and https://b.example")


def test_new_members_cannot_add_images_or_mentions_yet() -> None:
    user = _new_member()
    with pytest.raises(ValidationError) as exc:
        check_post(user=user, action="story", text="My garden", has_image=True)
    assert "can't add images yet" in exc.value.message_dict["image"][0]
    with pytest.raises(ValidationError) as exc:
        check_post(user=user, action="comment", text="Thanks @sam for this")
    assert "can't mention people with @ yet (this has @sam)" in exc.value.message_dict["body"][0]


def test_limits_lift_after_a_week_and_a_first_post() -> None:
    user = _settled_member()
    check_post(
        user=user, action="story", text="Photo of the ward garden, thanks @sam", has_image=True
    )
    assert TrustProfile.objects.get(user=user).level == TrustLevel.BASIC


def test_level_lifts_over_time_without_a_new_post() -> None:
    user = UserFactory()
    StoryFactory(author=user)
    now = timezone.now()
    assert trust_recalculate(user=user, now=now).level == TrustLevel.NEW
    with pytest.raises(ValidationError):
        check_post(user=user, action="story", text="x", has_image=True, now=now)
    # Eight days on, the stored level is stale; the check recalculates before refusing.
    check_post(user=user, action="story", text="x", has_image=True, now=now + timedelta(days=8))
    assert TrustProfile.objects.get(user=user).level == TrustLevel.BASIC


def test_comments_per_day_count_comments_created_not_checks() -> None:
    user = _new_member()
    story = StoryFactory()
    for _ in range(9):
        check_post(user=user, action="comment", text="Same here.")  # checks alone never count
    CommentFactory.create_batch(10, author=user, story=story)
    with pytest.raises(ValidationError) as exc:
        check_post(user=user, action="comment", text="One more")
    message = exc.value.message_dict["body"][0]
    assert "New members can post up to 10 comments in 24 hours" in message
    assert "You can comment again in 24 hours." in message
    Comment.objects.filter(author=user).update(created_at=timezone.now() - timedelta(hours=25))
    check_post(user=user, action="comment", text="One more")


def test_comment_limit_applies_through_the_comment_service() -> None:
    user = _new_member()
    story = StoryFactory()
    CommentFactory.create_batch(10, author=user, story=story)
    with pytest.raises(ValidationError):
        story_services.comment_create(story=story, author=user, body="One too many")
    assert Comment.objects.filter(author=user).count() == 10


def _draft(author, topic):
    data = StoryInput(
        kind="story", title="Another day on the waiting list", body="Still waiting.", topics=[topic]
    )
    return story_services.story_save_draft(author=author, data=data)


def test_stories_per_day_are_counted_at_publish_and_editing_is_never_refused() -> None:
    user = _new_member()
    topic = TopicFactory.create()
    published = [_draft(user, topic) for _ in range(2)]
    for story in published:
        story_services.story_publish(story=story, actor=user, consented=True)
    third = _draft(user, topic)  # drafts are private: saving them is never refused
    with pytest.raises(ValidationError) as exc:
        story_services.story_publish(story=third, actor=user, consented=True)
    assert (
        "New members can publish up to 2 stories, ideas or resources in 24 hours"
        in exc.value.messages[0]
    )
    assert "Your draft is saved" in exc.value.messages[0]
    third.refresh_from_db()
    assert third.status == Status.DRAFT and not third.consents.exists()
    # Correcting a published story is always allowed, however many were published today.
    story_services.story_edit(
        story=published[0],
        actor=user,
        data=StoryInput(
            kind="story", title="Corrected title", body="Still waiting.", topics=[topic]
        ),
    )
    # A day later the third one can go out.
    Story.objects.filter(pk__in=[s.pk for s in published]).update(
        published_at=timezone.now() - timedelta(hours=25)
    )
    story_services.story_publish(story=third, actor=user, consented=True)
    assert Story.objects.get(pk=third.pk).status == Status.PUBLISHED


def test_confirming_consent_again_for_a_published_story_is_not_a_new_story() -> None:
    user = _new_member()
    topic = TopicFactory.create()
    stories = [_draft(user, topic) for _ in range(2)]
    for story in stories:
        story_services.story_publish(story=story, actor=user, consented=True)
    changed = story_services.story_edit(
        story=stories[0],
        actor=user,
        data=StoryInput(
            kind="story",
            title="Another day on the waiting list",
            body="Still waiting.",
            topics=[topic],
            audience="members",
        ),
    )
    assert changed.status == Status.DRAFT
    story_services.story_publish(story=changed, actor=user, consented=True)
    assert Story.objects.get(pk=changed.pk).status == Status.PUBLISHED


def test_moderators_lock_holds_even_when_the_member_would_earn_more() -> None:
    user = _settled_member()
    TrustProfile.objects.update_or_create(
        user=user, defaults={"level": TrustLevel.NEW, "level_locked_by_moderator": True}
    )
    with pytest.raises(ValidationError) as exc:
        check_post(user=user, action="story", text="x", has_image=True)
    assert "A moderator has set your account's level" in exc.value.message_dict["image"][0]


def test_staff_are_not_limited(moderator, organiser, admin_user) -> None:
    links = " ".join(f"https://{i}.example" for i in range(30))
    for person in (moderator, organiser, admin_user):
        check_post(user=person, action="story", text=links, has_image=True)


def test_limits_can_be_turned_off_and_changed_in_settings(settings) -> None:
    user = _new_member()
    settings.TRUST_LIMITS = {"0": {"links_per_post": 0}}
    with pytest.raises(ValidationError) as exc:
        check_post(user=user, action="story", text="https://a.example")
    assert "up to 0 links" in exc.value.message_dict["body"][0]
    settings.TRUST_LIMITS_ENABLED = False
    check_post(user=user, action="story", text="https://a.example")


def test_upheld_reports_hold_someone_at_basic() -> None:
    from groundswell.stories.models import Report

    user = UserFactory(date_joined=timezone.now() - timedelta(days=200))
    stories = StoryFactory.create_batch(25, author=user, helped_count=2)
    assert trust_recalculate(user=user).level == TrustLevel.TRUSTED
    Report.objects.create(
        reporter=UserFactory(),
        item=stories[0].item,
        reason=Report.Reason.SPAM,
        outcome=Report.Outcome.ACTIONED,
        resolved_at=timezone.now(),
    )
    assert trust_recalculate(user=user).level == TrustLevel.BASIC
