"""Extension points for other apps (api tokens, moderation, analytics, notifications).

- `account_deleting` (sender=User, user=User, mode=str) is sent inside the deletion transaction,
  before any row goes: a receiver removes or anonymises its own rows that point at the person
  (a ForeignKey with on_delete=PROTECT would otherwise stop the deletion).
- `account_deleted` (sender=User, user_id=int, mode=str) is sent after the transaction commits:
  for caches and anything outside the database.
- `register_export_section(name, collect)` adds a section to "Download my data": `collect(user)`
  returns a list of flat dicts (one per row) of the person's own data, never anyone else's.
  Connect and register in your AppConfig.ready() (signals with a dispatch_uid).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.dispatch import Signal
from django_stubs_ext import StrOrPromise

account_deleting = Signal()
account_deleted = Signal()

ExportCollector = Callable[[Any], list[dict[str, Any]]]
_export_sections: dict[str, tuple[StrOrPromise, ExportCollector]] = {}


def register_export_section(
    name: str, collect: ExportCollector, *, description: StrOrPromise = ""
) -> None:
    """Add `<name>.csv` and a `<name>` list in data.json to every export."""
    _export_sections[name] = (description, collect)


def export_sections() -> dict[str, tuple[StrOrPromise, ExportCollector]]:
    return dict(_export_sections)
