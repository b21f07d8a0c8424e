"""The list's cards come from this process's store (core/cards.py) and are never stale: an edit,
a renamed topic or place, or another language gives a new card."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from groundswell.accounts.models import User
from groundswell.core import cards
from groundswell.offers import services
from groundswell.offers.models import Offer
from groundswell.places.models import Place
from groundswell.topics.models import Topic

from .conftest import make_input


@pytest.fixture(autouse=True)
def _empty_store() -> Any:
    cards.forget_all()
    yield
    cards.forget_all()


def test_an_edit_shows_at_once(client_for: Any, need: Offer, owner: User, member: User) -> None:
    client = client_for(member)
    assert need.title in client.get(reverse("offers:list")).content.decode()
    assert cards._cards, "the card was kept"
    services.offer_update(
        post=need,
        actor=owner,
        data=make_input(need.place, title="Company for the allotment", topics=[]),
    )
    page = client.get(reverse("offers:list")).content.decode()
    assert "Company for the allotment" in page
    assert "Someone to walk with on Tuesdays" not in page


def test_renamed_topic_and_place_show_at_once(
    client_for: Any, need: Offer, member: User, topics: dict[str, Topic], places: dict[str, Place]
) -> None:
    client = client_for(member)
    client.get(reverse("offers:list"))
    Topic.objects.filter(pk=topics["walking"].pk).update(name="Walking and wheeling")
    Place.objects.filter(pk=places["levenshulme"].pk).update(name="Levenshulme Village")
    page = client.get(reverse("offers:list")).content.decode()
    assert "Walking and wheeling" in page
    assert "Levenshulme Village" in page


def test_a_kept_card_is_the_card_rendered_fresh(
    client_for: Any, need: Offer, offer: Offer, member: User
) -> None:
    client = client_for(member)
    first = client.get(reverse("offers:list")).content.decode()
    second = client.get(reverse("offers:list")).content.decode()
    cards.forget_all()
    fresh = client.get(reverse("offers:list")).content.decode()

    def body(page: str) -> str:
        return page[page.index('<ul class="card-list">') : page.index("</main>")]

    assert body(first) == body(second) == body(fresh)


def test_a_card_that_ran_a_query_is_not_kept(need: Offer) -> None:
    # Read without its author: the card's byline needs a query, so it is never stored.
    post = Offer.objects.get(pk=need.pk)
    html = cards.card("offers/_card.html", "post", post)
    assert need.title in html
    assert not cards._cards
