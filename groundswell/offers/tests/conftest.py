"""Offers personas: `owner` posted a need (`need`) in Levenshulme about `walking`; `member`
offers company (`offer`) in the same city. `outsider` has no relation to either. Places:
England > North West > Manchester > Levenshulme / Moss Side; Wales > Cardiff."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from groundswell.accounts.models import User
from groundswell.api.services import token_create
from groundswell.core.testing.factories import PlaceFactory, TopicFactory
from groundswell.offers import services
from groundswell.offers.models import Offer
from groundswell.places.models import Place
from groundswell.topics.models import Topic


@pytest.fixture(autouse=True)
def _high_api_limits(settings: Any) -> None:
    settings.API_RATE_LIMIT_PER_TOKEN = 10_000
    settings.API_RATE_LIMIT_ANONYMOUS = 10_000
    settings.API_RATE_LIMIT_PER_IP = 100_000


@pytest.fixture
def places(db: None) -> dict[str, Place]:
    england = PlaceFactory.create(name="England", slug="england")
    north_west = PlaceFactory.create(
        name="North West", slug="north-west", level="region", parent=england
    )
    manchester = PlaceFactory.create(
        name="Manchester", slug="manchester", level="county", parent=north_west
    )
    levenshulme = PlaceFactory.create(
        name="Levenshulme", slug="levenshulme", level="neighbourhood", parent=manchester
    )
    moss_side = PlaceFactory.create(
        name="Moss Side", slug="moss-side", level="neighbourhood", parent=manchester
    )
    wales = PlaceFactory.create(name="Wales", slug="wales")
    cardiff = PlaceFactory.create(name="Cardiff", slug="cardiff", level="county", parent=wales)
    return {
        "england": england,
        "manchester": manchester,
        "levenshulme": levenshulme,
        "moss_side": moss_side,
        "wales": wales,
        "cardiff": cardiff,
    }


@pytest.fixture
def topics(db: None) -> dict[str, Topic]:
    return {
        "walking": TopicFactory.create(name="Walking", slug="walking"),
        "food": TopicFactory.create(name="Food", slug="food"),
        "caring": TopicFactory.create(name="Caring", slug="caring"),
    }


def make_input(place: Place, **overrides: Any) -> services.OfferInput:
    values: dict[str, Any] = {
        "side": "need",
        "category": "company",
        "title": "Someone to walk with on Tuesdays",
        "body": "I'm getting my confidence back after an operation and would love company.",
        "place": place,
        "travel_km": 5,
    }
    values.update(overrides)
    return services.OfferInput(**values)


@pytest.fixture
def commit(django_capture_on_commit_callbacks: Any) -> Any:
    """`with commit():` runs what the services queue on commit (search, matching, notices)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def need(owner: User, places: dict[str, Place], topics: dict[str, Topic], commit: Any) -> Offer:
    with commit():
        return services.offer_create(
            author=owner,
            data=make_input(places["levenshulme"], topics=[topics["walking"]], days=0b10),
        )


@pytest.fixture
def offer(member: User, places: dict[str, Place], topics: dict[str, Topic], commit: Any) -> Offer:
    with commit():
        return services.offer_create(
            author=member,
            data=make_input(
                places["moss_side"],
                side="offer",
                title="Walking buddy, weekday mornings",
                body="Retired, love a stroll round the park.",
                topics=[topics["walking"]],
                days=0b11111,
                times=0b1,
                travel_km=10,
            ),
        )


def api(
    method: str, path: str, user: User | None = None, body: Any = None, scope: str = "write"
) -> Any:
    headers = {}
    if user is not None:
        _, secret = token_create(user=user, name="t", scope=scope, expires_in_days=None)
        headers["Authorization"] = f"Bearer {secret}"
    client = Client()
    if method == "get":
        return client.get(path, headers=headers)
    return client.post(
        path, data=json.dumps(body or {}), content_type="application/json", headers=headers
    )
