"""Keep the pending lists of both GIN indexes short (PostgreSQL only).

With GIN's default fast update, new documents wait in an unsorted pending list (up to
`gin_pending_list_limit`, 4 MB by default) until vacuum or a full list merges them into the index,
and *every* scan of the index reads the whole list. A search reads the age index once for each
bucket (7 or more scans), so on the benchmark 121 pending pages (2,373 documents written since its
last vacuum) cost about 0.7 ms a scan: 5.7 of the 6 ms the index scans took. With the list merged
the same scans took 0.3 ms. A list at its 4 MB limit would cost four times as much.

A 64 kB limit (at most 8 pages) bounds that to a few hundredths of a millisecond a scan, and still
merges new documents in batches: inserting 2,458 documents one by one took as long as with the
default limit (0.09 ms each), where turning fast update off took twice as long.

The lists already there are merged now.
"""

from django.db import migrations

from groundswell.search.migrations._postgresql import on_postgresql

INDEXES = ("searchdoc_vector_gin", "searchdoc_bucketed_gin")
FORWARD = [
    statement
    for index in INDEXES
    for statement in (
        f"ALTER INDEX {index} SET (gin_pending_list_limit = 64)",
        f"SELECT gin_clean_pending_list('{index}'::regclass)",
    )
]
REVERSE = [f"ALTER INDEX {index} RESET (gin_pending_list_limit)" for index in INDEXES]


class Migration(migrations.Migration):
    dependencies = [("search", "0004_bucketed_index")]

    operations = [migrations.RunPython(on_postgresql(FORWARD), on_postgresql(REVERSE))]
