"""The community asset map: the page (/assets/map/) and its data (/assets/map/data.json).

The map is never the only way in. Without JavaScript the page is the list's filters and the
list, with a note; with it, a Leaflet map sits beside the same list. Nothing is loaded from
another site: Leaflet and the outlines of the UK's nations are static files installed from npm
(package-lock.json), and tiles are drawn only when the site names its own tile server
(settings.MAP_TILE_URL, whose host settings.py adds to the CSP's img-src).

Who sees what is `Asset.objects.visible_to` (the one rule), narrowed by the list's own filter
form (`AssetFilterForm.apply`), so the map, the list and every other page agree. Points come
from assets.Location through AssetLocation; a gift never has a location (people's homes are
never mapped) and is left out here as well, in case one ever did.

At 50,000 assets a whole-country view must not send 50,000 points: below POINTS_FROM_ZOOM the
database groups the points in the viewport into grid cells (about CELL_PIXELS across on screen)
and sends one cluster per cell, with the single-point cells as points. Only when the viewport
holds few points (MAX_POINTS_UNCLUSTERED) or the map is zoomed right in does it send points,
never more than MAX_POINTS.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db.models import Avg, Count, Exists, F, Max, Min, OuterRef, QuerySet
from django.db.models.functions import Floor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from groundswell.assets.forms import AssetFilterForm
from groundswell.assets.models import Asset, AssetKind, AssetLocation
from groundswell.core.urls import fast_reverse

# Zoom levels as Leaflet counts them: 0 is the whole world in one 256-pixel tile.
MIN_ZOOM = 0
MAX_ZOOM = 22
# From this zoom (a few streets across) points are sent as they are, never grouped.
POINTS_FROM_ZOOM = 14
# A viewport with at most this many points gets them all, whatever the zoom.
MAX_POINTS_UNCLUSTERED = 300
# Never more points than this in one answer (a street of 2,000 listings is not a real place).
MAX_POINTS = 1000
# The grid cell's width on screen, in pixels.
CELL_PIXELS = 60
# Below this zoom (a county or wider) the cells are worked out for the whole map and kept for
# CELLS_SECONDS per process (_cells_everywhere); above it, only the box's points are read.
WHOLE_MAP_BELOW_ZOOM = 10
CELLS_SECONDS = 60
# How many listings the page's list shows beside the map; the full list pages through the rest.
LIST_LIMIT = 50

# The outlines of the UK's four nations (world-geojson, GPL-3.0-or-later), served from
# node_modules through STATICFILES_DIRS ("vendor/uk-outlines").
OUTLINES = ("england", "scotland", "wales", "northern_ireland")


class MapRequestError(ValueError):
    """A data request the map never sends: answered 400 with these words."""


@dataclass(frozen=True)
class BBox:
    west: float
    south: float
    east: float
    north: float


def parse_bbox(raw: str | None) -> BBox:
    """ "west,south,east,north" in degrees. Values past the edge of the world are brought back
    to it (a map zoomed out shows more than one world); anything else odd is refused."""
    if not raw:
        raise MapRequestError(_("Say which part of the map to show: bbox=west,south,east,north."))
    parts = raw.split(",")
    if len(parts) != 4:
        raise MapRequestError(
            _("bbox needs four numbers, west,south,east,north, separated by commas.")
        )
    try:
        numbers = [float(part) for part in parts]
    except ValueError:
        raise MapRequestError(_("bbox must be four numbers in degrees.")) from None
    if not all(math.isfinite(n) for n in numbers):
        raise MapRequestError(_("bbox must be four numbers in degrees."))
    west, south, east, north = numbers
    west, east = (max(-180.0, min(180.0, n)) for n in (west, east))
    south, north = (max(-90.0, min(90.0, n)) for n in (south, north))
    if west > east:
        raise MapRequestError(_("In bbox, west must not be east of east."))
    if south > north:
        raise MapRequestError(_("In bbox, south must not be north of north."))
    return BBox(west=west, south=south, east=east, north=north)


def parse_zoom(raw: str | None) -> int:
    if raw is None or raw == "":
        raise MapRequestError(_("Say how far the map is zoomed in: zoom=0 to 22."))
    try:
        zoom = int(raw)
    except ValueError:
        raise MapRequestError(_("zoom must be a whole number from 0 to 22.")) from None
    if not MIN_ZOOM <= zoom <= MAX_ZOOM:
        raise MapRequestError(_("zoom must be a whole number from 0 to 22."))
    return zoom


def cell_degrees(zoom: int) -> float:
    """The grid cell's size in degrees of longitude at this zoom: CELL_PIXELS on screen. Used
    for latitude too; in the UK that makes cells a little taller than wide, which is fine for
    grouping."""
    return CELL_PIXELS * 360.0 / (256 * 2**zoom)


# From an asset to the coordinates of its locations (AssetLocation, then Location).
AT = "asset_locations__location__"


def mappable(assets: QuerySet[Asset], bbox: BBox | None = None) -> QuerySet[Asset]:
    """These assets joined to their locations with a point (one row per asset and location),
    inside `bbox` when given. Gifts never.

    One filter() call, so the join is made once and the values and annotations below read the
    same rows; and a join rather than `asset__in=<subquery>`, so the database can start from
    the locations' point index when the box is small."""
    if bbox is None:
        where: dict[str, Any] = {f"{AT}latitude__isnull": False, f"{AT}longitude__isnull": False}
    else:
        where = {
            f"{AT}latitude__gte": bbox.south,
            f"{AT}latitude__lte": bbox.north,
            f"{AT}longitude__gte": bbox.west,
            f"{AT}longitude__lte": bbox.east,
        }
    return assets.exclude(kind=AssetKind.GIFT).filter(**where)


def _points(rows: QuerySet[Asset], limit: int) -> list[dict[str, Any]]:
    kinds = dict(AssetKind.choices)
    found = rows.order_by("name", "pk", "asset_locations__location_id").values(
        "pk",
        "name",
        "slug",
        "kind",
        f"{AT}latitude",
        f"{AT}longitude",
        f"{AT}name",
        f"{AT}address_1",
        f"{AT}city",
        f"{AT}postcode",
    )[:limit]
    points = []
    for row in found:
        address = ", ".join(
            part
            for part in (
                row[f"{AT}name"],
                row[f"{AT}address_1"],
                row[f"{AT}city"],
                row[f"{AT}postcode"],
            )
            if part and part != row["name"]
        )
        points.append(
            {
                "id": row["pk"],
                "name": row["name"],
                "kind": row["kind"],
                "kind_label": str(kinds.get(row["kind"], "")),
                "url": fast_reverse("assets:detail", row["slug"]),
                "lat": round(row[f"{AT}latitude"], 6),
                "lon": round(row[f"{AT}longitude"], 6),
                "address": address,
            }
        )
    return points


def _cell_rows(rows: QuerySet[Asset], zoom: int) -> QuerySet[Any, Any]:
    """One row per grid cell with points: its count, the points' mean position, and one of its
    AssetLocation ids (the point itself when it is alone)."""
    size = cell_degrees(zoom)
    return (
        rows.annotate(
            cell_y=Floor(F(f"{AT}latitude") / size),
            cell_x=Floor(F(f"{AT}longitude") / size),
        )
        .values("cell_y", "cell_x")
        .annotate(
            count=Count("asset_locations"),
            lat=Avg(f"{AT}latitude"),
            lon=Avg(f"{AT}longitude"),
            one=Min("asset_locations__id"),
        )
        .order_by()
    )


def _clusters(
    cells: Iterable[dict[str, Any]], bbox: BBox
) -> tuple[list[dict[str, Any]], list[int], int]:
    """The cells whose points' mean lies in the box: the clusters (cells of two or more), the
    AssetLocation ids of single-point cells, and the number of points in all."""
    clusters: list[dict[str, Any]] = []
    singles: list[int] = []
    total = 0
    for cell in cells:
        lat, lon = cell["lat"], cell["lon"]
        if not (bbox.south <= lat <= bbox.north and bbox.west <= lon <= bbox.east):
            continue
        total += cell["count"]
        if cell["count"] == 1:
            singles.append(cell["one"])
        else:
            clusters.append({"lat": round(lat, 6), "lon": round(lon, 6), "count": cell["count"]})
    clusters.sort(key=lambda c: (-c["count"], c["lat"], c["lon"]))
    return clusters, singles, total


def _cells_everywhere(assets: QuerySet[Asset], zoom: int) -> list[dict[str, Any]]:
    """Every grid cell with points at this zoom, for the whole map, kept CELLS_SECONDS.

    A zoomed-out view covers most of the points whatever its box, so grouping them costs the
    same each time (a few hundred milliseconds at 50,000 listings); worked out once a minute
    and cut to each box here, it costs next to nothing. The key is the query itself, so every
    filter and the visibility rule (who is asking) are in it. Only counts can be out of date,
    for up to a minute: a single point's name is always read afresh (map_data)."""
    rows = _cell_rows(mappable(assets), zoom)
    key = "assets:map:cells:" + hashlib.sha256(str(rows.query).encode()).hexdigest()
    cache = caches["local"]
    cells: list[dict[str, Any]] | None = cache.get(key)
    if cells is None:
        cells = list(rows)
        cache.set(key, cells, CELLS_SECONDS)
    return cells


def map_data(
    *, assets: QuerySet[Asset], bbox: BBox, zoom: int, fit: bool = False
) -> dict[str, Any]:
    """What the map shows for one viewport: `points` (each a link to its asset's page) and
    `clusters` (a count and a position), with `total` points in the viewport. `truncated` says
    some points were left out (MAX_POINTS). With `fit`, `extent` is the box around every point
    the filters match, anywhere, so the first view can show them all."""
    in_view = mappable(assets, bbox)
    data: dict[str, Any] = {"zoom": zoom, "clusters": [], "points": [], "truncated": False}
    if zoom >= POINTS_FROM_ZOOM:
        data["points"] = _points(in_view, MAX_POINTS + 1)
        data["truncated"] = len(data["points"]) > MAX_POINTS
        data["points"] = data["points"][:MAX_POINTS]
        data["total"] = len(data["points"])
    else:
        cells = (
            _cells_everywhere(assets, zoom)
            if zoom < WHOLE_MAP_BELOW_ZOOM
            else _cell_rows(in_view, zoom)
        )
        clusters, singles, total = _clusters(cells, bbox)
        data["total"] = total
        if total <= MAX_POINTS_UNCLUSTERED:
            data["points"] = _points(in_view, MAX_POINTS_UNCLUSTERED)
        else:
            data["clusters"] = clusters
            # The single-point cells' rows, read afresh by their AssetLocation ids through the
            # same filters and visibility rule (a kept cell never shows a hidden listing).
            data["points"] = _points(
                mappable(assets).filter(asset_locations__id__in=singles[:MAX_POINTS]), MAX_POINTS
            )
    if fit:
        box = mappable(assets).aggregate(
            west=Min(f"{AT}longitude"),
            south=Min(f"{AT}latitude"),
            east=Max(f"{AT}longitude"),
            north=Max(f"{AT}latitude"),
        )
        data["extent"] = (
            None if box["west"] is None else [box["west"], box["south"], box["east"], box["north"]]
        )
    return data


def _filter_form(request: HttpRequest) -> AssetFilterForm:
    return AssetFilterForm(request.GET)


@require_GET
def asset_map_data(request: HttpRequest) -> HttpResponse:
    """GET /assets/map/data.json?bbox=w,s,e,n&zoom=z&<the list's filters>"""
    try:
        bbox = parse_bbox(request.GET.get("bbox"))
        zoom = parse_zoom(request.GET.get("zoom"))
    except MapRequestError as error:
        return JsonResponse({"error": str(error)}, status=400)
    # A filter the form can't read is left out, as the list leaves it out (and says so there).
    assets = _filter_form(request).apply(Asset.objects.visible_to(request.user))
    data = map_data(assets=assets, bbox=bbox, zoom=zoom, fit=request.GET.get("fit") == "1")
    # Not stored by browsers for a signed-in person (core's PrivateCacheMiddleware), so a
    # members-only listing never outlives the session in a cache.
    return JsonResponse(data)


def map_words() -> dict[str, str]:
    """The words the script shows, in the reader's language (%(count)s is filled in there)."""
    return {
        "loading": _("Loading the map…"),
        "failed": _("The map could not load its places. The list below has them all."),
        "none": _("Nothing that matches your filters is in this part of the map."),
        "showing": _("Places in this part of the map: %(count)s."),
        "cluster": _("%(count)s places here: zoom in to see them"),
    }


@require_GET
def asset_map(request: HttpRequest) -> HttpResponse:
    """The map beside the list, with the list's filters. Without JavaScript: the filters and
    the list, with a note that the map needs JavaScript."""
    form = _filter_form(request)
    assets = form.apply(Asset.objects.visible_to(request.user))
    located = AssetLocation.objects.filter(
        asset_id=OuterRef("pk"), location__latitude__isnull=False
    ).exclude(asset__kind=AssetKind.GIFT)
    shown = list(
        assets.select_related("place")
        .annotate(on_map=Exists(located))
        .only("id", "name", "slug", "kind", "place__name", "place__slug")[: LIST_LIMIT + 1]
    )
    # The filters as typed (empty fields left out), for the data URL and the list's link.
    filters = urlencode(
        [
            (name, value)
            for name, values in request.GET.lists()
            if name in form.fields
            for value in values
            if value
        ]
    )
    data_url = fast_reverse("assets:map_data") + (f"?{filters}" if filters else "")
    return render(
        request,
        "assets/map.html",
        {
            "form": form,
            "assets": shown[:LIST_LIMIT],
            "more": len(shown) > LIST_LIMIT,
            "filters": filters,
            "data_url": data_url,
            # Filtered: the first view shows every match (the whole UK otherwise).
            "fit": form.is_filtered,
            "outlines_json": json.dumps(
                [static(f"vendor/uk-outlines/{name}.json") for name in OUTLINES]
            ),
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
            "words_json": json.dumps(map_words()),
        },
    )
