"""A mixed load: visitors reading story pages and lists while members write.

Issue 12 §9 asks for "90% reads of story pages and lists, 10% writes (comments, reactions,
follows) at 100 requests/s", with the share of visitor pages served from the page cache. Reads go
over HTTP to a running server (open loop, bench/openloop.py); writes are made in this process
through the stories services, on the same database, at the same time:

    DJANGO_SETTINGS_MODULE=config.settings SQLITE_PATH=... \\
        python bench/mixed_load.py --url http://127.0.0.1:8800 --rate 100 --duration 20

Half the writes are comments, a third reactions, the rest follows, all on the stories being read
(comments are what end stored pages; reactions and follows only move counters), shared by
--writers threads so that writers can queue on each other's locks. Prints one JSON
object: read latency and the share of reads answered from stored pages, the writes made and how
long each took (the service call with its commit), and the same reads without writes before.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import close_old_connections  # noqa: E402

from bench.openloop import percentile, run_fixed_rate  # noqa: E402
from groundswell.accounts.models import User  # noqa: E402
from groundswell.stories import services  # noqa: E402
from groundswell.stories.models import Audience, ReactionKind, Status, Story  # noqa: E402
from groundswell.topics.models import Topic  # noqa: E402

WORDS = [
    "garden",
    "walk",
    "group",
    "tuesday",
    "nurse",
    "bus",
    "ward",
    "sleep",
    "kettle",
    "library",
    "singing",
    "river",
]


def pick_pages(rng: random.Random, stories: int) -> tuple[list[Story], list[str]]:
    """The stories read and written to, and the read paths: 80% story pages, 20% lists."""
    chosen = list(
        Story.objects.filter(
            status=Status.PUBLISHED, is_hidden=False, audience=Audience.PUBLIC
        ).order_by("-published_at")[:stories]
    )
    topics = list(Topic.objects.values_list("slug", flat=True)[:10])
    lists = ["/", "/?sort=top"] + [f"/topics/{slug}/" for slug in topics]
    story_paths = [f"/stories/{story.pk}/" for story in chosen]
    paths = story_paths * 4 + lists * max(1, len(story_paths) // len(lists))
    return chosen, paths


class Writer(threading.Thread):
    def __init__(self, *, rate: float, duration: float, stories: list[Story], seed: int) -> None:
        super().__init__(daemon=True)
        self.rate = rate
        self.duration = duration
        self.stories = stories
        self.rng = random.Random(seed)
        self.latencies_ms: dict[str, list[float]] = {"comment": [], "reaction": [], "follow": []}
        self.errors = 0

    def run(self) -> None:
        members = list(User.objects.filter(is_active=True, is_staff=False).order_by("?")[:200])
        start = time.monotonic()
        total = int(self.rate * self.duration)
        for i in range(total):
            delay = start + i / self.rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            story = self.rng.choice(self.stories)
            member = self.rng.choice(members)
            roll = self.rng.random()
            began = time.perf_counter()
            try:
                if roll < 0.5:
                    kind = "comment"
                    body = " ".join(self.rng.choices(WORDS, k=12)).capitalize() + "."
                    services.comment_create(story=story, author=member, body=body)
                elif roll < 0.83:
                    kind = "reaction"
                    reaction = self.rng.choice([ReactionKind.EXPERIENCED, ReactionKind.HELPED])
                    services.reaction_toggle(user=member, kind=reaction, story=story)
                else:
                    kind = "follow"
                    services.follow_toggle(user=member, story=story)
            except Exception:  # noqa: BLE001 - a failed write is counted, the run goes on
                self.errors += 1
                continue
            self.latencies_ms[kind].append((time.perf_counter() - began) * 1000)
        close_old_connections()

    @staticmethod
    def summarise(writers: list[Writer]) -> dict[str, Any]:
        kinds = ("comment", "reaction", "follow")
        every = sorted(ms for w in writers for values in w.latencies_ms.values() for ms in values)
        return {
            "made": {kind: sum(len(w.latencies_ms[kind]) for w in writers) for kind in kinds},
            "errors": sum(w.errors for w in writers),
            "p50_ms": round(percentile(every, 50), 2),
            "p95_ms": round(percentile(every, 95), 2),
            "p99_ms": round(percentile(every, 99), 2),
        }


def reads_summary(result: dict[str, Any]) -> dict[str, Any]:
    return {
        "achieved_rate": result["achieved_rate"],
        "errors": result["errors"],
        "stored_share": result["cache_hit_ratio"],
        "p50_ms": result["latency_ms"]["p50"],
        "p95_ms": result["latency_ms"]["p95"],
        "p99_ms": result["latency_ms"]["p99"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="http://127.0.0.1:8800")
    parser.add_argument("--rate", type=float, default=100.0, help="requests per second in all")
    parser.add_argument("--write-share", type=float, default=0.1)
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--warmup", type=float, default=10.0)
    parser.add_argument("--stories", type=int, default=300, help="how many stories are read")
    parser.add_argument("--writers", type=int, default=4, help="threads sharing the writes")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--out", type=Path, help="also write the JSON here (bench/run.sh)")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    stories, paths = pick_pages(rng, args.stories)
    read_rate = args.rate * (1 - args.write_share)
    write_rate = args.rate * args.write_share
    # Warm both workers' stores, then measure reads alone, then reads while members write.
    run_fixed_rate(args.url, paths, rate=read_rate * 2, duration=args.warmup, seed=args.seed)
    quiet = run_fixed_rate(args.url, paths, rate=read_rate, duration=args.duration, seed=2)
    writers = [
        Writer(
            rate=write_rate / args.writers,
            duration=args.duration,
            stories=stories,
            seed=args.seed + n,
        )
        for n in range(args.writers)
    ]
    for writer in writers:
        writer.start()
    busy = run_fixed_rate(args.url, paths, rate=read_rate, duration=args.duration, seed=3)
    for writer in writers:
        writer.join(timeout=args.duration + 30)
    result = json.dumps(
        {
            "rate": args.rate,
            "write_share": args.write_share,
            "duration_s": args.duration,
            "stories_read": len(stories),
            "reads_without_writes": reads_summary(quiet),
            "reads_with_writes": reads_summary(busy),
            "writers": args.writers,
            "writes": Writer.summarise(writers),
        },
        indent=2,
    )
    print(result)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
