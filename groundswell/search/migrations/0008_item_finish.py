"""Search documents point at a content item (step 3 of 3): drop `story` and `comment`, make `item`
required and unique (one document per item), and call `doc_type` what it now holds: the item's
kind, up to ContentItem.kind's 20 characters.

SQLite remakes the table, which drops the FTS5 triggers (migration 0003): created again after,
both ways, as in 0006. The FTS5 rows stay valid: the documents keep their ids and words.
"""

import django.db.models.deletion
from django.db import migrations, models

SQLITE_TRIGGERS = [
    "DROP TRIGGER IF EXISTS search_fts_after_update",
    "DROP TRIGGER IF EXISTS search_fts_after_delete",
    "DROP TRIGGER IF EXISTS search_fts_after_insert",
    """
    CREATE TRIGGER search_fts_after_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, title, text, tags) VALUES (new.id, new.title, new.text, new.tags);
    END
    """,
    """
    CREATE TRIGGER search_fts_after_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, text, tags)
        VALUES ('delete', old.id, old.title, old.text, old.tags);
    END
    """,
    """
    CREATE TRIGGER search_fts_after_update AFTER UPDATE OF title, text, tags ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, text, tags)
        VALUES ('delete', old.id, old.title, old.text, old.tags);
        INSERT INTO search_fts(rowid, title, text, tags) VALUES (new.id, new.title, new.text, new.tags);
    END
    """,
]


def _triggers(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_TRIGGERS:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_item_fill")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, _triggers),
        migrations.RemoveField(model_name="searchdocument", name="comment"),
        migrations.RemoveField(model_name="searchdocument", name="story"),
        migrations.RenameField(model_name="searchdocument", old_name="doc_type", new_name="kind"),
        migrations.AlterField(
            model_name="searchdocument",
            name="kind",
            field=models.CharField(max_length=20),
        ),
        migrations.AlterField(
            model_name="searchdocument",
            name="audience",
            field=models.CharField(max_length=8),
        ),
        migrations.AlterField(
            model_name="searchdocument",
            name="item",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="content.contentitem",
            ),
        ),
        migrations.RunPython(_triggers, migrations.RunPython.noop),
    ]
