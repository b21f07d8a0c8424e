"""On PostgreSQL, a trigram index for the list's word and accessibility filters.

The filters match any part of a word (`icontains`, which Django writes as UPPER(col) LIKE
UPPER('%word%')), so without this index every search read all the assets: 95-125 ms a query at
50,000 assets (bench/assets_generate.py), against a 50 ms target for the whole page. With it,
2-18 ms. pg_trgm is a trusted extension (PostgreSQL 13+): the site's own database user may create
it. Where it cannot (an older server, a locked-down role) the filters still work, only slower,
so the migration carries on rather than fail a deploy.

SQLite has no such index; the same filters scan its rows (about 25 ms at 50,000 assets).
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)

INDEX = "asset_words_trgm_idx"


def create(apps: Any, schema_editor: Any) -> None:
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {INDEX} ON assets_asset USING gin ("
                "UPPER(name) gin_trgm_ops, UPPER(description) gin_trgm_ops, "
                "UPPER(accessibility) gin_trgm_ops)"
            )
    except DatabaseError:
        logger.warning("No pg_trgm: the asset list's word filters will scan every row.")


def drop(apps: Any, schema_editor: Any) -> None:
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("assets", "0002_location_point_not_half")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
