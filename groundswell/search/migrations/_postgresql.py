"""Helpers for this app's migrations (a module whose name starts with "_" is not a migration)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def on_postgresql(statements: list[str]) -> Callable[[Any, Any], None]:
    """A RunPython function that runs `statements` on PostgreSQL and does nothing elsewhere
    (the SQLite search index is FTS5, with nothing of this kind to change)."""

    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run
