from __future__ import annotations

from typing import Any

import pytest

from groundswell.accounts.models import User
from groundswell.core.testing.factories import UserFactory
from groundswell.follows.models import Block
from groundswell.notifications.models import Notification
from groundswell.offers import matching, services
from groundswell.offers.models import Match, Offer
from groundswell.offers.tests.conftest import make_input
from groundswell.places.models import Place
from groundswell.topics.models import Topic

pytestmark = pytest.mark.django_db


def test_place_closeness_follows_the_hierarchy(places: dict[str, Place]) -> None:
    lev, moss = places["levenshulme"].path, places["moss_side"].path
    man, eng, wales = places["manchester"].path, places["england"].path, places["wales"].path
    assert matching.place_closeness(lev, lev) == 1.0
    assert matching.place_closeness(lev, man) == 0.75
    assert matching.place_closeness(lev, moss) == 0.6
    assert matching.place_closeness(lev, eng) == 0.75  # England contains Levenshulme
    assert matching.place_closeness(lev, wales) == 0.0


def test_availability_overlaps_any_time() -> None:
    assert matching.overlaps(0, 0b10)
    assert matching.overlaps(0b11, 0b10)
    assert not matching.overlaps(0b01, 0b10)


def test_a_need_is_matched_with_a_nearby_offer_on_its_topic(need: Offer, offer: Offer) -> None:
    match = Match.objects.get(need=need, offer=offer)
    assert "topic" in match.reasons
    assert "place" in match.reasons
    assert "time" in match.reasons  # Tuesdays fit weekdays
    assert "category" in match.reasons
    # Topics (3) + siblings (2 * 0.6) + times (1) + category (1)
    assert match.score == pytest.approx(6.2)


def test_the_better_fit_scores_higher(
    need: Offer, offer: Offer, places: dict[str, Place], topics: dict[str, Topic], commit: Any
) -> None:
    other = UserFactory.create(username="far")
    with commit():
        weaker = services.offer_create(
            author=other,
            data=make_input(
                places["manchester"],
                side="offer",
                category="lifts",
                topics=[topics["walking"]],
                days=0b1,  # Mondays only: the need is Tuesdays
                travel_km=20,
            ),
        )
    rows = list(Match.objects.filter(need=need).order_by("-score"))
    assert [m.offer_id for m in rows] == [offer.pk, weaker.pk]


def test_in_person_posts_in_other_nations_do_not_match(
    need: Offer, places: dict[str, Place], topics: dict[str, Topic], commit: Any
) -> None:
    with commit():
        services.offer_create(
            author=UserFactory.create(username="wales"),
            data=make_input(places["cardiff"], side="offer", topics=[topics["walking"]]),
        )
    assert not Match.objects.filter(need=need).exists()


def test_online_offers_match_anywhere(
    need: Offer, places: dict[str, Place], topics: dict[str, Topic], commit: Any, owner: User
) -> None:
    with commit():
        services.offer_update(
            post=need,
            actor=owner,
            data=make_input(
                places["levenshulme"], topics=[topics["walking"]], reach="either", travel_km=5
            ),
        )
        online = services.offer_create(
            author=UserFactory.create(username="online"),
            data=make_input(
                places["cardiff"], side="offer", topics=[topics["walking"]], reach="online"
            ),
        )
    match = Match.objects.get(need=need, offer=online)
    assert "online" in match.reasons


def test_nobody_is_suggested_their_own_post(
    need: Offer, owner: User, places: dict[str, Place], topics: dict[str, Topic], commit: Any
) -> None:
    with commit():
        services.offer_create(
            author=owner,
            data=make_input(places["levenshulme"], side="offer", topics=[topics["walking"]]),
        )
    assert not Match.objects.filter(need=need).exists()


def test_blocks_stop_suggestions_both_ways(
    need: Offer, offer: Offer, owner: User, member: User
) -> None:
    Block.objects.create(blocker=member, blocked=owner)
    matching.refresh_for(need.pk)
    matching.refresh_for(offer.pk)
    assert not Match.objects.exists()


def test_the_offer_side_sees_the_same_match(need: Offer, offer: Offer) -> None:
    matching.refresh_for(offer.pk)
    assert Match.objects.filter(need=need, offer=offer).count() == 1


def test_new_matches_are_told_once(need: Offer, offer: Offer, owner: User, member: User) -> None:
    # The offer came second: its author hears of the match, and the need's author too.
    assert Notification.objects.filter(recipient=member, type_key="offer_match").count() == 1
    assert Notification.objects.filter(recipient=owner, type_key="offer_match").count() == 1
    from groundswell.offers.tasks import refresh_matches

    refresh_matches.enqueue(offer.pk)
    assert Notification.objects.filter(type_key="offer_match").count() == 2
