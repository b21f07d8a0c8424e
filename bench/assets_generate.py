"""Generate many community assets straight into the database, for benchmarks and the map.

    python bench/assets_generate.py --assets 50000 --seed 14

Bulk-creates assets (with their content items), one location each with a point near the centre
of its place (groundswell/assets/placepoints.py; places without a known centre get no point),
topics and opening times for about half. About 5% are members' gifts (no location, members only,
owned by an existing member when there is one). The places must exist (seed_places, or
bench/generate.py which seeds them). Deterministic for a given seed.

`generate_assets(n, seed=...)` is importable for the map helper's and Open Referral's tests.
Search documents are not written: run `manage.py rebuild_search_index` afterwards if needed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

if __name__ == "__main__":
    django.setup()

BATCH = 2000
KIND_WEIGHTS = [
    ("association", 25),
    ("institution", 15),
    ("space", 20),
    ("economy", 20),
    ("culture", 15),
    ("gift", 5),
]
WORDS = [
    "community",
    "warm",
    "friendly",
    "garden",
    "café",
    "library",
    "hall",
    "choir",
    "walking",
    "cycling",
    "yoga",
    "youth",
    "elders",
    "carers",
    "pantry",
    "fridge",
    "repair",
    "craft",
    "knit",
    "chat",
    "bereavement",
    "dementia",
    "sight",
    "hearing",
]


def generate_assets(n: int, *, seed: int = 14) -> int:
    """Create `n` assets; returns how many were written."""
    from django.db import transaction
    from django.utils import timezone

    from groundswell.accounts.models import User
    from groundswell.assets.models import Asset, AssetLocation, Location, OpeningTime
    from groundswell.assets.placepoints import CENTRES
    from groundswell.places.models import Place
    from groundswell.topics.models import Topic

    rng = random.Random(seed)  # noqa: S311 - benchmark data
    places = list(Place.objects.exclude(path="").order_by("path"))
    if not places:
        raise SystemExit("No places: run manage.py seed_places first.")
    topic_ids = list(Topic.objects.values_list("id", flat=True))
    member = User.objects.order_by("id").first()
    kinds = [k for k, _w in KIND_WEIGHTS]
    weights = [w for _k, w in KIND_WEIGHTS]
    now = timezone.now()
    start = Asset.objects.count()
    written = 0
    while written < n:
        size = min(BATCH, n - written)
        with transaction.atomic():
            assets = []
            for i in range(size):
                number = start + written + i
                kind = rng.choices(kinds, weights)[0]
                if kind == "gift" and member is None:
                    kind = "association"
                place = rng.choice(places)
                words = " ".join(rng.sample(WORDS, 3))
                gift = kind == "gift"
                assets.append(
                    Asset(
                        kind=kind,
                        name=f"{words.title()} {number}",
                        slug=f"bench-{seed}-{number}",
                        description=f"A {words} place for neighbours in {place.name}.",
                        place=place,
                        owner=member if gift else None,
                        created_by=member,
                        contact_email="" if gift else f"hello{number}@example.org",
                        accessibility=rng.choice(["Step-free", "Hearing loop", "Quiet room", ""]),
                        audience="members" if gift else "public",
                        shown_as="neighbour" if gift else "",
                        consent_at=now if gift else None,
                        last_reviewed_at=now - dt.timedelta(days=rng.randint(0, 400)),
                    )
                )
            Asset.objects.bulk_create(assets, batch_size=500)
            locations, links, times, tags = [], [], [], []
            for asset in assets:
                if asset.kind == "gift":
                    continue
                centre = CENTRES.get(asset.place.name)
                lat = lon = None
                if centre is not None:
                    lat = round(centre[0] + rng.uniform(-0.03, 0.03), 6)
                    lon = round(centre[1] + rng.uniform(-0.045, 0.045), 6)
                locations.append(
                    Location(name=asset.name, latitude=lat, longitude=lon, place=asset.place)
                )
            Location.objects.bulk_create(locations, batch_size=500)
            mapped = iter(locations)
            for asset in assets:
                if asset.kind != "gift":
                    links.append(AssetLocation(asset=asset, location=next(mapped)))
                if rng.random() < 0.5:
                    day = rng.randint(0, 6)
                    opens = rng.randint(7, 12)
                    times.append(
                        OpeningTime(
                            asset=asset,
                            weekday=day,
                            opens=dt.time(opens),
                            closes=dt.time(opens + rng.randint(2, 8)),
                        )
                    )
                if topic_ids:
                    tags.append(
                        Asset.topics.through(asset_id=asset.pk, topic_id=rng.choice(topic_ids))
                    )
            AssetLocation.objects.bulk_create(links, batch_size=1000)
            OpeningTime.objects.bulk_create(times, batch_size=1000)
            Asset.topics.through.objects.bulk_create(tags, batch_size=1000)
        written += size
    return written


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--assets", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    began = time.monotonic()
    count = generate_assets(args.assets, seed=args.seed)
    print(f"{count} assets in {time.monotonic() - began:.1f}s")  # noqa: T201


if __name__ == "__main__":
    main()
