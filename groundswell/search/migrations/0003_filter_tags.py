"""Filter tokens inside the full-text index.

Topic, place and kind filters become tokens in `tags` that the full-text index holds, so a filter
narrows the match inside the index. kind, topic_ids and place_path are folded into tags and
dropped. The full-text index is rebuilt with the new column, on each vendor:

SQLite: an external-content FTS5 table (rowid = SearchDocument.id) over title, text and tags, kept
in step by triggers.
PostgreSQL: a generated tsvector column: title (weight A) and text (weight B) through the English
configuration, and tags as verbatim lexemes prefixed with "#", which no typed word can produce; a
GIN index over it.

The SQL is written out here, not imported, so this migration never changes after it has run.
"""

from django.db import migrations, models

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_fts_after_update",
    "DROP TRIGGER IF EXISTS search_fts_after_delete",
    "DROP TRIGGER IF EXISTS search_fts_after_insert",
    "DROP TABLE IF EXISTS search_fts",
]
SQLITE_CREATE = [
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title, text, tags,
        content='search_searchdocument', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
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
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]

POSTGRES_DROP = [
    "DROP INDEX IF EXISTS searchdoc_vector_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
]
POSTGRES_CREATE = [
    r"""
    ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(text, '')), 'B')
        || array_to_tsvector(string_to_array(regexp_replace(coalesce(tags, ''), '(\S+)', '#\1', 'g'), ' '))
    ) STORED
    """,
    "CREATE INDEX searchdoc_vector_gin ON search_searchdocument USING gin (search_vector)",
]

# Migration 0002's index, for going back.
SQLITE_CREATE_0002 = [
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title, text,
        content='search_searchdocument', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER search_fts_after_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END
    """,
    """
    CREATE TRIGGER search_fts_after_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    END
    """,
    """
    CREATE TRIGGER search_fts_after_update AFTER UPDATE OF title, text ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO search_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END
    """,
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
POSTGRES_CREATE_0002 = [
    """
    ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(text, '')), 'B')
    ) STORED
    """,
    "CREATE INDEX searchdoc_vector_gin ON search_searchdocument USING gin (search_vector)",
]


def _run(statements):  # type: ignore[no-untyped-def]
    def run(apps, schema_editor):  # type: ignore[no-untyped-def]
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


def _noop(apps, schema_editor):  # type: ignore[no-untyped-def]
    pass


def _fill_tags(apps, schema_editor):  # type: ignore[no-untyped-def]
    """tags from kind, topic_ids (" 3 7 ") and place_path ("/1/4/17/"), in batches."""
    connection = schema_editor.connection
    last_id = 0
    with connection.cursor() as cursor:
        while True:
            cursor.execute(
                "SELECT id, kind, topic_ids, place_path FROM search_searchdocument WHERE id > %s ORDER BY id LIMIT 5000",
                [last_id],
            )
            rows = cursor.fetchall()
            if not rows:
                return
            updates = []
            for pk, kind, topic_ids, place_path in rows:
                tokens = [f"k{kind}"]
                tokens += [f"t{int(t)}" for t in sorted({int(t) for t in (topic_ids or "").split()})]
                tokens += [f"p{int(p)}" for p in (place_path or "").strip("/").split("/") if p]
                updates.append((" ".join(tokens), pk))
            cursor.executemany("UPDATE search_searchdocument SET tags = %s WHERE id = %s", updates)
            last_id = rows[-1][0]


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_index")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
            _run({"sqlite": SQLITE_CREATE_0002, "postgresql": POSTGRES_CREATE_0002}),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="tags",
            field=models.TextField(blank=True, default=""),
        ),
        # Going back leaves kind, topics and place empty: run rebuild_search_index after.
        migrations.RunPython(_fill_tags, _noop),
        migrations.RemoveField(model_name="searchdocument", name="kind"),
        migrations.RemoveField(model_name="searchdocument", name="place_path"),
        migrations.RemoveField(model_name="searchdocument", name="topic_ids"),
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
    ]
