from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from groundswell.search.services import REBUILD_BATCH_SIZE, SyncStats, rebuild_index


class Command(BaseCommand):
    help = "Bring the search index into step with every searchable item (stories, comments...), in batches."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size",
            type=int,
            default=REBUILD_BATCH_SIZE,
            help="Content items per batch.",
        )

    def handle(self, *args: Any, batch_size: int, **options: Any) -> None:
        started = time.monotonic()
        last_report = 0.0
        verbosity = options.get("verbosity", 1)

        def progress(done: int, total: int, stats: SyncStats) -> None:
            nonlocal last_report
            now = time.monotonic()
            if verbosity < 1 or (now - last_report < 2 and done < total):
                return
            last_report = now
            self.stdout.write(
                f"[{now - started:6.1f}s] {done:,}/{total:,} items checked: "
                f"{stats.created:,} documents added, {stats.updated:,} updated, {stats.deleted:,} removed"
            )

        stats = rebuild_index(batch_size=max(1, batch_size), progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Search index rebuilt in {time.monotonic() - started:.1f}s: {stats.created:,} added, "
                f"{stats.updated:,} updated, {stats.deleted:,} removed."
            )
        )
