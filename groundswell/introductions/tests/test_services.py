from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import ValidationError

from groundswell.follows import selectors as follow_selectors
from groundswell.follows import services as follow_services
from groundswell.introductions import notifying, services
from groundswell.introductions.models import Answer, Introduction, IntroductionStatus
from groundswell.introductions.tests.conftest import NOTE
from groundswell.messaging.models import Conversation, Message
from groundswell.notifications.models import Notification
from groundswell.privacy.services import account_delete
from groundswell.privacy.signals import export_sections

pytestmark = pytest.mark.django_db


def _types(user):
    return list(Notification.objects.filter(recipient=user).values_list("type_key", flat=True))


def test_both_sides_are_told_by_name_of_the_introducer(intro, member, owner, friend):
    for side in (owner, friend):
        n = Notification.objects.get(recipient=side, type_key=notifying.RECEIVED)
        assert n.actor == member
        assert n.actor_label == member.public_name
    assert not Notification.objects.filter(recipient=member).exists()


def test_two_people_are_stored_lower_id_first_with_their_own_words(intro, owner, friend):
    assert (intro.person_a, intro.person_b) == (owner, friend)
    assert intro.note_a == "Olu: Fri knows the routes."
    assert intro.note_b == "Fri: Olu is new here."


def test_words_follow_their_person_when_the_order_swaps(network, member, owner, friend):
    intro = services.introduction_create(
        introducer=member,
        person=friend,
        other_person=owner,
        note=NOTE,
        note_to_person="for Fri",
        note_to_other="for Olu",
    )
    assert intro.person_a == owner
    assert intro.note_a == "for Olu"
    assert intro.note_b == "for Fri"


def test_both_accept_connects_them_with_a_conversation_that_opens_with_the_note(
    intro, member, owner, friend
):
    services.introduction_answer(introduction=intro, user=owner, accept=True)
    assert not follow_selectors.are_connected(owner, friend)
    services.introduction_answer(introduction=intro, user=friend, accept=True)
    intro.refresh_from_db()
    assert intro.status == IntroductionStatus.CONNECTED
    assert follow_selectors.are_connected(owner, friend)
    conversation = Conversation.objects.get(pk=intro.conversation_id)
    assert set(conversation.participants.values_list("user_id", flat=True)) == {owner.pk, friend.pk}
    message = Message.objects.get(conversation=conversation)
    assert NOTE in message.body
    assert member.public_name in message.body
    for person in (member, owner, friend):
        assert notifying.CONNECTED in _types(person)


def test_going_ahead_twice_sends_one_message(intro, owner, friend):
    services.introduction_answer(introduction=intro, user=owner, accept=True)
    services.introduction_answer(introduction=intro, user=friend, accept=True)
    services.introduction_answer(introduction=intro, user=friend, accept=True)
    assert Message.objects.count() == 1


def test_a_decline_says_only_that_it_wont_go_ahead(intro, member, owner, friend):
    services.introduction_answer(introduction=intro, user=owner, accept=True)
    services.introduction_answer(introduction=intro, user=friend, accept=False)
    intro.refresh_from_db()
    assert intro.status == IntroductionStatus.DECLINED
    assert not follow_selectors.are_connected(owner, friend)
    told = Notification.objects.filter(type_key=notifying.CLOSED)
    assert set(told.values_list("recipient_id", flat=True)) == {member.pk, owner.pk}
    for n in told:
        # Nothing names or points at whoever declined.
        assert n.actor_id is None
        assert n.actor_label == ""
        assert friend.public_name not in n.target_label
    assert notifying.CLOSED not in _types(friend)


def test_declining_first_closes_it_for_the_other_side(intro, owner, friend):
    services.introduction_answer(introduction=intro, user=owner, accept=False)
    with pytest.raises(services.NotAllowed):
        services.introduction_answer(introduction=intro, user=friend, accept=True)
    # Declining again is harmless.
    services.introduction_answer(introduction=intro, user=owner, accept=False)


def test_a_side_can_change_its_mind_while_it_waits(intro, owner):
    services.introduction_answer(introduction=intro, user=owner, accept=True)
    services.introduction_answer(introduction=intro, user=owner, accept=False)
    intro.refresh_from_db()
    assert intro.answer_a == Answer.DECLINED
    assert intro.status == IntroductionStatus.DECLINED


def test_the_introducer_and_strangers_cannot_answer(intro, member, outsider):
    for user in (member, outsider):
        with pytest.raises(services.NotAllowed):
            services.introduction_answer(introduction=intro, user=user, accept=True)


def test_a_block_made_while_it_waits_stops_it_going_ahead(intro, member, owner, friend):
    services.introduction_answer(introduction=intro, user=owner, accept=True)
    follow_services.block_create(blocker=owner, blocked=friend)
    services.introduction_answer(introduction=intro, user=friend, accept=True)
    intro.refresh_from_db()
    assert intro.status == IntroductionStatus.DECLINED
    assert not follow_selectors.are_connected(owner, friend)


def test_person_and_organisation_connect_through_its_inbox(org_intro, owner, org, org_admin):
    assert notifying.RECEIVED in _types(org_admin)
    services.introduction_answer(introduction=org_intro, user=org_admin, accept=True)
    services.introduction_answer(introduction=org_intro, user=owner, accept=True)
    org_intro.refresh_from_db()
    assert org_intro.status == IntroductionStatus.CONNECTED
    assert org_intro.answered_b_by == org_admin
    conversation = org_intro.conversation
    assert conversation.organisation == org
    assert Message.objects.get(conversation=conversation).sender == owner


def test_an_organisations_plain_member_cannot_answer_for_it(org_intro, org_member):
    with pytest.raises(services.NotAllowed):
        services.introduction_answer(introduction=org_intro, user=org_member, accept=True)


def test_withdraw_while_pending_only(intro, member, owner):
    services.introduction_withdraw(introduction=intro, actor=member)
    intro.refresh_from_db()
    assert intro.status == IntroductionStatus.WITHDRAWN
    services.introduction_withdraw(introduction=intro, actor=member)  # harmless twice
    with pytest.raises(services.NotAllowed):
        services.introduction_answer(introduction=intro, user=owner, accept=True)
    with pytest.raises(services.NotAllowed):
        services.introduction_withdraw(introduction=intro, actor=owner)


def test_same_submission_key_makes_one_introduction(network, member, owner, friend):
    key = uuid.uuid4()
    first = services.introduction_create(
        introducer=member, person=owner, other_person=friend, note=NOTE, submission_key=key
    )
    second = services.introduction_create(
        introducer=member, person=owner, other_person=friend, note=NOTE, submission_key=key
    )
    assert first.pk == second.pk
    assert Introduction.objects.count() == 1


def _refusal(field, **kwargs):
    with pytest.raises(ValidationError) as exc:
        services.introduction_create(**kwargs)
    return exc.value.message_dict[field][0]


def test_refusals_say_what_is_wrong(network, member, owner, friend, outsider):
    assert "two different" in _refusal(
        "other_person", introducer=member, person=owner, other_person=owner, note=NOTE
    )
    assert "yourself" in _refusal(
        "other_person", introducer=member, person=member, other_person=owner, note=NOTE
    )
    assert "connected with" in _refusal(
        "other_person", introducer=member, person=owner, other_person=outsider, note=NOTE
    )
    assert "Write a few words" in _refusal(
        "note", introducer=member, person=owner, other_person=friend, note="   "
    )
    assert "2,000 characters" in _refusal(
        "note", introducer=member, person=owner, other_person=friend, note="x" * 2001
    )


def test_people_already_connected_are_not_introduced(network, member, owner, friend):
    follow_services.connection_make(user=owner, other=friend)
    assert "already connected" in _refusal(
        "other_person", introducer=member, person=owner, other_person=friend, note=NOTE
    )


def test_a_block_between_them_is_refused_without_saying_so(network, member, owner, friend):
    follow_services.block_create(blocker=owner, blocked=friend)
    message = _refusal(
        "other_person", introducer=member, person=owner, other_person=friend, note=NOTE
    )
    assert "block" not in message.lower()


def test_blocked_by_a_side_cannot_introduce_them(network, member, owner, friend):
    follow_services.block_create(blocker=owner, blocked=member)
    _refusal("other_person", introducer=member, person=owner, other_person=friend, note=NOTE)


def test_one_waiting_introduction_of_the_same_two(intro, member, owner, friend):
    with pytest.raises(ValidationError, match="already introduced"):
        services.introduction_create(
            introducer=member, person=friend, other_person=owner, note=NOTE
        )


def test_not_asked_again_soon_after_it_did_not_go_ahead(intro, member, owner, friend):
    services.introduction_answer(introduction=intro, user=owner, accept=False)
    with pytest.raises(ValidationError, match="won't ask again"):
        services.introduction_create(
            introducer=member, person=owner, other_person=friend, note=NOTE
        )


def test_daily_limit(settings, network, member, owner, friend, org, org_admin):
    settings.INTRODUCTIONS_PER_DAY = 1
    services.introduction_create(introducer=member, person=owner, other_person=friend, note=NOTE)
    with pytest.raises(ValidationError, match="24 hours"):
        services.introduction_create(introducer=member, person=owner, organisation=org, note=NOTE)


def test_organisation_staff_are_not_introduced_to_their_own(network, member, org, org_admin):
    follow_services.connection_make(user=member, other=org_admin)
    assert "already helps run" in _refusal(
        "organisation", introducer=member, person=org_admin, organisation=org, note=NOTE
    )


def test_an_erased_side_closes_it_as_declined(intro, member, owner, friend):
    account_delete(user=friend, mode="everything")
    intro.refresh_from_db()
    assert intro.status == IntroductionStatus.DECLINED
    assert intro.person_b is None
    assert set(
        Notification.objects.filter(type_key=notifying.CLOSED).values_list(
            "recipient_id", flat=True
        )
    ) == {member.pk, owner.pk}


def test_an_erased_introducer_withdraws_and_their_words_go(intro, member):
    account_delete(user=member, mode="everything")
    intro.refresh_from_db()
    assert intro.status == IntroductionStatus.WITHDRAWN
    assert intro.introducer is None
    assert intro.note == intro.note_a == intro.note_b == ""


def test_export_has_own_answer_and_never_the_other_sides(intro, member, owner, friend):
    services.introduction_answer(introduction=intro, user=owner, accept=True)
    services.introduction_answer(introduction=intro, user=friend, accept=False)
    collect = export_sections()["introductions"][1]
    owner_rows = collect(owner)
    assert owner_rows[0]["your_answer"] == "Accepted"
    assert "Declined" not in str(owner_rows)
    assert owner_rows[0]["your_note_to_each"] == "Olu: Fri knows the routes."
    assert "Fri: Olu is new here." not in str(owner_rows)
    made = collect(member)
    assert made[0]["introduced_by"] == "You"
    assert "Accepted" not in str(made) and "Declined" not in str(made)
