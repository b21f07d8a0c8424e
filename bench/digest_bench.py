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


def first_batch(queries: list[str]) -> list[str]:
    """The run's queries up to the first batch's summaries marked sent (the report lists them)."""
    out = []
    for sql in queries:
        out.append(sql[:400])
        if sql.startswith('UPDATE "notifications_digest" SET "sent_at"'):
            break
    return out


def run_digests(now: dt.datetime) -> dict[str, Any]:
    """One run of notifications.services.digests_run, timed, with its first queries kept for
    the report. `due` (the people with a daily summary waiting) is counted before the clock
    starts."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from groundswell.notifications import services
    from groundswell.notifications.models import Notification

    due_total = (
        Notification.objects.filter(email_delivery="daily", emailed_at__isnull=True)
        .order_by()
        .values("recipient_id")
        .distinct()
        .count()
    )
    started = time.monotonic()
    with CaptureQueriesContext(connection) as ctx:
        outcome = services.digests_run(now=now)
    elapsed = time.monotonic() - started
    return {
        "sent": outcome.as_dict(),
        "elapsed_s": elapsed,
        "due": due_total,
        "tried": due_total,
        "complete": True,
        "first_queries": first_batch([q["sql"] for q in ctx.captured_queries]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--members", type=int, default=20_000)
    parser.add_argument("--per-member", type=int, default=5)
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
    result["as_is"] = measure(now, args, made, made_s, mail_dir, label="as_is")
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
            outcome = run_digests(now)
        mails = len(os.listdir(mail_dir))
    finally:
        removed = cleanup()
    run_s = outcome["elapsed_s"]
    sent = outcome["sent"]
    daily = sent.get("daily", 0)
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
        "first_summary_queries": outcome["first_queries"],
        "target_s": TARGET_S,
        "sent": sent,
        "mail_files": mails,
        "queries": queries,
        "queries_per_summary": round(queries / daily, 3) if daily else None,
        "ms_per_summary": round(run_s * 1000 / daily, 2) if daily else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "cleaned_up_notifications": removed,
    }
    print(
        f"digest ({label}): {daily:,} daily summaries in {run_s:.1f}s "
        f"({result['ms_per_summary']} ms and {result['queries_per_summary']} queries each; "
        f"target {TARGET_S:.0f}s); peak memory {result['peak_rss_mb']} MiB",
        flush=True,
    )
    return result


if __name__ == "__main__":
    sys.exit(main())
