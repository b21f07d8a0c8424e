"""Add the issue-14 data to the benchmark database: community assets and offers and needs.

    python bench/network_generate.py --assets 50000 --offers 20000

Tops the database up to the counts asked for (so a kept database is not written twice): assets
through bench/assets_generate.py, offers and needs (70 % offers) spread over the places, topics
and members bench/generate.py wrote, with their content items. Then ANALYZE, as autovacuum would
on a live site. Prints what it added as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

BATCH = 2000


def generate_offers(n: int, *, seed: int = 15) -> int:
    """Create `n` offers and needs from existing members in existing places."""
    from django.db import transaction

    from groundswell.accounts.models import User
    from groundswell.offers.models import Category, Offer, Reach, Status
    from groundswell.places.models import Place
    from groundswell.topics.models import Topic

    rng = random.Random(seed)  # noqa: S311 - benchmark data
    places = list(Place.objects.exclude(path="").order_by("path"))
    topic_ids = list(Topic.objects.values_list("id", flat=True))
    authors = list(User.objects.order_by("id").values_list("id", flat=True)[:5000])
    if not places or not authors:
        raise SystemExit("No places or members: run bench/generate.py first.")
    categories = list(Category.values)
    written = 0
    while written < n:
        size = min(BATCH, n - written)
        with transaction.atomic():
            rows = []
            for _ in range(size):
                reach = rng.choice([Reach.IN_PERSON] * 6 + [Reach.ONLINE, Reach.EITHER])
                rows.append(
                    Offer(
                        author_id=rng.choice(authors),
                        side="offer" if rng.random() < 0.7 else "need",
                        category=rng.choice(categories),
                        title=f"Bench post {written + len(rows)}",
                        body="Help people can give or need, written for the benchmark.",
                        place=rng.choice(places),
                        days=rng.choice([0, 0b11111, 0b1100000, 1 << rng.randrange(7)]),
                        times=rng.choice([0, 1, 2, 4, 3]),
                        reach=reach,
                        travel_km=None if reach == Reach.ONLINE else rng.choice([0, 2, 5, 10]),
                        audience=rng.choice(["public", "members"]),
                        status=rng.choice([Status.OPEN] * 6 + [Status.MATCHED, Status.DONE]),
                    )
                )
            created = Offer.objects.bulk_create(rows, batch_size=500)
            if topic_ids:
                through = Offer.topics.through
                through.objects.bulk_create(
                    [
                        through(offer_id=o.pk, topic_id=t)
                        for o in created
                        for t in rng.sample(topic_ids, min(len(topic_ids), rng.randint(1, 3)))
                    ],
                    batch_size=2000,
                )
        written += size
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--assets", type=int, default=50_000)
    parser.add_argument("--offers", type=int, default=20_000)
    args = parser.parse_args()
    django.setup()
    from assets_generate import generate_assets
    from django.db import connection

    from groundswell.assets.models import Asset
    from groundswell.offers.models import Offer

    started = time.monotonic()
    added_assets = max(0, args.assets - Asset.objects.count())
    if added_assets:
        generate_assets(added_assets, seed=14 + Asset.objects.count())
    added_offers = max(0, args.offers - Offer.objects.count())
    if added_offers:
        generate_offers(added_offers, seed=15 + Offer.objects.count())
    if added_assets or added_offers:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        json.dumps(
            {
                "assets": Asset.objects.count(),
                "offers_and_needs": Offer.objects.count(),
                "added": {"assets": added_assets, "offers_and_needs": added_offers},
                "seconds": round(time.monotonic() - started, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
