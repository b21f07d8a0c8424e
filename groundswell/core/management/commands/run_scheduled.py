"""Run the scheduled jobs: `make run` starts this beside the task worker.

Every minute (--interval) it runs each registered job (core.scheduled) whose own interval has
passed: the daily and weekly notification summaries, reminders, and whatever else an app
registered. Running it twice, or on two servers, is harmless: each job is idempotent. `--once`
runs every job once and stops, for cron or a system timer.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from groundswell.core.scheduled import jobs

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the scheduled jobs (notification summaries, reminders) on their timers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run every job once and stop.")
        parser.add_argument("--interval", type=int, default=60, help="Seconds between rounds.")
        parser.add_argument("--job", action="append", default=[], help="Run only this job.")

    def handle(
        self, *args: Any, once: bool = False, interval: int = 60, job: list[str], **options: Any
    ) -> None:
        last_run: dict[str, float] = {}
        while True:
            now = time.monotonic()
            for scheduled in jobs():
                if job and scheduled.name not in job:
                    continue
                due = last_run.get(scheduled.name)
                if not once and due is not None and now - due < scheduled.every_minutes * 60:
                    continue
                last_run[scheduled.name] = now
                try:
                    summary = scheduled.run()
                except Exception:
                    if once:
                        raise
                    logger.exception(
                        "The scheduled job %s failed; trying again later", scheduled.name
                    )
                    continue
                if once:
                    self.stdout.write(f"{scheduled.name}: {summary or 'nothing due'}")
            if once:
                return
            time.sleep(max(interval, 1))
            # A long-running process: drop a connection the database closed or that is too old,
            # between rounds (never inside the caller's transaction, as with --once in tests).
            close_old_connections()
