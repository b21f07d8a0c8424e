"""The list's cards come from this process's store (core/cards.py) and are never stale for
members: new opening times, a renamed topic or a gift's person changing their name show at once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from groundswell.accounts.models import User
from groundswell.assets import services
from groundswell.assets.models import Asset
from groundswell.core import cards
from groundswell.topics.models import Topic

from .conftest import listing_input


@pytest.fixture(autouse=True)
def _empty_store() -> Any:
    cards.forget_all()
    yield
    cards.forget_all()


def test_new_opening_times_and_topic_names_show_at_once(
    client_for: Any, listing: Asset, owner: User, member: User, topic: Topic
) -> None:
    client = client_for(member)
    page = client.get(reverse("assets:list")).content.decode()
    assert "09:00–17:00" in page
    assert cards._cards, "the card was kept"
    services.asset_update(
        asset=listing,
        actor=owner,
        data=listing_input(
            listing.place,
            topics=[topic],
            opening_times=[
                services.OpeningTimeInput(weekday=0, opens=dt.time(10), closes=dt.time(16))
            ],
        ),
    )
    Topic.objects.filter(pk=topic.pk).update(name="Loneliness and isolation")
    page = client.get(reverse("assets:list")).content.decode()
    assert "10:00–16:00" in page and "09:00–17:00" not in page
    assert "Loneliness and isolation" in page


def test_a_kept_card_is_the_card_rendered_fresh(
    client_for: Any, listing: Asset, gift: Asset, member: User
) -> None:
    client = client_for(member)
    first = client.get(reverse("assets:list")).content.decode()
    second = client.get(reverse("assets:list")).content.decode()
    cards.forget_all()
    fresh = client.get(reverse("assets:list")).content.decode()
    assert _results(first) == _results(second) == _results(fresh)


def _results(page: str) -> str:
    return page[page.index('<h2 class="visually-hidden">') : page.index("</main>")]
