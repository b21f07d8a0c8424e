from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from groundswell.accounts.models import User
from groundswell.core.testing.factories import UserFactory
from groundswell.follows.models import Block
from groundswell.messaging.models import Message
from groundswell.notifications.models import Notification
from groundswell.offers import services
from groundswell.offers.models import Match, Offer, Response, Status
from groundswell.offers.tests.conftest import make_input
from groundswell.organisations.models import Membership, Organisation, Role
from groundswell.places.models import Place

pytestmark = pytest.mark.django_db


def test_posting_twice_with_one_submission_key_makes_one_post(
    owner: User, places: dict[str, Place]
) -> None:
    key = uuid.uuid4()
    first = services.offer_create(
        author=owner, data=make_input(places["levenshulme"]), submission_key=key
    )
    again = services.offer_create(
        author=owner, data=make_input(places["levenshulme"]), submission_key=key
    )
    assert first.pk == again.pk
    assert Offer.objects.count() == 1
    assert first.item.kind == "offer"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "   "}, "title"),
        ({"body": ""}, "body"),
        ({"category": "gold"}, "category"),
        ({"travel_km": 101}, "travel_km"),
        ({"travel_km": -1}, "travel_km"),
        ({"travel_km": None}, "travel_km"),
        ({"days": 200}, "days"),
        ({"times": 8}, "times"),
        ({"reach": "teleport"}, "reach"),
    ],
)
def test_bad_input_gets_an_error_on_its_field(
    owner: User, places: dict[str, Place], overrides: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.offer_create(author=owner, data=make_input(places["levenshulme"], **overrides))
    assert field in caught.value.message_dict
    assert Offer.objects.count() == 0


def test_online_only_needs_no_distance(owner: User, places: dict[str, Place]) -> None:
    post = services.offer_create(
        author=owner, data=make_input(places["levenshulme"], reach="online", travel_km=12)
    )
    assert post.travel_km is None
    assert post.reach_label == "Online or by phone only"


def test_posting_as_an_organisation_nobody_can_answer_is_refused(
    owner: User, places: dict[str, Place]
) -> None:
    org = Organisation.objects.create(name="Quiet Group", slug="quiet", kind="community_group")
    Membership.objects.create(organisation=org, user=owner, role=Role.MEMBER)
    org.members_may_post = True
    org.save()
    gone = UserFactory.create(username="gone", is_active=False)
    Membership.objects.create(organisation=org, user=gone, role=Role.OWNER)
    with pytest.raises(ValidationError) as caught:
        services.offer_create(
            author=owner, data=make_input(places["levenshulme"], organisation=org)
        )
    assert "Nobody can answer" in caught.value.message_dict["organisation"][0]


def test_a_member_without_a_verified_email_cannot_be_reached(places: dict[str, Place]) -> None:
    unverified = UserFactory.create(username="unverified", verified=False)
    with pytest.raises(ValidationError) as caught:
        services.offer_create(author=unverified, data=make_input(places["levenshulme"]))
    assert "verify your email" in caught.value.messages[0]


def test_posting_as_an_organisation_you_cannot_post_for_is_refused(
    owner: User, places: dict[str, Place]
) -> None:
    org = Organisation.objects.create(name="Other Group", slug="other", kind="community_group")
    with pytest.raises(ValidationError) as caught:
        services.offer_create(
            author=owner, data=make_input(places["levenshulme"], organisation=org)
        )
    assert "organisation" in caught.value.message_dict


def test_i_can_help_starts_a_conversation_without_a_connection(
    need: Offer, member: User, commit: Any
) -> None:
    with commit():
        response = services.response_create(post=need, helper=member, message="I walk most days.")
    assert response.conversation_id is not None
    message = Message.objects.get(conversation_id=response.conversation_id)
    assert "I walk most days." in message.body
    need.refresh_from_db()
    assert need.response_count == 1
    assert Notification.objects.filter(recipient=need.author, type_key="offer_response").exists()


def test_saying_i_can_help_twice_is_one_response(need: Offer, member: User) -> None:
    first = services.response_create(post=need, helper=member, message="Hello")
    second = services.response_create(post=need, helper=member, message="Hello again")
    assert first.pk == second.pk
    assert Response.objects.count() == 1
    need.refresh_from_db()
    assert need.response_count == 1


def test_you_cannot_help_with_your_own_need(need: Offer, owner: User) -> None:
    with pytest.raises(PermissionDenied):
        services.response_create(post=need, helper=owner, message="Me")


def test_a_blocked_person_cannot_say_i_can_help(need: Offer, owner: User, member: User) -> None:
    Block.objects.create(blocker=owner, blocked=member)
    with pytest.raises(PermissionDenied):
        services.response_create(post=need, helper=member, message="Hello")
    assert not Message.objects.exists()


def test_helping_with_an_organisations_need_writes_to_its_inbox(
    owner: User, member: User, places: dict[str, Place]
) -> None:
    org = Organisation.objects.create(name="Walk Group", slug="walk", kind="community_group")
    Membership.objects.create(organisation=org, user=owner, role=Role.OWNER)
    post = services.offer_create(
        author=owner, data=make_input(places["levenshulme"], organisation=org)
    )
    response = services.response_create(post=post, helper=member, message="Happy to help")
    assert response.conversation is not None
    assert response.conversation.organisation_id == org.pk
    assert post.byline == "Walk Group"


def test_matched_then_done_with_thanks_the_helper_may_show(
    need: Offer, owner: User, member: User, commit: Any
) -> None:
    response = services.response_create(post=need, helper=member, message="I can help")
    services.offer_mark_matched(post=need, actor=owner, response=response)
    assert need.status == Status.MATCHED
    with commit():
        services.offer_mark_done(post=need, actor=owner, thanks="Thank you, Mina!")
    need.refresh_from_db()
    assert need.status == Status.DONE
    assert Notification.objects.filter(recipient=member, type_key="offer_thanks").exists()
    assert not need.thanks_shown
    services.thanks_set_shown(post=need, helper=member, shown=True)
    need.refresh_from_db()
    assert need.thanks_shown


def test_only_the_helper_may_show_the_thanks(
    need: Offer, owner: User, member: User, outsider: User
) -> None:
    response = services.response_create(post=need, helper=member, message="I can help")
    services.offer_mark_done(post=need, actor=owner, thanks="Thanks", response=response)
    with pytest.raises(PermissionDenied):
        services.thanks_set_shown(post=need, helper=outsider, shown=True)


def test_thanks_need_someone_to_thank(need: Offer, owner: User) -> None:
    with pytest.raises(ValidationError) as caught:
        services.offer_mark_done(post=need, actor=owner, thanks="Thanks all")
    assert "response" in caught.value.message_dict


def test_only_the_author_marks_done(need: Offer, member: User) -> None:
    with pytest.raises(PermissionDenied):
        services.offer_mark_done(post=need, actor=member)


def test_withdrawing_removes_its_matches(
    need: Offer, offer: Offer, owner: User, commit: Any
) -> None:
    assert Match.objects.filter(need=need, offer=offer).exists()
    with commit():
        services.offer_withdraw(post=need, actor=owner)
    assert not Match.objects.filter(need=need).exists()
    assert not Offer.objects.visible_to(owner).filter(pk=need.pk).exists()
