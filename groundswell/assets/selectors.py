"""Reads for the asset pages, the exports and "Download my data"."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from groundswell.assets.models import (
    Asset,
    AssetKind,
    AssetQuerySet,
    ClaimRequest,
    Location,
    OpeningTime,
)
from groundswell.topics.models import Topic

PAGE_SIZE = 25
EXPORT_BATCH = 1000


@dataclass
class AssetPage:
    """One page of the list. No COUNT(*) over the whole table: the page asks for one row more
    than it shows to know whether there is a next page."""

    items: list[Asset]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1


def _page_number(raw: str | None) -> int:
    try:
        number = int(raw or 1)
    except ValueError:
        return 1
    return min(max(number, 1), 10_000)


def with_card_data(qs: AssetQuerySet) -> AssetQuerySet:
    """What a card shows, for the page only: place, owner and organisation joined; topics,
    opening times and locations in one query each."""
    return qs.select_related("place", "owner", "organisation").prefetch_related(
        "topics",
        Prefetch("opening_times", queryset=OpeningTime.objects.order_by("weekday", "opens")),
        Prefetch("locations", queryset=Location.objects.order_by("id")),
    )


# The columns assets/_card.html reads (shown_name reads shown_as, the owner's display name and
# the place's name): no more. The full rows with the organisation's and the owner's (password
# hash and all) were half the list's query time, and a card whose drawing needed a column left
# out here would read it (and core/cards.py would not keep that card): tests/test_cards.py
# counts the queries.
LIST_CARD_COLUMNS = (
    "kind",
    "name",
    "slug",
    "description",
    "accessibility",
    "shown_as",
    "place__name",
    "owner__display_name",
    "organisation__name",
)


# The rows the card shows, as plain lists (Prefetch to_attr): Django's prefetch into related
# managers cost about 1.5 ms a page more for the same two queries.
LIST_CARD_LISTS = ("card_topics", "card_times")


def with_list_card_data(qs: AssetQuerySet) -> AssetQuerySet:
    """What the list's card (assets/_card.html) shows and no more: the columns above, with
    place, owner and organisation joined; its topics' names (`card_topics`) and opening times
    (`card_times`) in one query each. No locations: the card never shows an address."""
    return (
        qs.select_related("place", "owner", "organisation")
        .only(*LIST_CARD_COLUMNS)
        .prefetch_related(
            Prefetch("topics", queryset=Topic.objects.only("id", "name"), to_attr="card_topics"),
            Prefetch(
                "opening_times",
                queryset=OpeningTime.objects.only(
                    "id", "asset_id", "weekday", "opens", "closes"
                ).order_by("weekday", "opens"),
                to_attr="card_times",
            ),
        )
    )


def asset_page(qs: AssetQuerySet, page: str | None) -> AssetPage:
    number = _page_number(page)
    start = (number - 1) * PAGE_SIZE
    # Ids first, in index order, then the rows with their cards' data for those ids only.
    ids = list(
        qs.order_by("name", "id").values_list("id", flat=True)[start : start + PAGE_SIZE + 1]
    )
    has_next = len(ids) > PAGE_SIZE
    ids = ids[:PAGE_SIZE]
    rows = {a.pk: a for a in with_list_card_data(Asset.objects.filter(pk__in=ids))}
    return AssetPage(items=[rows[i] for i in ids if i in rows], number=number, has_next=has_next)


def detail_asset(asset: Asset) -> dict[str, Any]:
    return {
        "topics": list(asset.topics.all()),
        "opening_times": list(asset.opening_times.all()),
        "locations": [] if asset.is_gift else list(asset.locations.all()),
    }


def looked_after_by(user: Any) -> QuerySet[Asset]:
    """The listings and gifts this person may change (permissions.editable_by), for their page."""
    from groundswell.assets.permissions import editable_by

    return editable_by(user).select_related("place").order_by("status", "name")


# ------------------------------------------------------------------ exports

CSV_HEADER = [
    "slug",
    "name",
    "kind",
    "description",
    "place",
    "topics",
    "organisation",
    "shown_as",
    "contact_email",
    "contact_phone",
    "website",
    "accessibility",
    "address",
    "postcode",
    "latitude",
    "longitude",
    "opening_times",
    "last_reviewed",
    "url",
]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _export_rows(qs: AssetQuerySet) -> Iterator[Asset]:
    """The rows in batches by id, each batch with its related rows, so memory stays flat."""
    base = qs.order_by("id")
    last = 0
    while True:
        batch = list(with_card_data(base.filter(id__gt=last))[:EXPORT_BATCH])
        if not batch:
            return
        yield from batch
        last = batch[-1].pk


def _point(asset: Asset) -> tuple[Location | None, float | None, float | None]:
    """The asset's first location and its point. A gift never has one (homes are never
    mapped), whatever is stored."""
    if asset.kind == AssetKind.GIFT:
        return None, None, None
    for location in asset.locations.all():
        if location.has_point:
            return location, location.latitude, location.longitude
    locations = list(asset.locations.all())
    return (locations[0] if locations else None), None, None


def _times(asset: Asset) -> str:
    return "; ".join(
        f"{t.get_weekday_display()} {t.opens:%H:%M}-{t.closes:%H:%M}"
        for t in asset.opening_times.all()
    )


def csv_rows(qs: AssetQuerySet, url_for: Any) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_HEADER)
    for asset in _export_rows(qs):
        location, lat, lon = _point(asset)
        # Formula characters at the start of a cell are neutralised for spreadsheet users.
        yield writer.writerow(
            [
                _cell(v)
                for v in (
                    asset.slug,
                    asset.name,
                    asset.kind,
                    asset.description,
                    asset.place.name,
                    ", ".join(t.name for t in asset.topics.all()),
                    asset.organisation.name if asset.organisation else "",
                    asset.shown_name if asset.is_gift else "",
                    asset.contact_email,
                    asset.contact_phone,
                    asset.website,
                    asset.accessibility,
                    location.address if location else "",
                    location.postcode if location else "",
                    "" if lat is None else f"{lat:.6f}",
                    "" if lon is None else f"{lon:.6f}",
                    _times(asset),
                    asset.checked_at.date().isoformat(),
                    url_for(asset),
                )
            ]
        )


def _cell(value: str) -> str:
    if value and value[0] in "=+-@\t\r" and not _is_number(value):
        return "'" + value
    return value


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def geojson_chunks(qs: AssetQuerySet, url_for: Any) -> Iterator[str]:
    """A FeatureCollection, streamed feature by feature. Only assets with a point are features
    (a gift never is)."""
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for asset in _export_rows(qs):
        _location, lat, lon = _point(asset)
        if lat is None or lon is None:
            continue
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
            "properties": {
                "slug": asset.slug,
                "name": asset.name,
                "kind": asset.kind,
                "place": asset.place.name,
                "topics": [t.slug for t in asset.topics.all()],
                "accessibility": asset.accessibility,
                "url": url_for(asset),
            },
        }
        yield ("" if first else ",") + json.dumps(feature, ensure_ascii=False)
        first = False
    yield "]}"


# ---------------------------------------------------------- "Download my data"


def export_listings(user: Any) -> list[dict[str, Any]]:
    rows = Asset.objects.filter(owner=user) | Asset.objects.filter(created_by=user)
    return [
        {
            "name": a.name,
            "kind": a.kind,
            "address": f"/assets/{a.slug}/",
            "description": a.description,
            "status": a.status,
            "you_own_it": a.owner_id == user.pk,
            "you_added_it": a.created_by_id == user.pk,
            "shown_as": a.shown_as,
            "consent_given_at": a.consent_at,
            "audience": a.audience,
            "created_at": a.created_at,
            "last_reviewed_at": a.last_reviewed_at,
        }
        for a in rows.distinct().order_by("id")
    ]


def export_claims(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "listing": c.asset.name,
            "address": f"/assets/{c.asset.slug}/",
            "for_organisation": c.organisation.name if c.organisation else "",
            "message": c.message,
            "status": c.status,
            "asked_at": c.created_at,
            "answered_at": c.decided_at,
        }
        for c in ClaimRequest.objects.filter(user=user).select_related("asset", "organisation")
    ]
