"""Importing Open Referral UK files: the one service the command and the staff screen call.

Read (reading.py) -> check every record (checking.py: the profile's schema, then our rules) ->
write the valid ones in one transaction (writing.py) -> report, and one audit event per run.
An administrator ran it, so what it brings is public at once, marked with its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError, transaction
from django.http import HttpRequest

from groundswell.audit.services import audit_record
from groundswell.openreferral import checking, writing
from groundswell.openreferral.checking import RecordError
from groundswell.openreferral.reading import Package
from groundswell.places.models import Place

AUDIT_IMPORTED = "openreferral_imported"


@dataclass
class ImportReport:
    source: str
    file_name: str
    dry_run: bool
    received: int = 0
    valid: int = 0
    errors: list[RecordError] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    written: writing.Written | None = None
    # Set when the database refused the write: nothing was imported.
    failure: str = ""

    @property
    def invalid_ids(self) -> list[str]:
        return list(dict.fromkeys(error.record_id for error in self.errors))

    @property
    def errors_by_record(self) -> dict[str, list[RecordError]]:
        grouped: dict[str, list[RecordError]] = {}
        for error in self.errors:
            grouped.setdefault(error.record_id, []).append(error)
        return grouped

    def counts(self) -> dict[str, Any]:
        written = self.written or writing.Written()
        return {
            "received": self.received,
            "valid": self.valid,
            "invalid": len(self.invalid_ids),
            "skipped": len(self.skipped),
            "services_created": written.services_created,
            "services_updated": written.services_updated,
            "organisations_created": written.organisations_created,
            "organisations_updated": written.organisations_updated,
            "locations_created": written.locations_created,
            "locations_updated": written.locations_updated,
            "dry_run": self.dry_run,
            "failed": bool(self.failure),
        }


def _after_import(written: writing.Written) -> None:
    """After the import commits: every asset it wrote is indexed for search, in batches (one
    signal per asset would take minutes for a council's directory); the people who follow an
    asset whose details changed are told through the assets app's own `asset_changed` signal, as
    for any other change to an asset."""
    from groundswell.assets import signals as asset_signals
    from groundswell.assets.models import Asset
    from groundswell.follows.models import Follow
    from groundswell.search import services as search_services

    items = written.item_ids
    for start in range(0, len(items), 500):
        search_services.index_items(items[start : start + 500])
    changed = written.changed_asset_ids
    for start in range(0, len(changed), 500):
        followed = set(
            Follow.objects.filter(
                target_kind="asset", target_id__in=changed[start : start + 500]
            ).values_list("target_id", flat=True)
        )
        for asset_id in sorted(followed):
            asset_signals.asset_changed.send(sender=Asset, asset_id=asset_id)


def oruk_import(
    *,
    package: Package,
    publisher: str,
    actor: Any,
    file_name: str,
    default_place: Place | None = None,
    dry_run: bool = False,
    request: HttpRequest | None = None,
) -> ImportReport:
    """Import the services in `package` from `publisher` (shown as "From Open Referral UK:
    <publisher>"). Every record is checked first; the valid ones are written in one transaction
    (all or none of them), the invalid ones reported by id with their reasons. The same records
    imported again update what the first import wrote. `dry_run` checks and reports only.
    `actor` is the administrator (None for the command run without one); the run is audited
    either way, dry runs included."""
    source = checking.source_name(publisher)
    checked = checking.check_package(package, default_place=default_place)
    report = ImportReport(
        source=source,
        file_name=file_name,
        dry_run=dry_run,
        received=checked.received,
        valid=len(checked.planned),
        errors=checked.errors,
        skipped=checked.skipped,
    )
    if not dry_run and checked.planned:
        try:
            with transaction.atomic():
                report.written = writing.write(planned=checked.planned, source=source)
        except DatabaseError as exc:  # the database refused a row: reported, nothing kept
            report.failure = f"{type(exc).__name__}: {exc}"
        else:
            written = report.written
            transaction.on_commit(lambda: _after_import(written))
    audit_record(
        actor=actor,
        action=AUDIT_IMPORTED,
        target=None,
        target_type="openreferral.import",
        target_id=file_name[:40],
        details={
            "file": file_name,
            "source": source,
            **report.counts(),
            "invalid_ids": report.invalid_ids[:100],
        },
        request=request,
    )
    return report
