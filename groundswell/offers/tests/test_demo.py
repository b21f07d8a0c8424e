from __future__ import annotations

from typing import Any

import pytest

from groundswell.core.testing.factories import PlaceFactory, TopicFactory, UserFactory
from groundswell.demo.data.schema import ACCESS, ACTIVITY, CONNECTION, LONG_TERM
from groundswell.demo.offers import NEEDS, OFFERS, load_offers
from groundswell.offers.models import Offer, Status
from groundswell.places.models import OrganiserPlace

pytestmark = pytest.mark.django_db


def test_the_demo_offers_load_through_the_services(settings: Any) -> None:
    settings.OFFERS_UNANSWERED_DAYS = 7
    nation = PlaceFactory.create(name="Scotland", slug="scotland")
    england = PlaceFactory.create(name="England", slug="england")
    places = {
        "Levenshulme": PlaceFactory.create(
            name="Levenshulme", parent=england, level="neighbourhood"
        ),
        "Wick": PlaceFactory.create(name="Wick", parent=nation, level="county"),
    }
    topics = {
        slug: TopicFactory.create(slug=slug, name=slug)
        for slug in (ACCESS, ACTIVITY, CONNECTION, LONG_TERM)
    }
    keys = {p.author for p in [*OFFERS, *NEEDS]} | {"maya"}
    users = {key: UserFactory.create(username=key) for key in keys}
    organiser = UserFactory.create(username="organiser")
    OrganiserPlace.objects.create(user=organiser, place=nation)
    said: list[str] = []
    load_offers(users=users, places=places, topics=topics, organisations=[], say=said.append)
    assert Offer.objects.filter(side="offer").exists()
    done = Offer.objects.get(status=Status.DONE)
    assert done.thanks_shown
    assert Offer.objects.get(title="Lifts to physio in Wick").surfaced_at is not None
    assert len(said) == 2
