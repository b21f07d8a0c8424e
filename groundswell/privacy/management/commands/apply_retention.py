"""Apply the retention policy once. Run daily from cron or a systemd timer (docs/privacy.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from groundswell.privacy.retention import apply_retention


class Command(BaseCommand):
    help = "Delete data past its retention period (unverified accounts, old drafts, withdrawn text, exports, task results)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be removed and change nothing."
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        report = apply_retention(dry_run=dry_run)
        for line in report.lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
