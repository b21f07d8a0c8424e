from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from groundswell.trust.services import trust_recalculate_all


class Command(BaseCommand):
    help = (
        "Recalculate every member's trust level. Safe to run at any time and as often as you like; "
        "run it daily (cron or a systemd timer) so levels lift as time passes and reactions arrive."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args: Any, batch_size: int, **options: Any) -> None:
        changed = trust_recalculate_all(batch_size=batch_size)
        self.stdout.write(f"Trust levels recalculated; {changed} changed.")
