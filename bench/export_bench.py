"""Time "Download my data" for one member with many contributions.

    .venv/bin/python bench/export_bench.py                      # SQLite, 1,000 items
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/groundswell .venv/bin/python bench/export_bench.py
    .venv/bin/python bench/export_bench.py --items 10000 --images 20 --repeat 5

Builds a throwaway database (test_export_bench_<pid>, dropped afterwards), gives one member stories with
consent records and revisions, comments, reactions and follows adding up to --items, then times
the export task (all queries, the JSON and CSV files and the ZIP) --repeat times. The target in
the issue is under a minute for 1,000 items.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--items",
        type=int,
        default=1000,
        help="stories + revisions + consents + comments + reactions + follows",
    )
    parser.add_argument("--images", type=int, default=10, help="stories that carry an image")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="gs-export-bench-") as tmp:
        os.environ["MEDIA_ROOT"] = str(Path(tmp) / "media")
        os.environ["PRIVACY_EXPORT_ROOT"] = str(Path(tmp) / "exports")
        os.environ.setdefault("SQLITE_PATH", str(Path(tmp) / "bench.sqlite3"))

        import django

        django.setup()
        from django.conf import settings
        from django.db import connection
        from django.test.utils import setup_test_environment

        settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
        # Its own database name, so it never collides with a test run on the same server.
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = (
            f"test_export_bench_{os.getpid()}"
        )
        setup_test_environment()
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            run(args)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def run(args: argparse.Namespace) -> None:
    from django.core.files.base import ContentFile
    from django.db import connection
    from django.utils import timezone
    from PIL import Image

    from groundswell.accounts.models import User
    from groundswell.privacy import services
    from groundswell.stories.models import (
        Comment,
        ConsentAction,
        Follow,
        Reaction,
        Status,
        Story,
        StoryConsent,
        StoryRevision,
    )

    now = timezone.now()
    person = User.objects.create_user(
        username="bench", email="bench@example.org", password=None, display_name="Bench Person"
    )
    other = User.objects.create_user(
        username="other", email="other@example.org", password=None, display_name="Other"
    )
    body = "I want to share what the first months after my diagnosis were like. " * 12

    # Shares of the total: stories 25%, with a consent each (25%) and a revision for every
    # other one (12%); comments 25%; reactions 8%; follows 5%.
    n_stories = max(1, args.items // 4)
    n_revisions = n_stories // 2
    n_comments = args.items // 4
    n_reactions = args.items * 8 // 100
    n_follows = args.items - (2 * n_stories + n_revisions + n_comments + n_reactions)

    stories = Story.objects.bulk_create(
        Story(
            author=person,
            title=f"Story {i}",
            body=body,
            body_html=f"<p>{body}</p>",
            status=Status.PUBLISHED,
            published_at=now,
        )
        for i in range(n_stories)
    )
    StoryConsent.objects.bulk_create(
        StoryConsent(
            story=s,
            user=person,
            action=ConsentAction.GIVEN,
            notice_version="bench",
            statement="I agree.",
            audience="public",
            identity="named",
        )
        for s in stories
    )
    StoryRevision.objects.bulk_create(
        StoryRevision(story=s, title=s.title, body=body) for s in stories[:n_revisions]
    )
    theirs = Story.objects.bulk_create(
        Story(
            author=other,
            title=f"Other {i}",
            body="Other words",
            status=Status.PUBLISHED,
            published_at=now,
        )
        for i in range(max(n_reactions, n_follows, 1))
    )
    Comment.objects.bulk_create(
        Comment(story=theirs[i % len(theirs)], author=person, body=f"Comment {i}. {body[:200]}")
        for i in range(n_comments)
    )
    Reaction.objects.bulk_create(
        Reaction(user=person, kind="helped", story=s) for s in theirs[:n_reactions]
    )
    Follow.objects.bulk_create(Follow(user=person, story=s) for s in theirs[: max(n_follows, 0)])
    for story in stories[: args.images]:
        out = io.BytesIO()
        Image.new("RGB", (1200, 800), (90, 140, 200)).save(out, format="JPEG", quality=85)
        story.image.save(f"bench-{story.pk}.jpg", ContentFile(out.getvalue()), save=False)
        story.image_alt = "A picture"
        story.save(update_fields=["image", "image_alt"])

    timings = []
    for _ in range(args.repeat):
        export, _ = services.export_request(user=person)
        started = time.perf_counter()
        services.export_build(export_id=export.pk)
        timings.append(time.perf_counter() - started)
        export.refresh_from_db()
        (services.export_root() / export.file_name).unlink()
        export.delete()

    print(f"database: {connection.vendor}")
    print(
        f"records exported: {export.item_count:,} (asked for {args.items:,}), images: {args.images}"
    )
    print(f"ZIP size: {export.size_bytes / 1024:,.0f} KiB")
    print(
        f"build time over {args.repeat} runs: median {statistics.median(timings):.2f} s, max {max(timings):.2f} s"
    )


if __name__ == "__main__":
    main()
