"""Time importing an Open Referral UK file of 10,000 services (the issue's target: 60 s or less).

    .venv/bin/python bench/oruk_bench.py                        # SQLite, 10,000 services
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/groundswell .venv/bin/python bench/oruk_bench.py
    .venv/bin/python bench/oruk_bench.py --services 2000 --again

Builds a throwaway database (test_oruk_bench_<pid>, dropped afterwards) with the sample places,
writes a services JSON file as a council would publish it (an organisation per 25 services, a
location with an address and a point, a weekly schedule, an LGA service type each; 1% of the
records invalid on purpose), then times the whole import as `manage.py oruk_import` runs it:
reading, checking every record against the profile's schema, writing in one transaction and
indexing for search. `--again` times importing the same file a second time (all updates).
Prints one JSON object: seconds, peak memory (the process's maximum resident set size), counts.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

TARGET_SECONDS = 60


def make_file(path: Path, n: int, cities: list[str], seed: int) -> int:
    """Write `n` services to `path`; returns how many are invalid on purpose."""
    rng = random.Random(seed)
    term_id = str(uuid.UUID(int=rng.getrandbits(128)))
    organisations = [
        {
            "id": str(uuid.UUID(int=rng.getrandbits(128))),
            "name": f"Provider {i}",
            "description": f"Provider {i} runs local services.",
        }
        for i in range(max(1, n // 25))
    ]
    services: list[dict[str, Any]] = []
    invalid = 0
    for i in range(n):
        service_id = str(uuid.UUID(int=rng.getrandbits(128)))
        location_id = str(uuid.UUID(int=rng.getrandbits(128)))
        org = organisations[i % len(organisations)]
        record: dict[str, Any] = {
            "id": service_id,
            "organization_id": org["id"],
            "organization": org,
            "name": f"{rng.choice(['Lunch club', 'Advice service', 'Walking group', 'Library', 'Carers support'])} {i}",
            "description": "A service people in the neighbourhood use every week.",
            "url": f"https://example.org/services/{i}",
            "email": f"service{i}@example.org",
            "status": "active",
            "schedules": [
                {
                    "id": str(uuid.UUID(int=rng.getrandbits(128))),
                    "freq": "WEEKLY",
                    "byday": rng.choice(["MO", "TU,TH", "WE", "FR,SA"]),
                    "opens_at": "10:00",
                    "closes_at": "15:00",
                }
            ],
            "service_at_locations": [
                {
                    "id": str(uuid.UUID(int=rng.getrandbits(128))),
                    "service_id": service_id,
                    "location_id": location_id,
                    "location": {
                        "id": location_id,
                        "location_type": "physical",
                        "name": f"Venue {i}",
                        "latitude": round(rng.uniform(50.5, 55.5), 5),
                        "longitude": round(rng.uniform(-4.5, 0.5), 5),
                        "addresses": [
                            {
                                "id": str(uuid.UUID(int=rng.getrandbits(128))),
                                "location_id": location_id,
                                "address_1": f"{i} High Street",
                                "city": rng.choice(cities),
                                "state_province": "",
                                "postal_code": "LS1 1AA",
                                "country": "GB",
                                "address_type": "physical",
                            }
                        ],
                    },
                }
            ],
            "attributes": [
                {
                    "id": str(uuid.UUID(int=rng.getrandbits(128))),
                    "link_id": service_id,
                    "link_type": "service",
                    "taxonomy_term_id": term_id,
                    "taxonomy_term": {
                        "id": term_id,
                        "name": "Community support",
                        "description": "",
                        "taxonomy": "esdServiceTypes",
                    },
                }
            ],
        }
        if i % 100 == 99:
            del record["status"]  # invalid on purpose: reported, not imported
            invalid += 1
        services.append(record)
    path.write_text(json.dumps(services))
    return invalid


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--again", action="store_true", help="also time a second import")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="gs-oruk-bench-") as tmp:
        os.environ.setdefault("SQLITE_PATH", str(Path(tmp) / "bench.sqlite3"))
        import django

        django.setup()
        from django.conf import settings
        from django.db import connection
        from django.test.utils import setup_test_environment

        settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = (
            f"test_oruk_bench_{os.getpid()}"
        )
        setup_test_environment()
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            print(json.dumps(run(args, Path(tmp)), indent=2))
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def run(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connection

    from groundswell.openreferral import reading, services
    from groundswell.places.models import Place

    call_command("seed_places", verbosity=0, stdout=io.StringIO())
    cities = list(Place.objects.filter(level="county").values_list("name", flat=True))
    path = tmp / "services.json"
    invalid = make_file(path, args.services, cities, args.seed)

    def timed() -> tuple[float, services.ImportReport]:
        start = time.perf_counter()
        report = services.oruk_import(
            package=reading.from_path(path),
            publisher="Benchmark Council",
            actor=None,
            file_name=path.name,
        )
        return time.perf_counter() - start, report

    seconds, report = timed()
    counts = report.counts()
    assert counts["services_created"] == args.services - invalid, counts
    assert counts["invalid"] == invalid, counts
    result: dict[str, Any] = {
        "benchmark": "oruk_import",
        "database": connection.vendor,
        "services": args.services,
        "file_mb": round(path.stat().st_size / 1e6, 1),
        "seconds": round(seconds, 2),
        "services_per_second": round(args.services / seconds),
        "created": counts["services_created"],
        "invalid_reported": counts["invalid"],
        "target_seconds": TARGET_SECONDS,
        "within_target": seconds <= TARGET_SECONDS,
    }
    if args.again:
        again, report = timed()
        assert report.counts()["services_updated"] == args.services - invalid
        result["seconds_again"] = round(again, 2)
    # ru_maxrss is in kilobytes on Linux: the peak for the whole run (file included).
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


if __name__ == "__main__":
    main()
