"""Following an offer or need: its followers are told when it is matched and when it is done,
once each, never the poster, and not across a block."""

from __future__ import annotations

from typing import Any

import pytest

from groundswell.accounts.models import User
from groundswell.core.testing.factories import UserFactory
from groundswell.follows import services as follows
from groundswell.notifications.models import Notification
from groundswell.offers import notifying, services
from groundswell.offers.models import Offer, Response

pytestmark = pytest.mark.django_db


@pytest.fixture
def reply(need: Offer, member: User, commit: Any) -> Response:
    with commit():
        return services.response_create(post=need, helper=member, message="I can walk Tuesdays.")


@pytest.fixture
def follower(need: Offer) -> User:
    person = UserFactory.create(username="follower", display_name="Fola Follower")
    follows.follow_create(follower=person, kind="offer", target=need)
    return person


def _told(person: User, type_key: str) -> int:
    return Notification.objects.filter(recipient=person, type_key=type_key).count()


def test_followers_hear_when_it_is_matched_and_when_it_is_done(
    need: Offer, reply: Response, owner: User, follower: User, commit: Any
) -> None:
    with commit():
        services.offer_mark_matched(post=need, actor=owner, response=reply)
    assert _told(follower, notifying.FOLLOWED_MATCHED) == 1
    note = Notification.objects.get(recipient=follower, type_key=notifying.FOLLOWED_MATCHED)
    assert note.target_item_id == need.item_id
    assert note.actor_id == owner.pk
    with commit():
        services.offer_mark_done(post=need, actor=owner)
    assert _told(follower, notifying.FOLLOWED_DONE) == 1


def test_the_poster_following_their_own_post_is_not_told(
    need: Offer, reply: Response, owner: User, commit: Any
) -> None:
    follows.follow_create(follower=owner, kind="offer", target=need)
    with commit():
        services.offer_mark_matched(post=need, actor=owner, response=reply)
        services.offer_mark_done(post=need, actor=owner)
    assert not Notification.objects.filter(
        recipient=owner, type_key__startswith="offer_followed"
    ).exists()


def test_someone_blocked_either_way_is_not_told(
    need: Offer, reply: Response, owner: User, follower: User, commit: Any
) -> None:
    other = UserFactory.create(username="blocked", display_name="Bo Blocked")
    follows.follow_create(follower=other, kind="offer", target=need)
    follows.block_create(blocker=follower, blocked=owner)
    follows.block_create(blocker=owner, blocked=other)
    with commit():
        services.offer_mark_matched(post=need, actor=owner, response=reply)
    assert _told(follower, notifying.FOLLOWED_MATCHED) == 0
    assert _told(other, notifying.FOLLOWED_MATCHED) == 0


def test_the_helper_who_was_thanked_is_told_once_not_twice(
    need: Offer, reply: Response, owner: User, member: User, commit: Any
) -> None:
    follows.follow_create(follower=member, kind="offer", target=need)
    with commit():
        services.offer_mark_done(post=need, actor=owner, thanks="Thank you!", response=reply)
    assert _told(member, notifying.OFFER_THANKS) == 1
    assert _told(member, notifying.FOLLOWED_DONE) == 0


def test_a_repeat_run_tells_nobody_twice_and_a_hidden_post_tells_nobody(
    need: Offer, reply: Response, owner: User, follower: User, commit: Any
) -> None:
    with commit():
        services.offer_mark_matched(post=need, actor=owner, response=reply)
    assert notifying.notify_followers(need.pk) == 0
    assert _told(follower, notifying.FOLLOWED_MATCHED) == 1
    Offer.objects.filter(pk=need.pk).update(is_hidden=True)
    with commit():
        services.offer_mark_done(post=need, actor=owner)
    assert _told(follower, notifying.FOLLOWED_DONE) == 0


def test_nothing_is_told_when_the_change_rolls_back(
    need: Offer, reply: Response, owner: User, follower: User, commit: Any
) -> None:
    from django.db import transaction

    with commit(), pytest.raises(RuntimeError), transaction.atomic():
        services.offer_mark_matched(post=need, actor=owner, response=reply)
        raise RuntimeError("rolled back")
    assert _told(follower, notifying.FOLLOWED_MATCHED) == 0


def test_withdrawing_tells_followers_nothing(
    need: Offer, owner: User, follower: User, commit: Any
) -> None:
    with commit():
        services.offer_withdraw(post=need, actor=owner)
    assert not Notification.objects.filter(recipient=follower).exists()


def test_the_poster_is_not_offered_to_follow_their_own_post(
    need: Offer, owner: User, member: User, client_for: Any
) -> None:
    from django.urls import reverse

    url = reverse("offers:detail", args=[need.pk])
    follow_url = reverse("follows:follow", args=["offer", need.pk])
    assert follow_url not in client_for(owner).get(url).content.decode()
    assert follow_url in client_for(member).get(url).content.decode()
