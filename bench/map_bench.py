"""Time the asset map's data for one viewport (/assets/map/data.json) at several zooms.

    .venv/bin/python bench/map_bench.py                          # SQLite, 50,000 assets
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/groundswell .venv/bin/python bench/map_bench.py
    .venv/bin/python bench/map_bench.py --assets 5000 --requests 50

Builds a throwaway database (test_map_bench_<pid>, dropped afterwards) with --assets mapped
listings spread around the sample places' centres (groundswell/assets/placepoints.py), a tenth of
them members-only, some hidden or withdrawn, a few gifts (never mapped), then asks for the map's
data through the whole Django stack (test client, every middleware) for --requests viewports
per zoom, each centred on a random listing, as a visitor would see them. Prints one JSON object:
per zoom, p50/p95/p99/max milliseconds and the mean number of points and clusters sent. The
target in the issue is 100 ms or less for a viewport at 50,000 assets.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# Zoom levels a person uses: the UK, a region, a city, a district, streets.
ZOOMS = (6, 8, 10, 12, 14, 16)
# The viewport a 1280 x 900 browser window shows, in pixels.
VIEW_PX = (900, 650)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--assets", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=100, help="viewports per zoom")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="gs-map-bench-") as tmp:
        os.environ.setdefault("SQLITE_PATH", str(Path(tmp) / "bench.sqlite3"))
        import django

        django.setup()
        from django.conf import settings
        from django.db import connection
        from django.test.utils import setup_test_environment

        settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = (
            f"test_map_bench_{os.getpid()}"
        )
        setup_test_environment()
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            run(args)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def generate(count: int, rng: random.Random) -> list[tuple[float, float]]:
    """`count` listings with points near the sample places' centres; returns the points."""
    from django.db import connection, transaction
    from django.utils import timezone

    from groundswell.assets.models import Asset, AssetLocation, Location
    from groundswell.assets.placepoints import CENTRES
    from groundswell.places.models import Place

    with transaction.atomic():
        nation = Place.objects.create(name="England", slug="england", level="nation")
        nation.path = f"/{nation.pk}/"
        nation.save(update_fields=["path"])
        places = []
        for n, name in enumerate(CENTRES):
            place = Place.objects.create(
                name=name, slug=f"place-{n}", level="county", parent=nation
            )
            place.path = f"{nation.path}{place.pk}/"
            place.save(update_fields=["path"])
            places.append((place, CENTRES[name]))

    kinds = ["association", "institution", "space", "economy", "culture"]
    points: list[tuple[float, float]] = []
    now = timezone.now()
    batch = 5000
    for start in range(0, count, batch):
        size = min(batch, count - start)
        rows = []
        spots = []
        for n in range(start, start + size):
            place, (lat, lon) = places[n % len(places)]
            # A town's listings within a few kilometres of its centre.
            spot = (lat + rng.gauss(0, 0.03), lon + rng.gauss(0, 0.05))
            spots.append(spot)
            roll = rng.random()
            rows.append(
                Asset(
                    name=f"Listing {n}",
                    slug=f"listing-{n}",
                    kind=kinds[n % len(kinds)],
                    description="A listing for the map benchmark.",
                    place=place,
                    audience="members" if roll < 0.1 else "public",
                    status="withdrawn" if 0.1 <= roll < 0.12 else "published",
                    is_hidden=0.12 <= roll < 0.13,
                    last_reviewed_at=now,
                )
            )
        with transaction.atomic():
            assets = Asset.objects.bulk_create(rows)
            locations = Location.objects.bulk_create(
                [Location(latitude=lat, longitude=lon) for lat, lon in spots]
            )
            AssetLocation.objects.bulk_create(
                [
                    AssetLocation(asset=a, location=loc)
                    for a, loc in zip(assets, locations, strict=True)
                ]
            )
        points += spots
    # A few gifts: never on the map, whatever happens.
    for n in range(20):
        place, _ = places[n % len(places)]
        Asset.objects.create(
            name=f"Gift {n}",
            slug=f"gift-{n}",
            kind="gift",
            description="A skill to share.",
            place=place,
            audience="members",
            shown_as="neighbour",
            consent_at=now,
        )
    # Fresh statistics, as a live database has: without them SQLite's planner starts from the
    # assets rather than the locations' point index.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return points


def viewport(lat: float, lon: float, zoom: int) -> str:
    """The bbox of a VIEW_PX window centred on (lat, lon) at this zoom (Web Mercator)."""
    degrees_per_px = 360.0 / (256 * 2**zoom)
    half_w = VIEW_PX[0] / 2 * degrees_per_px
    half_h = VIEW_PX[1] / 2 * degrees_per_px * math.cos(math.radians(lat))
    return f"{lon - half_w:.5f},{lat - half_h:.5f},{lon + half_w:.5f},{lat + half_h:.5f}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))
    return ordered[index]


def run(args: argparse.Namespace) -> None:
    from django.db import connection
    from django.test import Client

    # WhiteNoise's note that collectstatic has not run: the map's data needs no static files.
    warnings.filterwarnings("ignore", message="No directory at")
    rng = random.Random(args.seed)
    started = time.perf_counter()
    points = generate(args.assets, rng)
    built = time.perf_counter() - started

    client = Client()
    # Warm the process (URL resolver, first connection) as a running server is, at a street's
    # zoom, so each zoom's first request (first_ms: the kept cells worked out, below zoom 10)
    # is measured too.
    client.get(f"/assets/map/data.json?bbox={viewport(53.5, -2.2, 16)}&zoom=16")

    results: dict[str, Any] = {}
    for zoom in ZOOMS:
        timings: list[float] = []
        sent_points: list[int] = []
        sent_clusters: list[int] = []
        for _ in range(args.requests):
            lat, lon = rng.choice(points)
            url = f"/assets/map/data.json?bbox={viewport(lat, lon, zoom)}&zoom={zoom}"
            begin = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200, response.content
            body = response.json()
            sent_points.append(len(body["points"]))
            sent_clusters.append(len(body["clusters"]))
        results[str(zoom)] = {
            "p50_ms": round(percentile(timings, 0.50), 1),
            "p95_ms": round(percentile(timings, 0.95), 1),
            "p99_ms": round(percentile(timings, 0.99), 1),
            "max_ms": round(max(timings), 1),
            "first_ms": round(timings[0], 1),
            "mean_points": round(statistics.mean(sent_points), 1),
            "mean_clusters": round(statistics.mean(sent_clusters), 1),
        }
    print(
        json.dumps(
            {
                "bench": "map_data",
                "database": connection.vendor,
                "assets": args.assets,
                "requests_per_zoom": args.requests,
                "generate_s": round(built, 1),
                "target_ms": 100,
                "zooms": results,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
