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

import json
import math
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Avg, Count, Exists, F, Max, Min, OuterRef, QuerySet
from django.db.models.functions import Floor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
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


def mappable(assets: QuerySet[Asset]) -> QuerySet[AssetLocation]:
    """The map's rows: the locations, with a point, of these assets. Gifts never."""
    return AssetLocation.objects.filter(
        asset__in=assets.exclude(kind=AssetKind.GIFT).values("pk"),
        location__latitude__isnull=False,
        location__longitude__isnull=False,
    )


def _in_bbox(rows: QuerySet[AssetLocation], bbox: BBox) -> QuerySet[AssetLocation]:
    return rows.filter(
        location__latitude__gte=bbox.south,
        location__latitude__lte=bbox.north,
        location__longitude__gte=bbox.west,
        location__longitude__lte=bbox.east,
    )


def _points(rows: QuerySet[AssetLocation], limit: int) -> list[dict[str, Any]]:
    kinds = dict(AssetKind.choices)
    found = rows.order_by("asset__name", "asset_id", "location_id").values(
        "asset_id",
        "asset__name",
        "asset__slug",
        "asset__kind",
        "location__latitude",
        "location__longitude",
        "location__name",
        "location__address_1",
        "location__city",
        "location__postcode",
    )[:limit]
    points = []
    for row in found:
        address = ", ".join(
            part
            for part in (
                row["location__name"],
                row["location__address_1"],
                row["location__city"],
                row["location__postcode"],
            )
            if part and part != row["asset__name"]
        )
        # Never None here (mappable() keeps only locations with both); "or" is for the types.
        lat = row["location__latitude"] or 0.0
        lon = row["location__longitude"] or 0.0
        points.append(
            {
                "id": row["asset_id"],
                "name": row["asset__name"],
                "kind": row["asset__kind"],
                "kind_label": str(kinds.get(row["asset__kind"], "")),
                "url": fast_reverse("assets:detail", row["asset__slug"]),
                "lat": round(lat, 6),
                "lon": round(lon, 6),
                "address": address,
            }
        )
    return points


def _clusters(
    rows: QuerySet[AssetLocation], zoom: int
) -> tuple[list[dict[str, Any]], list[int], int]:
    """One row per grid cell with points: its count and the points' mean position. Returns the
    clusters (cells of two or more), the AssetLocation ids of single-point cells, and the
    total."""
    size = cell_degrees(zoom)
    cells = (
        rows.annotate(
            cell_y=Floor(F("location__latitude") / size),
            cell_x=Floor(F("location__longitude") / size),
        )
        .values("cell_y", "cell_x")
        .annotate(
            count=Count("id"),
            lat=Avg("location__latitude"),
            lon=Avg("location__longitude"),
            one=Min("id"),
        )
        .order_by()
    )
    clusters: list[dict[str, Any]] = []
    singles: list[int] = []
    total = 0
    for cell in cells:
        total += cell["count"]
        if cell["count"] == 1:
            singles.append(cell["one"])
        else:
            clusters.append(
                {"lat": round(cell["lat"], 6), "lon": round(cell["lon"], 6), "count": cell["count"]}
            )
    clusters.sort(key=lambda c: (-c["count"], c["lat"], c["lon"]))
    return clusters, singles, total


def map_data(
    *, assets: QuerySet[Asset], bbox: BBox, zoom: int, fit: bool = False
) -> dict[str, Any]:
    """What the map shows for one viewport: `points` (each a link to its asset's page) and
    `clusters` (a count and a position), with `total` points in the viewport. `truncated` says
    some points were left out (MAX_POINTS). With `fit`, `extent` is the box around every point
    the filters match, anywhere, so the first view can show them all."""
    rows = mappable(assets)
    in_view = _in_bbox(rows, bbox)
    data: dict[str, Any] = {"zoom": zoom, "clusters": [], "points": [], "truncated": False}
    if zoom >= POINTS_FROM_ZOOM:
        data["points"] = _points(in_view, MAX_POINTS + 1)
        data["truncated"] = len(data["points"]) > MAX_POINTS
        data["points"] = data["points"][:MAX_POINTS]
        data["total"] = len(data["points"])
    else:
        clusters, singles, total = _clusters(in_view, zoom)
        data["total"] = total
        if total <= MAX_POINTS_UNCLUSTERED:
            data["points"] = _points(in_view, MAX_POINTS_UNCLUSTERED)
        else:
            data["clusters"] = clusters
            data["points"] = _points(
                AssetLocation.objects.filter(pk__in=singles[:MAX_POINTS]), MAX_POINTS
            )
    if fit:
        box = rows.aggregate(
            west=Min("location__longitude"),
            south=Min("location__latitude"),
            east=Max("location__longitude"),
            north=Max("location__latitude"),
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
    located = mappable(Asset.objects.all()).filter(asset_id=OuterRef("pk"))
    shown = list(
        assets.select_related("place")
        .annotate(on_map=Exists(located))
        .only("id", "name", "slug", "kind", "place__name", "place__slug")[: LIST_LIMIT + 1]
    )
    query = request.GET.copy()
    for name in ("page", "bbox", "zoom", "fit"):
        query.pop(name, None)
    filters = query.urlencode()
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
            "fit": bool(filters),
            "outlines_json": json.dumps(
                [static(f"vendor/uk-outlines/{name}.json") for name in OUTLINES]
            ),
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
            "words_json": json.dumps(map_words()),
        },
    )
