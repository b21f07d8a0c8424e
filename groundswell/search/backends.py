"""Full-text backends behind one interface, chosen by the database vendor.

Both backends read the same `search_searchdocument` table and differ only in how they match,
rank and mark up text:

- SQLite: the FTS5 table `search_fts` (rowid = SearchDocument.id), ranked by bm25 with the title
  weighted ten times the text; `highlight()` and `snippet()` for the page of results only.
- PostgreSQL: the generated column `search_vector` (title weight A, text weight B) with a GIN index,
  ranked by `ts_rank_cd`; `ts_headline` runs on the page of results only.

Highlights come back with the sentinel characters START/STOP around matches, never as HTML:
`highlight.to_html` escapes the text and then turns the sentinels into <mark>.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import connection

from groundswell.search.query import ParsedQuery, to_fts5, to_tsquery

# Control characters that never survive indexing (see services._plain), so they are free to mark
# the start and end of a match in text coming back from the database.
START = "\x02"
STOP = "\x03"

ORDER_RELEVANCE = "relevance"
ORDER_NEWEST = "newest"


@dataclass(frozen=True)
class Filters:
    """What narrows a search. `audiences` is decided by who is asking, never by the query string."""

    audiences: tuple[str, ...]
    kind: str = ""
    topic_id: int | None = None
    place_path: str = ""
    # Inclusive start, exclusive end.
    published_from: dt.datetime | None = None
    published_before: dt.datetime | None = None


@dataclass(frozen=True)
class Highlight:
    title: str
    snippet: str


class SearchBackend(Protocol):
    def search(
        self,
        parsed: ParsedQuery,
        filters: Filters,
        *,
        order: str,
        offset: int,
        limit: int,
        count_cap: int,
    ) -> tuple[list[int], int]:
        """Ids of one page of matching documents, best first, and the number of matches up to count_cap + 1."""
        ...

    def highlights(self, parsed: ParsedQuery, doc_ids: list[int]) -> dict[int, Highlight]:
        """Title and a snippet of text for each document, with matches between START and STOP."""
        ...


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filter_sql(filters: Filters) -> tuple[str, list[Any]]:
    """SQL conditions on the document table (aliased d) and their parameters."""
    if not filters.audiences:
        return " AND 1 = 0", []
    ops = connection.ops
    sql = " AND d.audience IN (" + ", ".join(["%s"] * len(filters.audiences)) + ")"
    params: list[Any] = list(filters.audiences)
    if filters.kind:
        sql += " AND d.kind = %s"
        params.append(filters.kind)
    if filters.topic_id is not None:
        sql += " AND d.topic_ids LIKE %s"
        params.append(f"% {int(filters.topic_id)} %")
    if filters.place_path:
        sql += " AND d.place_path LIKE %s ESCAPE '\\'"
        params.append(_like_escape(filters.place_path) + "%")
    if filters.published_from is not None:
        sql += " AND d.published_at >= %s"
        params.append(ops.adapt_datetimefield_value(filters.published_from))
    if filters.published_before is not None:
        sql += " AND d.published_at < %s"
        params.append(ops.adapt_datetimefield_value(filters.published_before))
    return sql, params


class SQLiteBackend:
    # bm25 weights per FTS5 column: (title, text).
    TITLE_WEIGHT = 10.0
    TEXT_WEIGHT = 1.0
    SNIPPET_TOKENS = 28

    def search(
        self,
        parsed: ParsedQuery,
        filters: Filters,
        *,
        order: str,
        offset: int,
        limit: int,
        count_cap: int,
    ) -> tuple[list[int], int]:
        expression = to_fts5(parsed)
        if not expression:
            return [], 0
        where, params = _filter_sql(filters)
        base = (
            "FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid "
            f"WHERE search_fts MATCH %s{where}"
        )
        if order == ORDER_NEWEST:
            order_by = "d.published_at DESC, d.id DESC"
        else:
            order_by = f"bm25(search_fts, {self.TITLE_WEIGHT}, {self.TEXT_WEIGHT}), d.id DESC"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.id {base} ORDER BY {order_by} LIMIT %s OFFSET %s",  # noqa: S608 (no user text)
                [expression, *params, limit, offset],
            )
            ids = [row[0] for row in cursor.fetchall()]
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 {base} LIMIT %s)",  # noqa: S608 (no user text)
                [expression, *params, count_cap + 1],
            )
            total = cursor.fetchone()[0]
        return ids, total

    def highlights(self, parsed: ParsedQuery, doc_ids: list[int]) -> dict[int, Highlight]:
        expression = to_fts5(parsed)
        if not expression or not doc_ids:
            return {}
        placeholders = ", ".join(["%s"] * len(doc_ids))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid, highlight(search_fts, 0, %s, %s), "  # noqa: S608 (no user text)
                f"snippet(search_fts, 1, %s, %s, '…', {self.SNIPPET_TOKENS}) "
                f"FROM search_fts WHERE search_fts MATCH %s AND rowid IN ({placeholders})",
                [START, STOP, START, STOP, expression, *doc_ids],
            )
            return {
                row[0]: Highlight(title=row[1] or "", snippet=row[2] or "")
                for row in cursor.fetchall()
            }


class PostgresBackend:
    # ts_rank_cd normalisation 1: divide by 1 + log(document length), so a long text that
    # mentions a word in passing does not outrank a short one about it.
    RANK_NORMALISATION = 1
    HEADLINE_OPTIONS = (
        f'StartSel="{START}", StopSel="{STOP}", MaxWords=32, MinWords=12, '
        'MaxFragments=2, FragmentDelimiter=" … "'
    )
    TITLE_OPTIONS = f'StartSel="{START}", StopSel="{STOP}", HighlightAll=true'

    def search(
        self,
        parsed: ParsedQuery,
        filters: Filters,
        *,
        order: str,
        offset: int,
        limit: int,
        count_cap: int,
    ) -> tuple[list[int], int]:
        tsquery = to_tsquery(parsed)
        if not tsquery:
            return [], 0
        where, params = _filter_sql(filters)
        # to_tsquery(regconfig, text) is immutable, so the planner folds it to a constant and
        # can use the GIN index.
        base = f"FROM search_searchdocument d WHERE d.search_vector @@ to_tsquery('english', %s){where}"
        if order == ORDER_NEWEST:
            order_by = "d.published_at DESC, d.id DESC"
            order_params: list[Any] = []
        else:
            order_by = f"ts_rank_cd(d.search_vector, to_tsquery('english', %s), {self.RANK_NORMALISATION}) DESC, d.id DESC"
            order_params = [tsquery]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.id {base} ORDER BY {order_by} LIMIT %s OFFSET %s",  # noqa: S608 (no user text)
                [tsquery, *params, *order_params, limit, offset],
            )
            ids = [row[0] for row in cursor.fetchall()]
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 {base} LIMIT %s) AS matches",  # noqa: S608 (no user text)
                [tsquery, *params, count_cap + 1],
            )
            total = cursor.fetchone()[0]
        return ids, total

    def highlights(self, parsed: ParsedQuery, doc_ids: list[int]) -> dict[int, Highlight]:
        tsquery = to_tsquery(parsed)
        if not tsquery or not doc_ids:
            return {}
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT d.id, ts_headline('english', d.title, q, %s), ts_headline('english', d.text, q, %s) "
                "FROM search_searchdocument d, to_tsquery('english', %s) AS q WHERE d.id = ANY(%s)",
                [self.TITLE_OPTIONS, self.HEADLINE_OPTIONS, tsquery, list(doc_ids)],
            )
            return {
                row[0]: Highlight(title=row[1] or "", snippet=row[2] or "")
                for row in cursor.fetchall()
            }


def get_backend() -> SearchBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"Search supports SQLite and PostgreSQL, not {connection.vendor}.")
