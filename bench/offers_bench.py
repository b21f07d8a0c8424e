"""Offers and needs at scale: 20,000 posts, the matcher for new needs and the filtered list.

    DJANGO_SETTINGS_MODULE=config.settings DATABASE_URL=... \\
        python bench/offers_bench.py --posts 20000 --needs 50 --out bench/results/offers.json

Issue 14 asks that suggestions for a new need are computed in at most 1 s with 20,000 offers, and
that the list with filters answers within 50 ms at the 95th percentile. This script works in a
throwaway database (Django's test database for the configured one: test_<name> on PostgreSQL,
in memory on SQLite), so it never touches real data:

1. builds a place hierarchy (4 nations, 12 regions, 60 towns, 300 neighbourhoods), 10 topics and
   500 members, then --posts offers and needs (70 % offers) written in bulk with their topics;
2. posts --needs new needs through offers.services.offer_create and times
   offers.matching.refresh_for for each (what the background task runs);
3. times the list page (/offers-and-needs/) for a signed-in member with filters (side, topic,
   place, category, status, and a deep keyset page) --list-requests times.

Prints and writes one JSON object: counts, p50/p95/max in ms for the matcher and the list, and
whether each target was met.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

MATCH_TARGET_MS = 1000.0
LIST_TARGET_MS = 50.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(values), 2) if values else 0.0,
        "p95_ms": round(percentile(values, 0.95), 2),
        "max_ms": round(max(values), 2) if values else 0.0,
    }


def build(posts: int, rng: random.Random) -> dict[str, Any]:
    from allauth.account.models import EmailAddress
    from django.db import transaction

    from groundswell.accounts.models import User
    from groundswell.offers.models import Category, Offer, Reach
    from groundswell.places.models import Place
    from groundswell.topics.models import Topic

    with transaction.atomic():
        topics = [Topic.objects.create(name=f"Topic {i}", slug=f"topic-{i}") for i in range(10)]
        leaves: list[Place] = []

        def place(name: str, level: str, parent: Place | None) -> Place:
            p = Place.objects.create(name=name, slug=name.lower(), level=level, parent=parent)
            p.path = f"{parent.path if parent else '/'}{p.pk}/"
            p.save(update_fields=["path"])
            return p

        for n in range(4):
            nation = place(f"Nation{n}", "nation", None)
            for r in range(3):
                region = place(f"Region{n}-{r}", "region", nation)
                for t in range(5):
                    town = place(f"Town{n}-{r}-{t}", "county", region)
                    leaves.append(town)
                    for h in range(5):
                        leaves.append(place(f"Hood{n}-{r}-{t}-{h}", "neighbourhood", town))
        users = User.objects.bulk_create(
            [
                User(username=f"bench{i}", email=f"bench{i}@example.org", display_name=f"B {i}")
                for i in range(500)
            ]
        )
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users]
        )
        categories = list(Category.values)
        rows = []
        for i in range(posts):
            reach = rng.choice([Reach.IN_PERSON] * 6 + [Reach.ONLINE, Reach.EITHER])
            rows.append(
                Offer(
                    author=rng.choice(users),
                    side="offer" if rng.random() < 0.7 else "need",
                    category=rng.choice(categories),
                    title=f"Post {i}",
                    body="Bench text about help people can give or need.",
                    place=rng.choice(leaves),
                    days=rng.choice([0, 0b11111, 0b1100000, 1 << rng.randrange(7)]),
                    times=rng.choice([0, 1, 2, 4, 3]),
                    reach=reach,
                    travel_km=None if reach == Reach.ONLINE else rng.choice([0, 2, 5, 10, 25]),
                    audience=rng.choice(["public", "members"]),
                )
            )
        created = Offer.objects.bulk_create(rows, batch_size=2000)
        through = Offer.topics.through
        through.objects.bulk_create(
            [
                through(offer_id=o.pk, topic_id=t.pk)
                for o in created
                for t in rng.sample(topics, rng.randint(1, 3))
            ],
            batch_size=5000,
        )
    from django.db import connection

    if connection.vendor == "postgresql":
        # Fresh bulk-loaded tables have no statistics yet; autovacuum gives a live site them.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"topics": topics, "leaves": leaves, "users": users}


def time_matcher(world: dict[str, Any], needs: int, rng: random.Random) -> list[float]:
    from groundswell.offers import matching, services
    from groundswell.offers.models import Category

    timings = []
    for i in range(needs):
        post = services.offer_create(
            author=rng.choice(world["users"]),
            data=services.OfferInput(
                side="need",
                category=rng.choice(list(Category.values)),
                title=f"New need {i}",
                body="Looking for a hand.",
                place=rng.choice(world["leaves"]),
                topics=rng.sample(world["topics"], 2),
                days=1 << rng.randrange(7),
                times=1,
                travel_km=5,
            ),
            check_limit=False,
        )
        start = time.perf_counter()
        matching.refresh_for(post.pk)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def time_list(world: dict[str, Any], requests: int, rng: random.Random) -> list[float]:
    from django.test import Client

    client = Client()
    client.force_login(world["users"][0])
    from groundswell.offers import selectors

    assert client.get("/offers-and-needs/").status_code == 200
    deep = selectors.offer_page(world["users"][0], selectors.OfferFilters()).next_cursor
    queries: list[dict[str, str]] = [
        {},
        {"side": "need"},
        {"side": "offer", "status": "open"},
        {"topic": "topic-3"},
        {"place": "nation1"},
        {"place": "town1-0-2", "side": "offer"},
        {"category": "lifts"},
        {"side": "need", "topic": "topic-5", "place": "region2-1"},
        {"after": deep or ""},
    ]
    timings = []
    by_query: dict[int, list[float]] = {}
    for i in range(requests):
        params = queries[i % len(queries)]
        start = time.perf_counter()
        response = client.get("/offers-and-needs/", params)
        elapsed = (time.perf_counter() - start) * 1000
        timings.append(elapsed)
        by_query.setdefault(i % len(queries), []).append(elapsed)
        assert response.status_code == 200
    if os.environ.get("OFFERS_BENCH_VERBOSE"):
        for index, values in by_query.items():
            print(queries[index], round(statistics.median(values), 1), file=sys.stderr)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--needs", type=int, default=50)
    parser.add_argument("--list-requests", type=int, default=450)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_databases, teardown_databases

    # Matching runs inline here (what the worker would run), and the list is read uncached.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    settings.ALLOWED_HOSTS = ["*"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    old = setup_databases(verbosity=0, interactive=False)
    try:
        rng = random.Random(args.seed)
        started = time.perf_counter()
        world = build(args.posts, rng)
        built_s = time.perf_counter() - started
        matcher = time_matcher(world, args.needs, rng)
        listing = time_list(world, args.list_requests, rng)
    finally:
        teardown_databases(old, verbosity=0)
    result = {
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "posts": args.posts,
        "built_s": round(built_s, 1),
        "matcher": {**summary(matcher), "runs": len(matcher), "target_ms": MATCH_TARGET_MS},
        "list": {**summary(listing), "requests": len(listing), "target_ms": LIST_TARGET_MS},
        "matcher_ok": percentile(matcher, 0.95) <= MATCH_TARGET_MS,
        "list_ok": percentile(listing, 0.95) <= LIST_TARGET_MS,
    }
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n")


if __name__ == "__main__":
    main()
