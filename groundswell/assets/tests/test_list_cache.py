"""The list for visitors comes from the page cache (core/pagecache.py) and a change to a card
ends it at once; "open now" is never stored; the filters' selects keep what was chosen."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from groundswell.accounts.models import User
from groundswell.assets import services
from groundswell.assets.models import Asset, AssetKind
from groundswell.assets.tests.conftest import listing_input
from groundswell.core.pagecache import CACHE_HEADER
from groundswell.places.models import Place

pytestmark = pytest.mark.django_db


def test_visitors_get_a_stored_list_that_ends_when_a_card_changes(
    listing: Asset, owner: User, leeds: Place, django_assert_num_queries: Any
) -> None:
    assert Client().get("/assets/?kind=space")[CACHE_HEADER] == "miss"
    with django_assert_num_queries(1):  # the scopes' versions only
        stored = Client().get("/assets/?kind=space")
    assert stored[CACHE_HEADER] == "hit"
    assert listing.name in stored.text

    services.asset_withdraw(asset=listing, actor=owner)
    after = Client().get("/assets/?kind=space")
    assert after[CACHE_HEADER] == "miss"
    assert listing.name not in after.text

    services.asset_create(
        actor=owner,
        data=listing_input(leeds, name="Meanwood Valley Farm", opening_times=[]),
        check_limit=False,
    )
    assert "Meanwood Valley Farm" in Client().get("/assets/?kind=space").text


def test_new_opening_times_end_the_stored_list(listing: Asset, owner: User) -> None:
    Client().get("/assets/?open=3")
    assert listing.name not in Client().get("/assets/?open=3").text
    data = listing_input(
        listing.place,
        opening_times=[services.OpeningTimeInput(weekday=3, opens=dt.time(9), closes=dt.time(12))],
    )
    services.asset_update(asset=listing, actor=owner, data=data)
    assert listing.name in Client().get("/assets/?open=3").text


def test_open_now_is_never_stored(listing: Asset) -> None:
    Client().get("/assets/?open=now")
    again = Client().get("/assets/?open=now")
    assert again.get(CACHE_HEADER, "") in ("", "miss")
    assert "private" in again["Cache-Control"]


def test_members_never_get_a_stored_list(client_for: Any, listing: Asset, member: User) -> None:
    client = client_for(member)
    client.get("/assets/")
    assert client.get("/assets/").get(CACHE_HEADER, "") in ("", "miss")


def test_filter_selects_keep_the_choices(listing: Asset, leeds: Place) -> None:
    text = Client().get(f"/assets/?kind={AssetKind.SPACE}&place=leeds&open=2").text
    assert '<option value="space" selected>Places and spaces</option>' in text
    assert '<option value="leeds" selected>' in text
    assert '<option value="2" selected>Wednesday</option>' in text
    assert '<select name="kind" id="id_kind">' in text
