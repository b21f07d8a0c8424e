"""A second full-text index on PostgreSQL whose words are split by age, for common words.

A GIN index keeps one list of documents per word, so finding the newest documents with two common
words means reading both words' whole lists: about 20 ms for "appointment clinic" over 1.1 million
documents, however few of the matches a search keeps. This index holds every word of a document
prefixed with its *bucket*, the document id divided by 10,000 ("109_appoint"), so the lists for
the newest few buckets are all a search for common words has to read (about a millisecond).
Searches for rare words still use `searchdoc_vector_gin`, which reads each word's list once.

The bucket size is fixed here and in `backends.PostgresBackend.BUCKET_SIZE`; changing it means a
new migration that rebuilds this index.

SQLite needs nothing: FTS5 reads its lists newest first and stops at the limit.
"""

from django.db import migrations

from groundswell.search.migrations._postgresql import on_postgresql

CREATE = [
    """
    CREATE OR REPLACE FUNCTION search_bucketed(doc_id bigint, vector tsvector) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT array_to_tsvector(array(
            SELECT (doc_id / 10000)::text || '_' || lexeme FROM unnest(tsvector_to_array(vector)) AS lexeme
        ))
    $$
    """,
    # Built without locking out writes (a million documents take about 30 seconds). A build that
    # was interrupted leaves an invalid index behind: dropped first, so running again repairs it.
    "DROP INDEX CONCURRENTLY IF EXISTS searchdoc_bucketed_gin",
    "CREATE INDEX CONCURRENTLY searchdoc_bucketed_gin ON search_searchdocument "
    "USING gin (search_bucketed(id, search_vector))",
]
DROP = [
    "DROP INDEX CONCURRENTLY IF EXISTS searchdoc_bucketed_gin",
    "DROP FUNCTION IF EXISTS search_bucketed(bigint, tsvector)",
]


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False
    dependencies = [("search", "0003_filter_tags")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
