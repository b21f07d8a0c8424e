from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from groundswell.accounts.models import SiteRole, User
from groundswell.audit.models import AuditAction, AuditEvent
from groundswell.core.testing.factories import PlaceFactory, TopicFactory, UserFactory
from groundswell.moderation import services
from groundswell.moderation.models import Appeal, AppealStatus, DecisionAction, ModerationDecision
from groundswell.search.models import SearchDocument
from groundswell.stories import services as story_services
from groundswell.stories.models import Comment, HiddenCause, Report, Status, Story
from groundswell.stories.searching import index_comment, index_story
from groundswell.stories.services import StoryInput

pytestmark = pytest.mark.django_db


def audit_actions(target: object) -> list[str]:
    return list(
        AuditEvent.objects.filter(target_id=str(target.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


# Hide and restore


def test_moderator_hides_story_with_reason_the_author_can_read(
    story, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        index_story(story.pk)
    assert SearchDocument.objects.filter(item_id=story.item_id).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.item_hide(
            item=story, actor=moderator, reason="It names a nurse. Please edit and appeal."
        )
    story.refresh_from_db()
    assert story.is_hidden and story.hidden_cause == HiddenCause.MODERATOR
    assert story.hidden_reason == "It names a nurse. Please edit and appeal."
    assert story.hidden_by == moderator and story.hidden_at is not None
    assert not Story.objects.visible_to(moderator).filter(pk=story.pk).exists()
    assert not SearchDocument.objects.filter(item_id=story.item_id).exists()
    assert audit_actions(story) == [AuditAction.STORY_HIDDEN]
    assert ModerationDecision.objects.get(item=story.item).action == DecisionAction.HIDDEN


def test_hiding_closes_open_reports_as_actioned(story, member, outsider, moderator):
    story_services.report_create(reporter=member, reason="harmful", story=story)
    story_services.report_create(reporter=outsider, reason="spam", story=story)
    services.item_hide(item=story, actor=moderator, reason="Abusive language")
    assert set(Report.objects.values_list("outcome", flat=True)) == {Report.Outcome.ACTIONED}
    assert not Report.objects.filter(resolved_at__isnull=True).exists()


def test_hide_needs_a_reason(story, moderator):
    with pytest.raises(ValidationError) as exc:
        services.item_hide(item=story, actor=moderator, reason="   ")
    assert "reason" in exc.value.message_dict
    story.refresh_from_db()
    assert not story.is_hidden


@pytest.mark.parametrize("persona", ["member", "owner", "organiser"])
def test_only_moderators_can_hide(story, persona, request):
    with pytest.raises(PermissionDenied):
        services.item_hide(item=story, actor=request.getfixturevalue(persona), reason="No")
    assert not AuditEvent.objects.exists()


def test_restore_shows_it_again_with_a_reason(
    story, moderator, admin_user, django_capture_on_commit_callbacks
):
    services.item_hide(item=story, actor=moderator, reason="Off topic")
    with django_capture_on_commit_callbacks(execute=True):
        services.item_restore(
            item=story, actor=admin_user, reason="On a second look it is on topic."
        )
    story.refresh_from_db()
    assert not story.is_hidden and story.hidden_cause == "" and story.hidden_reason == ""
    assert Story.objects.visible_to(None).filter(pk=story.pk).exists()
    assert SearchDocument.objects.filter(item_id=story.item_id).exists()
    latest = ModerationDecision.objects.filter(item=story.item).first()
    assert latest is not None
    assert (latest.action, latest.reason) == (
        DecisionAction.RESTORED,
        "On a second look it is on topic.",
    )
    assert audit_actions(story) == [AuditAction.STORY_HIDDEN, AuditAction.STORY_RESTORED]


def test_restoring_a_hidden_post_needs_a_reason(story, moderator):
    services.item_hide(item=story, actor=moderator, reason="Off topic")
    with pytest.raises(ValidationError):
        services.item_restore(item=story, actor=moderator, reason="")


def test_cannot_hide_a_withdrawn_story(story, owner, moderator):
    story_services.story_withdraw(story=story, actor=owner)
    with pytest.raises(ValidationError):
        services.item_hide(item=story, actor=moderator, reason="Too late")


def test_hide_and_restore_comment(comment, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        index_comment(comment.pk)
    assert SearchDocument.objects.filter(item_id=comment.item_id).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.item_hide(item=comment, actor=moderator, reason="Shares a phone number")
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "Shares a phone number"
    assert not SearchDocument.objects.filter(item_id=comment.item_id).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.item_restore(item=comment, actor=moderator, reason="The number was a helpline")
    comment.refresh_from_db()
    assert not comment.is_hidden
    assert SearchDocument.objects.filter(item_id=comment.item_id).exists()
    assert audit_actions(comment) == [AuditAction.COMMENT_HIDDEN, AuditAction.COMMENT_RESTORED]


# Automatic hold after reports


def report(user: User, **target: object) -> Report:
    return story_services.report_create(reporter=user, reason="harmful", **target)


def test_story_is_held_after_three_different_reporters(story, django_capture_on_commit_callbacks):
    reporters = UserFactory.create_batch(3)
    with django_capture_on_commit_callbacks(execute=True):
        report(reporters[0], story=story)
        report(reporters[1], story=story)
        report(reporters[1], story=story)  # the same person twice counts once
    story.refresh_from_db()
    assert not story.is_hidden
    with django_capture_on_commit_callbacks(execute=True):
        report(reporters[2], story=story)
    story.refresh_from_db()
    assert story.is_held_for_review and story.hidden_cause == HiddenCause.REPORTS
    assert story.hidden_by is None
    event = AuditEvent.objects.get(action=AuditAction.STORY_HELD)
    assert event.actor is None and event.details == {"reporters": 3}


def test_auto_hold_threshold_is_a_setting(
    story, settings, member, django_capture_on_commit_callbacks
):
    settings.MODERATION_AUTO_HOLD_REPORTS = 1
    with django_capture_on_commit_callbacks(execute=True):
        report(member, story=story)
    story.refresh_from_db()
    assert story.is_held_for_review


def test_comment_is_held_after_reports(
    comment, settings, member, outsider, django_capture_on_commit_callbacks
):
    settings.MODERATION_AUTO_HOLD_REPORTS = 2
    with django_capture_on_commit_callbacks(execute=True):
        report(member, comment=comment)
        report(outsider, comment=comment)
    comment.refresh_from_db()
    assert comment.is_held_for_review
    assert AuditEvent.objects.filter(action=AuditAction.COMMENT_HELD).count() == 1


def test_profiles_are_never_hidden_automatically(
    outsider, settings, member, django_capture_on_commit_callbacks
):
    settings.MODERATION_AUTO_HOLD_REPORTS = 1
    with django_capture_on_commit_callbacks(execute=True):
        report(member, profile_user=outsider)
    outsider.refresh_from_db()
    assert outsider.is_active
    assert Report.objects.filter(profile_user=outsider).count() == 1


def test_approving_an_auto_held_story_dismisses_its_reports(
    story, settings, member, moderator, django_capture_on_commit_callbacks
):
    settings.MODERATION_AUTO_HOLD_REPORTS = 1
    with django_capture_on_commit_callbacks(execute=True):
        report(member, story=story)
    story.refresh_from_db()
    published_at = story.published_at
    services.item_restore(item=story, actor=moderator)
    story.refresh_from_db()
    assert not story.is_hidden
    assert story.published_at == published_at  # reported stories keep their place in lists
    assert Report.objects.get(item=story.item).outcome == Report.Outcome.DISMISSED
    assert audit_actions(story) == [AuditAction.STORY_HELD, AuditAction.STORY_APPROVED]


def test_reports_of_a_held_item_cannot_just_be_closed(
    story, settings, member, moderator, django_capture_on_commit_callbacks
):
    settings.MODERATION_AUTO_HOLD_REPORTS = 1
    with django_capture_on_commit_callbacks(execute=True):
        report(member, story=story)
    with pytest.raises(ValidationError):
        services.reports_close(actor=moderator, outcome=Report.Outcome.DISMISSED, item=story)


def test_close_reports_about_a_profile(outsider, member, moderator):
    report(member, profile_user=outsider)
    closed = services.reports_close(
        actor=moderator,
        outcome=Report.Outcome.ACTIONED,
        note="Asked them to change their bio",
        profile_user=outsider,
    )
    assert closed == 1
    assert Report.objects.get().resolved_by == moderator
    event = AuditEvent.objects.get(action=AuditAction.REPORTS_RESOLVED)
    assert (event.target_type, event.target_id) == ("accounts.user", str(outsider.pk))
    assert event.details["outcome"] == "actioned"
    with pytest.raises(ValidationError):
        services.reports_close(
            actor=moderator, outcome=Report.Outcome.ACTIONED, profile_user=outsider
        )


def test_a_new_report_after_dismissal_is_open_again(story, member, moderator):
    report(member, story=story)
    services.reports_close(actor=moderator, outcome=Report.Outcome.DISMISSED, item=story)
    again = report(member, story=story)
    assert again.resolved_at is None
    assert Report.objects.filter(item=story.item).count() == 2


# Pre-moderation


def draft_for(author: User, **fields: object) -> Story:
    data = StoryInput(
        kind="story", title="My first post", body="Hello everyone, here is what happened.", **fields
    )
    return story_services.story_save_draft(author=author, data=data)


@pytest.fixture
def newcomer(db: None) -> User:
    return UserFactory.create(display_name="Nia Newcomer")


@pytest.fixture
def old_hand(db: None) -> User:
    return UserFactory.create(
        display_name="Olwen Old-hand", date_joined=timezone.now() - timedelta(days=90)
    )


def test_new_members_story_in_premoderated_place_below_is_held(
    region, newcomer, moderator, django_capture_on_commit_callbacks
):
    services.premoderation_rule_create(actor=moderator, place=region.parent)
    town = PlaceFactory(name="Bolton", slug="bolton", level="county", parent=region)
    draft = draft_for(newcomer, place=town)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        story = story_services.story_publish(story=draft, actor=newcomer, consented=True)
    assert story.is_held_for_review
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED and story.hidden_cause == HiddenCause.PREMODERATION
    assert not Story.objects.visible_to(newcomer).filter(pk=story.pk).exists()
    assert not SearchDocument.objects.filter(item_id=story.item_id).exists()
    assert callbacks  # indexing still ran, and left it out
    assert AuditEvent.objects.filter(
        action=AuditAction.STORY_HELD, target_id=str(story.pk)
    ).exists()


def test_new_members_story_in_premoderated_topic_is_held(topic, newcomer, moderator):
    services.premoderation_rule_create(actor=moderator, topic=topic)
    draft = draft_for(newcomer, topics=[topic])
    story = story_services.story_publish(story=draft, actor=newcomer, consented=True)
    assert story.is_held_for_review


def test_established_members_and_other_places_are_not_held(
    topic, region, old_hand, newcomer, moderator
):
    services.premoderation_rule_create(actor=moderator, topic=topic)
    mine = story_services.story_publish(
        story=draft_for(old_hand, topics=[topic]), actor=old_hand, consented=True
    )
    assert not mine.is_hidden
    elsewhere = story_services.story_publish(
        story=draft_for(newcomer, topics=[TopicFactory()]), actor=newcomer, consented=True
    )
    assert not elsewhere.is_hidden


def test_new_member_with_a_trust_level_is_not_held(topic, newcomer, moderator):
    trust = pytest.importorskip("groundswell.trust.models")
    services.premoderation_rule_create(actor=moderator, topic=topic)
    trust.TrustProfile.objects.create(user=newcomer, level=trust.TrustLevel.BASIC)
    story = story_services.story_publish(
        story=draft_for(newcomer, topics=[topic]), actor=newcomer, consented=True
    )
    assert not story.is_hidden


def test_new_member_window_is_a_setting(topic, old_hand, moderator, settings):
    settings.PREMODERATION_NEW_MEMBER_DAYS = 120
    services.premoderation_rule_create(actor=moderator, topic=topic)
    story = story_services.story_publish(
        story=draft_for(old_hand, topics=[topic]), actor=old_hand, consented=True
    )
    assert story.is_held_for_review


def test_staff_are_never_premoderated(topic, moderator):
    services.premoderation_rule_create(actor=moderator, topic=topic)
    fresh_moderator = UserFactory(site_role=SiteRole.MODERATOR)
    story = story_services.story_publish(
        story=draft_for(fresh_moderator, topics=[topic]), actor=fresh_moderator, consented=True
    )
    assert not story.is_hidden


def test_held_story_is_announced_only_when_approved(
    topic, newcomer, moderator, django_capture_on_commit_callbacks
):
    from groundswell.stories import signals

    announced: list[int] = []

    def receiver(sender: object, story: Story, **kwargs: object) -> None:
        announced.append(story.pk)

    signals.story_published.connect(receiver, dispatch_uid="test-announce")
    try:
        services.premoderation_rule_create(actor=moderator, topic=topic)
        draft = draft_for(newcomer, topics=[topic])
        with django_capture_on_commit_callbacks(execute=True):
            story = story_services.story_publish(story=draft, actor=newcomer, consented=True)
        assert announced == []
        first_published_at = story.published_at
        with django_capture_on_commit_callbacks(execute=True):
            services.item_restore(item=story, actor=moderator, reason="")
        assert announced == [story.pk]
    finally:
        signals.story_published.disconnect(dispatch_uid="test-announce")
    story.refresh_from_db()
    assert story.is_published and SearchDocument.objects.filter(item_id=story.item_id).exists()
    assert first_published_at is not None and story.published_at is not None
    assert story.published_at >= first_published_at  # it appears as new when approved
    assert (
        ModerationDecision.objects.filter(item=story.item).first().action == DecisionAction.APPROVED
    )


def test_rejecting_a_held_story_keeps_it_hidden_with_a_reason(topic, newcomer, moderator):
    services.premoderation_rule_create(actor=moderator, topic=topic)
    story = story_services.story_publish(
        story=draft_for(newcomer, topics=[topic]), actor=newcomer, consented=True
    )
    services.item_hide(item=story, actor=moderator, reason="Advertises a paid clinic")
    story.refresh_from_db()
    assert story.is_hidden and not story.is_held_for_review
    assert story.hidden_reason == "Advertises a paid clinic"


def test_premoderation_rule_needs_place_or_topic_once(topic, moderator):
    with pytest.raises(ValidationError):
        services.premoderation_rule_create(actor=moderator)
    services.premoderation_rule_create(actor=moderator, topic=topic)
    with pytest.raises(ValidationError):
        services.premoderation_rule_create(actor=moderator, topic=topic)


def test_premoderation_changes_are_audited(topic, moderator, member):
    rule = services.premoderation_rule_create(actor=moderator, topic=topic, note="Spam wave")
    services.premoderation_rule_delete(rule=rule, actor=moderator)
    changes = AuditEvent.objects.filter(action=AuditAction.PREMODERATION_CHANGED).order_by("id")
    assert [e.details["change"] for e in changes] == ["on", "off"]
    with pytest.raises(PermissionDenied):
        services.premoderation_rule_create(actor=member, topic=topic)


# Appeals


@pytest.fixture
def hidden_story(story: Story, moderator: User) -> Story:
    services.item_hide(item=story, actor=moderator, reason="Names a member of staff")
    return story


def test_author_appeals_once(hidden_story, owner):
    appeal = services.appeal_create(item=hidden_story, author=owner, message="I removed the name.")
    assert appeal.status == AppealStatus.OPEN and appeal.hidden_at == hidden_story.hidden_at
    with pytest.raises(ValidationError):
        services.appeal_create(item=hidden_story, author=owner, message="Please!")
    assert Appeal.objects.count() == 1


def test_only_the_author_can_appeal(hidden_story, member):
    with pytest.raises(PermissionDenied):
        services.appeal_create(item=hidden_story, author=member, message="Unfair")


def test_cannot_appeal_a_visible_or_held_post(
    story, owner, settings, member, django_capture_on_commit_callbacks
):
    with pytest.raises(ValidationError):
        services.appeal_create(item=story, author=owner, message="Why?")
    settings.MODERATION_AUTO_HOLD_REPORTS = 1
    with django_capture_on_commit_callbacks(execute=True):
        report(member, story=story)
    story.refresh_from_db()
    with pytest.raises(ValidationError):
        services.appeal_create(item=story, author=owner, message="Why?")


def test_appeal_upheld_keeps_it_hidden_and_tells_the_author(hidden_story, owner, admin_user):
    appeal = services.appeal_create(item=hidden_story, author=owner, message="I removed the name.")
    services.appeal_decide(
        appeal=appeal,
        actor=admin_user,
        overturn=False,
        reason="The name is still in paragraph two.",
    )
    appeal.refresh_from_db()
    hidden_story.refresh_from_db()
    assert (
        appeal.status == AppealStatus.UPHELD
        and appeal.decision_reason == "The name is still in paragraph two."
    )
    assert hidden_story.is_hidden
    assert AuditEvent.objects.filter(
        action=AuditAction.APPEAL_DECIDED, details__outcome="upheld"
    ).exists()
    with pytest.raises(ValidationError):
        services.appeal_decide(
            appeal=appeal, actor=admin_user, overturn=True, reason="Changed my mind"
        )


def test_appeal_overturned_restores_the_story(
    hidden_story, owner, admin_user, django_capture_on_commit_callbacks
):
    appeal = services.appeal_create(item=hidden_story, author=owner, message="I removed the name.")
    with django_capture_on_commit_callbacks(execute=True):
        services.appeal_decide(
            appeal=appeal, actor=admin_user, overturn=True, reason="Thanks for editing it."
        )
    hidden_story.refresh_from_db()
    assert hidden_story.is_published
    assert SearchDocument.objects.filter(item_id=hidden_story.item_id).exists()
    assert (
        ModerationDecision.objects.filter(item=hidden_story.item).first().action
        == DecisionAction.APPEAL_OVERTURNED
    )
    assert audit_actions(hidden_story) == [
        AuditAction.STORY_HIDDEN,
        AuditAction.STORY_RESTORED,
        AuditAction.APPEAL_DECIDED,
    ]


def test_restoring_directly_accepts_an_open_appeal(hidden_story, owner, moderator):
    appeal = services.appeal_create(item=hidden_story, author=owner, message="Please look again")
    services.item_restore(item=hidden_story, actor=moderator, reason="Fine after all")
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.OVERTURNED and appeal.decision_reason == "Fine after all"


def test_hidden_again_can_be_appealed_again(hidden_story, owner, moderator):
    services.appeal_create(item=hidden_story, author=owner, message="First")
    services.item_restore(item=hidden_story, actor=moderator, reason="OK")
    services.item_hide(item=hidden_story, actor=moderator, reason="New problem")
    services.appeal_create(item=hidden_story, author=owner, message="Second")
    assert Appeal.objects.filter(item=hidden_story.item).count() == 2


def test_comment_appeal(comment, owner, moderator):
    services.item_hide(item=comment, actor=moderator, reason="Rude")
    appeal = services.appeal_create(
        item=comment, author=owner, message="It was a joke between friends"
    )
    services.appeal_decide(appeal=appeal, actor=moderator, overturn=True, reason="OK")
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_comment_hidden_state_is_independent_of_story(comment: Comment, moderator: User) -> None:
    services.item_hide(item=comment, actor=moderator, reason="Rude")
    comment.story.refresh_from_db()
    assert not comment.story.is_hidden
