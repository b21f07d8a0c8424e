from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from groundswell.audit.models import AuditAction, AuditEvent
from groundswell.core.testing.factories import (
    CommentFactory,
    StoryFactory,
    TopicFactory,
    UserFactory,
)
from groundswell.stories import services as story_services
from groundswell.stories.models import HiddenCause
from groundswell.stories.services import StoryInput
from groundswell.trust import services
from groundswell.trust.models import TrustLevel, TrustProfile
from groundswell.trust.selectors import trust_level_for
from groundswell.trust.services import TrustStats, compute_level

pytestmark = pytest.mark.django_db


def stats(**overrides: object) -> TrustStats:
    values: dict[str, object] = {
        "verified_email": True,
        "days_since_joining": 0,
        "posts": 0,
        "reactions_received": 0,
        "problems": 0,
    }
    values.update(overrides)
    return TrustStats(**values)


@pytest.mark.parametrize(
    ("numbers", "level"),
    [
        ({}, TrustLevel.NEW),
        ({"days_since_joining": 7}, TrustLevel.NEW),  # time alone is not taking part
        ({"days_since_joining": 7, "posts": 1}, TrustLevel.BASIC),
        ({"days_since_joining": 30, "posts": 5, "reactions_received": 4}, TrustLevel.BASIC),
        ({"days_since_joining": 30, "posts": 5, "reactions_received": 5}, TrustLevel.MEMBER),
        ({"days_since_joining": 90, "posts": 20, "reactions_received": 25}, TrustLevel.TRUSTED),
        (
            {
                "days_since_joining": 400,
                "posts": 200,
                "reactions_received": 900,
                "verified_email": False,
            },
            TrustLevel.NEW,
        ),
        (
            {"days_since_joining": 400, "posts": 200, "reactions_received": 900, "problems": 1},
            TrustLevel.BASIC,
        ),
    ],
)
def test_levels_follow_the_requirements(numbers: dict[str, object], level: int) -> None:
    assert compute_level(stats(**numbers)) == level


def test_a_member_rises_through_the_levels_as_time_passes_and_others_react() -> None:
    joined = timezone.now()
    user = UserFactory(date_joined=joined)
    assert services.trust_recalculate(user=user, now=joined).level == TrustLevel.NEW
    StoryFactory(author=user)
    assert (
        services.trust_recalculate(user=user, now=joined + timedelta(days=3)).level
        == TrustLevel.NEW
    )
    assert (
        services.trust_recalculate(user=user, now=joined + timedelta(days=7)).level
        == TrustLevel.BASIC
    )
    story = StoryFactory(author=user, experienced_count=3, helped_count=2)
    CommentFactory.create_batch(3, author=user, story=story)
    profile = services.trust_recalculate(user=user, now=joined + timedelta(days=31))
    assert profile.level == TrustLevel.MEMBER
    assert (profile.posts_count, profile.reactions_received) == (5, 5)


def test_hidden_deleted_and_unverified_do_not_count() -> None:
    user = UserFactory(date_joined=timezone.now() - timedelta(days=60), verified=False)
    StoryFactory(author=user, is_hidden=True, helped_count=50)
    CommentFactory(author=user, is_deleted=True)
    profile = services.trust_recalculate(user=user)
    assert (profile.posts_count, profile.reactions_received, profile.level) == (
        0,
        0,
        TrustLevel.NEW,
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    StoryFactory(author=user)
    assert services.trust_recalculate(user=user).level == TrustLevel.BASIC


def test_a_post_hidden_by_a_moderator_holds_someone_at_basic() -> None:
    user = UserFactory(date_joined=timezone.now() - timedelta(days=200))
    StoryFactory.create_batch(25, author=user, helped_count=1)
    assert services.trust_recalculate(user=user).level == TrustLevel.TRUSTED
    StoryFactory(
        author=user, is_hidden=True, hidden_cause=HiddenCause.MODERATOR, hidden_at=timezone.now()
    )
    profile = services.trust_recalculate(user=user)
    assert (profile.level, profile.problems_count) == (TrustLevel.BASIC, 1)
    # Held for review after reports is not a verdict, so it doesn't count.
    other = UserFactory(date_joined=timezone.now() - timedelta(days=200))
    StoryFactory.create_batch(25, author=other, helped_count=1)
    StoryFactory(
        author=other, is_hidden=True, hidden_cause=HiddenCause.REPORTS, hidden_at=timezone.now()
    )
    assert services.trust_recalculate(user=other).level == TrustLevel.TRUSTED


def test_publishing_and_commenting_recalculate_the_authors_level(
    django_capture_on_commit_callbacks,
) -> None:
    user = UserFactory(date_joined=timezone.now() - timedelta(days=8))
    draft = story_services.story_save_draft(
        author=user,
        data=StoryInput(
            kind="story", title="Pacing", body="It helped.", topics=[TopicFactory.create()]
        ),
    )
    with django_capture_on_commit_callbacks(execute=True):
        story_services.story_publish(story=draft, actor=user, consented=True)
    assert TrustProfile.objects.get(user=user).level == TrustLevel.BASIC
    commenter = UserFactory(date_joined=timezone.now() - timedelta(days=8))
    with django_capture_on_commit_callbacks(execute=True):
        story_services.comment_create(story=draft, author=commenter, body="Thank you.")
    assert TrustProfile.objects.get(user=commenter).level == TrustLevel.BASIC


def test_recalculating_everyone_is_idempotent_and_respects_locks(moderator) -> None:
    old = timezone.now() - timedelta(days=40)
    people = [UserFactory(date_joined=old) for _ in range(5)]
    for person in people[:3]:
        StoryFactory(author=person)
    TrustProfile.objects.create(
        user=people[4], level=TrustLevel.TRUSTED, level_locked_by_moderator=True
    )
    assert services.trust_recalculate_all(batch_size=2) == 0  # new rows are not "changes"
    levels = dict(TrustProfile.objects.values_list("user_id", "level"))
    assert [levels[p.pk] for p in people] == [1, 1, 1, 0, 3]
    assert levels[moderator.pk] == TrustLevel.NEW  # staff are exempt from limits, not given a level
    assert services.trust_recalculate_all(batch_size=2) == 0
    assert dict(TrustProfile.objects.values_list("user_id", "level")) == levels
    StoryFactory.create_batch(5, author=people[0], helped_count=1)
    assert services.trust_recalculate_all() == 1
    assert TrustProfile.objects.get(user=people[0]).level == TrustLevel.MEMBER


def test_moderator_sets_and_locks_a_level_with_an_audit_record(moderator, member) -> None:
    profile = services.trust_set_level(
        member=member, actor=moderator, level=2, lock=True, reason="Known peer supporter"
    )
    assert (profile.level, profile.level_locked_by_moderator, profile.level_set_by) == (
        2,
        True,
        moderator,
    )
    assert services.trust_recalculate(user=member).level == 2  # locked: stays
    event = AuditEvent.objects.get(action=AuditAction.TRUST_LEVEL_SET)
    assert event.actor == moderator
    assert event.details == {
        "member": member.pk,
        "from": 0,
        "to": 2,
        "was_locked": False,
        "locked": True,
        "reason": "Known peer supporter",
    }
    unlocked = services.trust_unlock_level(member=member, actor=moderator)
    assert (unlocked.level, unlocked.level_locked_by_moderator) == (TrustLevel.NEW, False)
    assert AuditEvent.objects.filter(
        action=AuditAction.TRUST_LEVEL_UNLOCKED, actor=moderator
    ).exists()


def test_setting_a_level_needs_a_reason_and_never_your_own(moderator, member) -> None:
    with pytest.raises(ValidationError):
        services.trust_set_level(member=member, actor=moderator, level=3, lock=True, reason="  ")
    with pytest.raises(PermissionDenied):
        services.trust_set_level(member=moderator, actor=moderator, level=3, lock=True, reason="me")
    with pytest.raises(PermissionDenied):
        services.professional_verify(member=moderator, actor=moderator, title="GP", evidence="GMC")
    assert not AuditEvent.objects.exists()


def test_professional_verification_records_who_and_when(moderator, member) -> None:
    when = timezone.now() - timedelta(days=1)
    profile = services.professional_verify(
        member=member,
        actor=moderator,
        title="Social prescriber",
        evidence="Confirmed with the PCN manager",
        now=when,
    )
    assert profile.is_verified_professional
    assert (
        profile.professional_verified_by,
        profile.professional_verified_at,
        profile.verifier_name,
    ) == (moderator, when, "Mo Moderator")
    event = AuditEvent.objects.get(action=AuditAction.PROFESSIONAL_VERIFIED)
    assert event.details["title"] == "Social prescriber"
    # The badge keeps the verifier's name if their account goes.
    moderator.delete()
    profile.refresh_from_db()
    assert profile.verifier_name == "Mo Moderator"


def test_removing_a_verification_clears_it_and_is_audited(moderator, member) -> None:
    services.professional_verify(
        member=member, actor=moderator, title="GP", evidence="GMC register"
    )
    profile = services.professional_unverify(
        member=member, actor=moderator, reason="Left the profession"
    )
    assert not profile.is_verified_professional and profile.professional_title == ""
    assert (
        AuditEvent.objects.get(action=AuditAction.PROFESSIONAL_UNVERIFIED).details["reason"]
        == "Left the profession"
    )


def test_trust_level_for_counts_staff_as_trusted(moderator, member) -> None:
    assert trust_level_for(moderator) == TrustLevel.TRUSTED
    assert trust_level_for(member) == TrustLevel.NEW
    services.trust_set_level(
        member=member, actor=moderator, level=2, lock=False, reason="Peer lead"
    )
    assert trust_level_for(member) == TrustLevel.MEMBER


def test_download_my_data_includes_the_trust_level(moderator, member) -> None:
    from groundswell.privacy.signals import export_sections

    _, collect = export_sections()["trust_level"]
    assert collect(member) == []
    services.professional_verify(
        member=member, actor=moderator, title="GP", evidence="GMC register 123"
    )
    (row,) = collect(member)
    assert row["verified_professional_as"] == "GP" and row["level"] == TrustLevel.NEW
    assert "GMC register 123" not in str(row) and moderator.email not in str(row)
