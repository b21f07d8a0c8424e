from __future__ import annotations

import datetime as dt

import pytest

from groundswell.accounts.models import User
from groundswell.assets import services
from groundswell.assets.models import Asset, AssetKind, Audience, ShownAs
from groundswell.core.testing.factories import PlaceFactory, TopicFactory
from groundswell.places.models import Place
from groundswell.topics.models import Topic


@pytest.fixture
def leeds(db: None) -> Place:
    england = PlaceFactory(name="England", slug="england")
    return PlaceFactory(name="Leeds", slug="leeds", parent=england, level="city")


@pytest.fixture
def topic(db: None) -> Topic:
    return TopicFactory(name="Loneliness", slug="loneliness")


def listing_input(place: Place, **overrides: object) -> services.AssetInput:
    values: dict[str, object] = {
        "kind": AssetKind.SPACE,
        "name": "Chapel Allerton Library",
        "description": "Books, warm space and a knit and natter group.",
        "place": place,
        "contact_phone": "0113 378 5000",
        "accessibility": "Step-free entrance, hearing loop",
        "location": services.LocationInput(
            address_1="Harrogate Road", city="Leeds", latitude=53.829, longitude=-1.539
        ),
        "opening_times": [
            services.OpeningTimeInput(weekday=0, opens=dt.time(9), closes=dt.time(17)),
        ],
    }
    values.update(overrides)
    return services.AssetInput(**values)


@pytest.fixture
def listing(owner: User, leeds: Place, topic: Topic) -> Asset:
    """An unowned public listing added by `owner` (as anyone may add one)."""
    return services.asset_create(
        actor=owner, data=listing_input(leeds, topics=[topic]), check_limit=False
    )


@pytest.fixture
def gift(owner: User, leeds: Place) -> Asset:
    return services.asset_create(
        actor=owner,
        data=services.AssetInput(
            kind=AssetKind.GIFT,
            name="Help with forms",
            description="I can help fill in benefit forms.",
            place=leeds,
            audience=Audience.MEMBERS,
            shown_as=ShownAs.NEIGHBOUR,
            consent=True,
        ),
        check_limit=False,
    )
