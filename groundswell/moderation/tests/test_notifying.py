"""What moderation tells authors: held, hidden, shown again, and answers to appeals."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from groundswell.follows import services as follow_services
from groundswell.moderation import notifying, services
from groundswell.moderation.models import ModerationDecision
from groundswell.notifications.models import Notification
from groundswell.notifications.selectors import entries
from groundswell.stories import services as story_services

pytestmark = pytest.mark.django_db

REASON = "It names a nurse. Please edit it and appeal."


def lines(user) -> list[str]:
    rows = Notification.objects.filter(recipient=user).in_inbox().order_by("id")
    return [f"{e.text} | {e.title} | {e.url}" for e in entries(rows, user)]


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def test_hiding_tells_the_author_with_the_reason_in_the_inbox_but_not_in_email(
    story, owner, moderator, commit
) -> None:
    with commit():
        services.item_hide(item=story, actor=moderator, reason=REASON)
    decisions = reverse("moderation:my_decisions")
    assert lines(owner) == [f"A moderator hid your post | {REASON} | {decisions}"]
    assert lines(moderator) == []
    # Straight away by email by default: what happened and a link, never the reason or title.
    (sent,) = mail.outbox
    assert sent.to == [owner.email]
    assert "A moderator hid your post" in sent.subject
    for words in ("nurse", story.title, "Mo Moderator"):
        assert words not in sent.subject and words not in sent.body


def test_the_moderator_is_never_named(story, owner, moderator, commit) -> None:
    with commit():
        services.item_hide(item=story, actor=moderator, reason=REASON)
    row = Notification.objects.get(recipient=owner)
    assert row.actor is None and row.actor_label == ""


def test_showing_again_tells_the_author(story, owner, moderator, commit) -> None:
    with commit():
        services.item_hide(item=story, actor=moderator, reason=REASON)
        services.item_restore(item=story, actor=moderator, reason="Thanks for editing it.")
    assert lines(owner)[-1].startswith(
        "A moderator checked your post and it is showing | Thanks for editing it. |"
    )


def test_reports_holding_a_post_tell_its_author(
    story, owner, member, outsider, settings, commit
) -> None:
    settings.MODERATION_AUTO_HOLD_REPORTS = 2
    with commit():
        story_services.report_create(reporter=member, reason="harmful", story=story)
    with commit():
        story_services.report_create(reporter=outsider, reason="harmful", story=story)
    assert [line.split(" | ")[0] for line in lines(owner)] == [
        "Your post is waiting for a moderator"
    ]
    assert "Several members reported this" in lines(owner)[0]
    # Nobody who reported is told anything about the author's post.
    assert lines(member) == lines(outsider) == []


def test_an_appeal_turned_down_and_one_accepted_each_tell_the_author(
    story, owner, moderator, commit
) -> None:
    with commit():
        services.item_hide(item=story, actor=moderator, reason=REASON)
    appeal = services.appeal_create(item=story, author=owner, message="I removed the name.")
    with commit():
        services.appeal_decide(
            appeal=appeal, actor=moderator, overturn=False, reason="The name is still there."
        )
    assert lines(owner)[-1].startswith(
        "A moderator answered your appeal | Turned down, it stays hidden: The name is still there."
    )
    story.refresh_from_db()
    with commit():
        services.item_restore(item=story, actor=moderator, reason="Edited, fine now.")
        services.item_hide(item=story, actor=moderator, reason="Hidden again.")
    story.refresh_from_db()
    second = services.appeal_create(item=story, author=owner, message="Please look again.")
    with commit():
        services.appeal_decide(appeal=second, actor=moderator, overturn=True, reason="Agreed.")
    assert lines(owner)[-1].startswith(
        "A moderator answered your appeal | Accepted, it is shown again: Agreed. |"
    )


def test_a_block_does_not_stop_a_moderation_notice(story, owner, moderator, commit) -> None:
    follow_services.block_create(blocker=owner, blocked=moderator)
    with commit():
        services.item_hide(item=story, actor=moderator, reason=REASON)
    assert len(lines(owner)) == 1


def test_a_moderator_hiding_their_own_post_is_not_told(story, moderator, commit) -> None:
    story.author = moderator
    story.save(update_fields=["author"])
    story.item.author = moderator
    story.item.save(update_fields=["author"])
    with commit():
        services.item_hide(item=story, actor=moderator, reason=REASON)
    assert not Notification.objects.exists()


def test_the_same_decision_twice_is_one_notification(story, owner, moderator, commit) -> None:
    with commit():
        services.item_hide(item=story, actor=moderator, reason=REASON)
    notifying.decision_committed(ModerationDecision.objects.get().pk)
    assert Notification.objects.filter(recipient=owner).count() == 1


def test_a_long_reason_is_cut_to_fit(story, owner, moderator, commit) -> None:
    with commit():
        services.item_hide(item=story, actor=moderator, reason="Too long. " * 60)
    row = Notification.objects.get(recipient=owner)
    assert len(row.target_label) == notifying.LABEL_MAX and row.target_label.endswith("…")


def test_a_premoderated_story_tells_followers_only_once_a_moderator_approves_it(
    owner, member, moderator, topic, commit
) -> None:
    from groundswell.core.testing.factories import StoryFactory
    from groundswell.follows import notifying as follows_notifying
    from groundswell.stories.models import Status

    services.premoderation_rule_create(actor=moderator, topic=topic)
    follow_services.follow_create(follower=member, kind="person", target=owner)
    story = StoryFactory(author=owner, status=Status.DRAFT, published_at=None, topics=[topic])
    with commit():
        story_services.story_publish(story=story, actor=owner, consented=True)
    assert [line.split(" | ")[0] for line in lines(owner)] == [
        "Your post is waiting for a moderator"
    ]
    new_in_following = Notification.objects.filter(type_key=follows_notifying.FOLLOWING_NEW)
    assert not new_in_following.exists()
    story.refresh_from_db()
    with commit():
        services.item_restore(item=story, actor=moderator)
    assert lines(owner)[-1].startswith(
        "A moderator checked your post and it is showing | Decisions about your posts |"
    )
    assert list(new_in_following.values_list("recipient_id", flat=True)) == [member.pk]
