"""Test helpers: look for a piece of personal data anywhere in the database."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from django.apps import apps
from django.db import connection, models


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("utf-8", "ignore")
    return str(value)


def find_everywhere(needle: str) -> list[str]:
    """Every "app.Model.field #pk" in the whole database whose value contains `needle` (any case)."""
    hits: list[str] = []
    lowered = needle.lower()
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        fields = [f for f in meta.concrete_fields if not isinstance(f, models.ForeignKey)]
        names = [f.attname for f in fields]
        for row in model._base_manager.values_list("pk", *names):
            for name, value in zip(names, row[1:], strict=True):
                if lowered in _as_text(value).lower():
                    hits.append(f"{meta.label}.{name} #{row[0]}")
    return hits


def fulltext_hits(word: str) -> int:
    """Rows the database's own full-text index still matches for `word` (SQLite FTS5 / PostgreSQL)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH %s", [word])
        else:
            cursor.execute(
                "SELECT count(*) FROM search_searchdocument WHERE search_vector @@ plainto_tsquery('english', %s)",
                [word],
            )
        return int(cursor.fetchone()[0])


def read_zip(content: bytes) -> tuple[dict[str, Any], dict[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    return json.loads(files["data.json"]), files
