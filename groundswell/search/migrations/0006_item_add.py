"""Search documents point at a content item (step 1 of 3): add `item` and `context`, nullable.

0007 fills them from the story and comment each document was made from; 0008 drops `story` and
`comment` and makes `item` required and unique. `story` becomes nullable and the story/comment
constraints go here, not in 0008, so that going back re-adds them only after 0007 has filled
`story` and `comment` again.

SQLite remakes the table for the constraint changes, which drops the triggers that keep the FTS5
table in step (migration 0003): they are created again after, both ways. The FTS5 table itself
keeps its rows: the documents keep their ids, title, text and tags.
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
    dependencies = [
        ("content", "0001_initial"),
        ("stories", "0006_content_items_finish"),
        ("search", "0005_short_pending_lists"),
    ]

    operations = [
        # Going back, this runs last: after the table was remade.
        migrations.RunPython(migrations.RunPython.noop, _triggers),
        migrations.RemoveConstraint(model_name="searchdocument", name="searchdoc_one_per_story"),
        migrations.RemoveConstraint(model_name="searchdocument", name="searchdoc_one_per_comment"),
        migrations.RemoveConstraint(
            model_name="searchdocument", name="searchdoc_type_matches_target"
        ),
        migrations.AlterField(
            model_name="searchdocument",
            name="story",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="stories.story",
            ),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="item",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="content.contentitem",
                db_index=False,
            ),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="context",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="content.contentitem",
            ),
        ),
        migrations.RunPython(_triggers, migrations.RunPython.noop),
    ]
