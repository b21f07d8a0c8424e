"""The daily notification summary for 20,000 members: how long one run of the digest job takes.

    DJANGO_SETTINGS_MODULE=config.settings DATABASE_URL=... \\
        python bench/digest_bench.py --members 20000 --per-member 5 --out bench/results/postgres-digest.json

Issue 12 asks for the daily digest of 20,000 members in at most 60 s. In the generated community
(bench/generate.py) this gives each of the first --members members --per-member unread
"Comments on your stories" notifications due in the daily summary (rows written in bulk, as the
comment hook would leave them: a commenter, one of the member's stories as the target), then runs
the job itself, `notifications.services.digests_run`, once, in this process: every summary is
claimed, built and written by the configured mailer (the file mailer, into a temporary folder).
Then it takes everything back out (notifications, summaries, mail files), so the database holds
what bench/generate.py wrote again.

Prints and writes one JSON object: members, notifications, summaries sent, the run's wall time,
its queries, the mean per summary, and this process's peak memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

TARGET_S = 60.0
DEDUPE_PREFIX = "bench-digest-"


def setup(mail_dir: str) -> None:
    # The mailer writes one file per summary: keep them out of var/ and remove them after.
    os.environ["EMAIL_FILE_PATH"] = mail_dir
    import django

    django.setup()


def cleanup() -> int:
    from django.db import transaction

    from groundswell.notifications.models import Digest, Notification

    with transaction.atomic():
        digest_ids = list(
            Notification.objects.filter(dedupe_key__startswith=DEDUPE_PREFIX)
            .exclude(digest=None)
            .values_list("digest_id", flat=True)
            .distinct()
        )
        removed, _ = Notification.objects.filter(dedupe_key__startswith=DEDUPE_PREFIX).delete()
        Digest.objects.filter(pk__in=digest_ids).delete()
    return removed


def make_notifications(members: int, per_member: int, created: dt.datetime) -> dict[str, int]:
    """Pending daily notifications for the first `members` members: about one of their own
    stories when they shared one (else another story), from 50 other members."""
    from django.db import transaction

    from groundswell.accounts.models import User
    from groundswell.notifications.models import Notification
    from groundswell.stories.models import Story

    story_of: dict[int, int] = {}
    for author_id, item_id in (
        Story.objects.order_by("author_id", "id").values_list("author_id", "item_id").iterator()
    ):
        story_of.setdefault(author_id, item_id)
    items = list(Story.objects.order_by("id").values_list("item_id", flat=True)[:1000])
    recipients = list(
        User.objects.filter(is_active=True).order_by("id").values_list("id", flat=True)[:members]
    )
    actors = recipients[-50:] if len(recipients) > 50 else recipients
    rows = []
    for n, uid in enumerate(recipients):
        item_id = story_of.get(uid) or items[n % len(items)]
        for k in range(per_member):
            actor = actors[(n + k) % len(actors)]
            if actor == uid:
                actor = actors[(n + k + 1) % len(actors)]
            rows.append(
                Notification(
                    recipient_id=uid,
                    type_key="story_reply",
                    actor_id=actor,
                    actor_label=f"member{actor}",
                    target_item_id=item_id,
                    target_url=f"#comment-bench-{k}",
                    dedupe_key=f"{DEDUPE_PREFIX}{uid}-{k}",
                    in_site=True,
                    email_delivery="daily",
                )
            )
    with transaction.atomic():
        Notification.objects.bulk_create(rows, batch_size=5000)
        # auto_now_add set "now": date them before the run, as a day's notifications would be.
        Notification.objects.filter(dedupe_key__startswith=DEDUPE_PREFIX).update(created_at=created)
    return {"members": len(recipients), "notifications": len(rows)}


def run_digests(now: dt.datetime, *, budget: float, once_each: bool = False) -> dict[str, Any]:
    """notifications.services.digests_run, step by step, so that a run far over its target can be
    stopped and projected instead of holding make bench for many minutes. Same queries and the
    same per-person service (digest_send_for); keep it in step with digests_run.

    once_each: visit each person once. digests_run's `.values_list("recipient_id").distinct()`
    keeps Notification's default ordering (-created_at, -id), so the database makes the rows
    distinct on those columns too and a person with 5 pending notifications is visited 5 times
    (4 visits find nothing left to send). once_each measures the loop with `.order_by()` added."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from groundswell.notifications import services
    from groundswell.notifications.models import Digest, Notification

    sent: dict[str, int] = {}
    due_total = tried = 0
    first_queries: list[str] = []
    complete = True
    started = time.monotonic()
    for due in services.due_periods(now):
        already = Digest.objects.filter(period=due.period, period_key=due.period_key).values(
            "user_id"
        )
        pending = Notification.objects.filter(
            email_delivery=due.period, emailed_at__isnull=True
        ).exclude(recipient_id__in=already)
        if once_each:
            pending = pending.order_by()
        user_ids = list(pending.values_list("recipient_id", flat=True).distinct())
        due_total += len(user_ids)
        for user_id in user_ids:
            if time.monotonic() - started > budget:
                complete = False
                break
            tried += 1
            if not first_queries:
                with CaptureQueriesContext(connection) as ctx:
                    digest = services.digest_send_for(
                        user_id=user_id, period=due.period, period_key=due.period_key, now=now
                    )
                first_queries = [q["sql"][:400] for q in ctx.captured_queries]
            else:
                digest = services.digest_send_for(
                    user_id=user_id, period=due.period, period_key=due.period_key, now=now
                )
            if digest is not None:
                sent[due.period] = sent.get(due.period, 0) + 1
    return {
        "sent": sent,
        "elapsed_s": time.monotonic() - started,
        "due": due_total,
        "tried": tried,
        "complete": complete,
        "first_queries": first_queries,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--per-member", type=int, default=5)
    parser.add_argument(
        "--budget",
        type=float,
        default=90.0,
        help="stop after this many seconds and project the whole run from the share done",
    )
    parser.add_argument(
        "--compare",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also measure the loop visiting each person once (see run_digests)",
    )
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    mail_dir = tempfile.mkdtemp(prefix="groundswell-digest-bench-")
    try:
        setup(mail_dir)
        return run(args, mail_dir)
    finally:
        shutil.rmtree(mail_dir, ignore_errors=True)


def run(args: argparse.Namespace, mail_dir: str) -> int:
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    leftover = cleanup()
    if leftover:
        print(f"digest: removed {leftover:,} notifications left by an earlier run", flush=True)
    hour = int(getattr(settings, "NOTIFICATIONS_DIGEST_HOUR", 8))
    local_now = timezone.localtime(timezone.now())
    # The run happens "today at the digest hour plus one minute", whatever the clock says, so
    # the daily summary is due; the weekly one is due too on its day, with nothing to send.
    now = local_now.replace(hour=hour, minute=1, second=0, microsecond=0)
    started = time.monotonic()
    made = make_notifications(args.members, args.per_member, now - dt.timedelta(hours=12))
    made_s = time.monotonic() - started
    print(
        f"digest: {made['notifications']:,} pending notifications for {made['members']:,} members "
        f"written in {made_s:.1f}s",
        flush=True,
    )
    if made["members"] < args.members:
        print(
            f"digest: only {made['members']:,} active members in this community "
            f"(asked for {args.members:,})",
            flush=True,
        )
    result: dict[str, Any] = {"database": connection.vendor, "target_s": TARGET_S}
    for variant, once_each in (("as_is", False), ("once_each", True)):
        if variant == "once_each" and not args.compare:
            break
        if variant != "as_is":
            made = make_notifications(args.members, args.per_member, now - dt.timedelta(hours=12))
        result[variant] = measure(
            now, args, made, made_s, mail_dir, once_each=once_each, label=variant
        )
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2))
    return 0


def measure(
    now: dt.datetime,
    args: argparse.Namespace,
    made: dict[str, int],
    made_s: float,
    mail_dir: str,
    *,
    once_each: bool,
    label: str,
) -> dict[str, Any]:
    from django.db import connection

    queries = 0

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    for name in os.listdir(mail_dir):
        os.unlink(os.path.join(mail_dir, name))
    try:
        with connection.execute_wrapper(count):
            outcome = run_digests(now, budget=args.budget, once_each=once_each)
        mails = len(os.listdir(mail_dir))
    finally:
        removed = cleanup()
    run_s = outcome["elapsed_s"]
    sent = outcome["sent"]
    daily = sent.get("daily", 0)
    projected_s = run_s * outcome["due"] / outcome["tried"] if outcome["tried"] else None
    result = {
        "database": connection.vendor,
        "variant": label,
        "members": made["members"],
        "notifications": made["notifications"],
        "per_member": args.per_member,
        "setup_s": round(made_s, 1),
        "run_s": round(run_s, 1),
        "complete": outcome["complete"],
        "due": outcome["due"],
        "tried": outcome["tried"],
        "budget_s": args.budget,
        "projected_s": round(projected_s, 1) if projected_s is not None else None,
        "first_summary_queries": outcome["first_queries"],
        "target_s": TARGET_S,
        "sent": sent,
        "mail_files": mails,
        "queries": queries,
        "queries_per_summary": round(queries / daily, 1) if daily else None,
        "ms_per_summary": round(run_s * 1000 / daily, 2) if daily else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "cleaned_up_notifications": removed,
    }
    if not outcome["complete"]:
        print(
            f"digest ({label}): stopped after the {args.budget:.0f}s budget with "
            f"{outcome['tried']:,} of {outcome['due']:,} visits done: the whole run would take "
            f"about {projected_s:.0f}s",
            flush=True,
        )
    print(
        f"digest ({label}): {daily:,} daily summaries in {run_s:.1f}s "
        f"({result['ms_per_summary']} ms and {result['queries_per_summary']} queries each; "
        f"target {TARGET_S:.0f}s); peak memory {result['peak_rss_mb']} MiB",
        flush=True,
    )
    return result


if __name__ == "__main__":
    sys.exit(main())
