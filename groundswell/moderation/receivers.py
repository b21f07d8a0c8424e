"""Signal receivers, connected in ModerationConfig.ready()."""

from __future__ import annotations

from typing import Any

from groundswell.moderation import services
from groundswell.moderation.models import Report


def hold_after_reports(sender: Any, report: Report, **kwargs: Any) -> None:
    """After a report is saved, hold the item for review if enough members have reported it."""
    services.report_auto_hold(report=report)
