"""Reading the audit log: filtered, newest first, keyset-paginated, and as CSV rows."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from groundswell.audit.models import AuditEvent
from groundswell.lib import cursors

PAGE_SIZE = 50
CSV_HEADER = ["id", "when", "actor", "action", "target_type", "target_id", "details", "ip_address"]


@dataclass(frozen=True)
class AuditFilters:
    action: str = ""
    actor: str = ""
    # Inclusive dates in the site's time zone.
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def as_dict(self) -> dict[str, str]:
        return {
            "action": self.action,
            "actor": self.actor,
            "date_from": self.date_from.isoformat() if self.date_from else "",
            "date_to": self.date_to.isoformat() if self.date_to else "",
        }


def _start_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_events(filters: AuditFilters) -> QuerySet[AuditEvent]:
    qs = AuditEvent.objects.all()
    if filters.action:
        qs = qs.filter(action=filters.action)
    actor = filters.actor.strip()
    if actor:
        number = actor.lstrip("#")
        if number.isdigit():
            qs = qs.filter(actor_id=int(number))
        else:
            qs = qs.filter(actor_label__icontains=actor)
    if filters.date_from:
        qs = qs.filter(created_at__gte=_start_of_day(filters.date_from))
    if filters.date_to:
        qs = qs.filter(created_at__lt=_start_of_day(filters.date_to + dt.timedelta(days=1)))
    return qs.order_by("-id")


def audit_page(
    qs: QuerySet[AuditEvent], *, before: str | None, size: int = PAGE_SIZE
) -> tuple[list[AuditEvent], int | None]:
    """One page, newest first; `before` is the id to continue from. Returns (events, next_before).

    A `before` that is not an id gives the first page.
    """
    if before:
        with contextlib.suppress(cursors.InvalidCursor):
            qs = qs.filter(id__lt=cursors.as_id(before))
    events = list(qs[: size + 1])
    if len(events) > size:
        events = events[:size]
        return events, events[-1].pk
    return events, None


def _safe_cell(value: object) -> str:
    """Stop spreadsheet programs running a cell as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    if text and text[0] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def audit_csv_rows(qs: QuerySet[AuditEvent]) -> Iterator[list[str]]:
    import json

    yield CSV_HEADER
    for event in qs.iterator(chunk_size=2000):
        yield [
            _safe_cell(v)
            for v in (
                event.pk,
                event.created_at.isoformat(),
                event.actor_label,
                event.action,
                event.target_type,
                event.target_id,
                json.dumps(event.details, sort_keys=True, ensure_ascii=False),
                event.ip_address,
            )
        ]
