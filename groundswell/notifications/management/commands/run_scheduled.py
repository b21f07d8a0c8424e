"""Run the scheduled jobs: `make run` starts this beside the task worker.

Every minute (--interval) it sends the daily and weekly notification summaries that are due
(services.digests_run). Running it twice, or on two servers, is harmless: each person gets one
summary per period. `--once` does one round and stops, for cron or a system timer.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the scheduled jobs (notification summaries) every minute."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Run one round and stop.")
        parser.add_argument("--interval", type=int, default=60, help="Seconds between rounds.")

    def handle(self, *args: Any, once: bool = False, interval: int = 60, **options: Any) -> None:
        from groundswell.notifications.services import digests_run

        while True:
            try:
                sent = digests_run().as_dict()
            except Exception:
                if once:
                    raise
                logger.exception("The notification summaries failed; trying again next round")
                sent = {}
            if once:
                self.stdout.write(f"Notification summaries sent: {sent or 'none due'}")
                return
            time.sleep(max(interval, 1))
            # A long-running process: drop a connection the database closed or that is too old,
            # between rounds (never inside the caller's transaction, as with --once in tests).
            close_old_connections()
