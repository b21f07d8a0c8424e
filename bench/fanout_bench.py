""""New in what you follow" for an organisation with 10,000 followers: the publishing request's
time, and the time until every follower has their notification.

    .venv/bin/python bench/fanout_bench.py --db sqlite
    .venv/bin/python bench/fanout_bench.py --db postgres \\
        --pg-url postgres://postgres@127.0.0.1:5432/groundswell_bench_fanout

Issue 12: the request that publishes must not wait for the fan-out (it queues one background
task), and all 10,000 notifications should exist within 30 s. The benchmark builds its own
database (a temporary SQLite file, or the PostgreSQL database named in --pg-url, DROPPED and
created afresh, then dropped again unless --keep), migrates it, and writes in bulk: an
organisation, its owner, --followers members who follow it (1 in 100 want these notifications
emailed straight away, so the email path is measured too), and the owner's draft posted as the
organisation. Then, in this process:

1. (a) the publishing request: a signed-in POST to /stories/<id>/publish/ through Django's test
   client, with the production task backend (django_tasks_db): the request queues the task and
   returns; the number of notifications right after it must be 0.
2. (b) the worker (`manage.py db_worker --batch`, the command `make run` starts) runs the tasks
   the request queued (the fan-out among them); the time from the start of the request until it finishes is the time
   until all notifications exist. The email tasks it queued then run too and are timed apart
   (the file mailer, into a temporary folder).

Prints one JSON object (and writes it to --out when given), with a markdown line for the report.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_S = 30.0
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/groundswell_bench_fanout"


def _pg_admin(url: str, statement: str) -> None:
    """Run CREATE/DROP DATABASE on the server's maintenance database."""
    import psycopg

    parsed = urlparse(url)
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(statement)


def prepare_environment(db: str, pg_url: str, workdir: Path) -> str:
    """Settings come from the environment (config/settings.py): set it before Django starts."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["GROUNDSWELL_VAR_DIR"] = str(workdir / "var")
    os.environ["EMAIL_FILE_PATH"] = str(workdir / "mail")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault(
        "SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789abcdefghij"
    )
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["PLAIN_STATIC"] = "1"  # no collected static files: the pages render without them
    os.environ["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
    (workdir / "var" / "static").mkdir(parents=True, exist_ok=True)
    if db == "postgres":
        name = urlparse(pg_url).path.lstrip("/")
        if not name or name in {"postgres", "groundswell", "groundswell_bench"}:
            raise SystemExit(f"Use a database of its own for this benchmark, not {name!r}.")
        _pg_admin(pg_url, f'DROP DATABASE IF EXISTS "{name}"')
        _pg_admin(pg_url, f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = pg_url
        return name
    os.environ.pop("DATABASE_URL", None)
    os.environ["SQLITE_PATH"] = str(workdir / "fanout.sqlite3")
    return str(workdir / "fanout.sqlite3")


def build(followers: int, immediate_one_in: int) -> dict[str, Any]:
    """The organisation, its owner and followers, and the draft to publish (bulk writes)."""
    import datetime as dt

    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from groundswell.accounts.models import User
    from groundswell.follows.models import Follow
    from groundswell.follows.notifying import FOLLOWING_NEW
    from groundswell.notifications.models import EmailDelivery, NotificationPreference
    from groundswell.organisations import services as org_services
    from groundswell.stories.models import Identity, Status, Story

    long_ago = timezone.now() - dt.timedelta(days=400)
    unusable = make_password(None)  # nobody signs in as a follower
    owner = User.objects.create_user(
        username="bench-owner",
        email="owner@bench.example",
        password=None,
        display_name="Bench Owner",
        date_joined=long_ago,
    )
    org = org_services.organisation_create(
        creator=owner,
        data=org_services.OrganisationInput(
            name="Bench Community Trust",
            kind="charity",
            description="An organisation with many followers, for the benchmark.",
        ),
        check_limit=False,
    )
    with transaction.atomic():
        people = User.objects.bulk_create(
            [
                User(
                    username=f"bench-fan-{n}",
                    email=f"fan{n}@bench.example",
                    display_name=f"Fan {n}",
                    password=unusable,
                    date_joined=long_ago,
                )
                for n in range(followers)
            ],
            batch_size=2000,
        )
        ids = (
            [p.pk for p in people]
            if people[0].pk
            else list(
                User.objects.filter(username__startswith="bench-fan-").values_list("pk", flat=True)
            )
        )
        Follow.objects.bulk_create(
            [Follow(follower_id=i, target_kind="organisation", target_id=org.pk) for i in ids],
            batch_size=2000,
        )
        NotificationPreference.objects.bulk_create(
            [
                NotificationPreference(
                    user_id=i, type_key=FOLLOWING_NEW, in_site=True, email=EmailDelivery.IMMEDIATE
                )
                for i in ids[::immediate_one_in]
            ],
            batch_size=2000,
        )
    story = Story.objects.create(
        author=owner,
        identity=Identity.ORGANISATION,
        organisation=org,
        kind="update",
        title="Our new drop-in opens on Monday",
        body="Come along from 10am. Tea, a chat and help with forms.",
        body_html="<p>Come along from 10am. Tea, a chat and help with forms.</p>",
        status=Status.DRAFT,
    )
    return {
        "owner": owner,
        "story": story,
        "followers": len(ids),
        "immediate": len(ids[::immediate_one_in]),
    }


def run_worker(max_tasks: int | None = None) -> None:
    from django.core.management import call_command

    args = ["db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", "-v", "0"]
    if max_tasks:
        args += ["--max-tasks", str(max_tasks)]
    call_command(*args)


def measure(built: dict[str, Any]) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django_tasks_db.models import DBTaskResult

    from groundswell.follows.notifying import FOLLOWING_NEW
    from groundswell.notifications.models import Notification

    story = built["story"]
    client = Client()
    client.force_login(built["owner"])
    rows = Notification.objects.filter(type_key=FOLLOWING_NEW, target_item_id=story.item_id)

    # Warm up as a running server would be: the consent page, same view, same templates.
    warm = client.get(f"/stories/{story.pk}/publish/", secure=True)
    if warm.status_code != 200:
        raise SystemExit(f"The publish page answered {warm.status_code}.")
    start = time.perf_counter()
    response = client.post(f"/stories/{story.pk}/publish/", {"consent": "on"}, secure=True)
    request_s = time.perf_counter() - start
    if response.status_code != 302:
        raise SystemExit(f"Publishing answered {response.status_code}, not a redirect.")
    during_request = rows.count()
    queued = sorted(DBTaskResult.objects.values_list("task_path", flat=True))

    task_start = time.perf_counter()
    with CaptureQueriesContext(connection) as fanout_queries:
        # Every task the request queued (the fan-out, and search indexing), in the worker's order.
        run_worker(max_tasks=len(queued))
    done = time.perf_counter()
    created = rows.count()

    emails_start = time.perf_counter()
    run_worker()
    emails_s = time.perf_counter() - emails_start
    emailed = rows.filter(emailed_at__isnull=False).count()
    return {
        "publish_request_s": round(request_s, 3),
        "notifications_during_request": during_request,
        "tasks_queued_by_request": queued,
        "fanout_task_s": round(done - task_start, 3),
        "until_all_notified_s": round(done - start, 3),
        "fanout_queries": len(fanout_queries.captured_queries),
        "notifications": created,
        "immediate_emails_s": round(emails_s, 3),
        "immediate_emails_sent": emailed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_FANOUT_PG_URL", DEFAULT_PG_URL))
    parser.add_argument("--followers", type=int, default=10_000)
    parser.add_argument("--immediate-one-in", type=int, default=100)
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if not 1 <= args.followers <= 1_000_000 or args.immediate_one_in < 1:
        raise SystemExit("--followers must be 1..1,000,000 and --immediate-one-in at least 1")

    workdir = Path(tempfile.mkdtemp(prefix="fanout-bench-"))
    database = prepare_environment(args.db, args.pg_url, workdir)
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        t = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        migrate_s = time.perf_counter() - t
        t = time.perf_counter()
        built = build(args.followers, args.immediate_one_in)
        build_s = time.perf_counter() - t
        result = measure(built)
        result = {
            "benchmark": "fanout",
            "database": connection.vendor,
            "followers": built["followers"],
            "immediate_email_followers": built["immediate"],
            **result,
            "target_s": TARGET_S,
            "within_target": result["until_all_notified_s"] <= TARGET_S
            and result["notifications"] == built["followers"]
            and result["notifications_during_request"] == 0,
            "setup_s": {"migrate": round(migrate_s, 1), "build": round(build_s, 1)},
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }
        connection.close()
    finally:
        if args.db == "postgres" and not args.keep:
            _pg_admin(args.pg_url, f'DROP DATABASE IF EXISTS "{database}"')
        shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(result, indent=2))
    print(
        f"| fan-out ({result['database']}) | {result['followers']:,} followers | "
        f"publish request {result['publish_request_s'] * 1000:.0f} ms | "
        f"all notified in {result['until_all_notified_s']:.2f} s (target {TARGET_S:.0f} s) | "
        f"{result['fanout_queries']} queries |"
    )
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
