"""Full-text backends behind one interface, chosen by the database vendor.

Both read the same `search_searchdocument` table and differ only in how they match, rank and mark
up text:

- SQLite: the FTS5 table `search_fts` (rowid = SearchDocument.id) over title, text and tags,
  ranked by bm25 with the title weighted ten times the text.
- PostgreSQL: the generated column `search_vector` (title weight A, text weight B, tags as "#"
  lexemes) with a GIN index, ranked by `ts_rank_cd`.

Why candidates: ranking every match of a common word means reading every matching row (150,000
rows for "walking" in the 1.1-million-document benchmark, about a second). Neither index can
hand rows over best first, but both can cheaply hand over the most recently indexed matches. So
a search takes up to `limit` of those, ranks them, and the selector pages through them. When a
query matches no more than `limit` documents the ranking covers every match; when it matches
more, the page shows the best of the newest `limit` and says there are more (more words or a
filter narrow it).

Highlights come back with the sentinel characters START/STOP around matches, never as HTML:
`highlight.to_html` escapes the text and then turns the sentinels into <mark>.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import connection

from groundswell.search.query import ParsedQuery, to_fts5, to_tsquery

# Control characters that never survive indexing (see services._plain), so they are free to mark
# the start and end of a match in text coming back from the database.
START = "\x02"
STOP = "\x03"

_TAG_RE = re.compile(r"^[a-z0-9]+$")


@dataclass(frozen=True)
class Filters:
    """What narrows a search. `audiences` is decided by who is asking, never by the query string."""

    audiences: tuple[str, ...]
    # Filter tokens (models.filter_tags) that must all be present.
    tags: tuple[str, ...] = ()
    # Inclusive start, exclusive end.
    published_from: dt.datetime | None = None
    published_before: dt.datetime | None = None

    def __post_init__(self) -> None:
        for tag in self.tags:
            if not _TAG_RE.match(tag):
                raise ValueError(f"Not a filter tag: {tag!r}")


@dataclass(frozen=True)
class Candidate:
    id: int
    # Greater means published later; only comparable within one search.
    recency: float
    # Greater means a better match; only comparable within one search.
    score: float


@dataclass(frozen=True)
class Highlight:
    title: str
    snippet: str


class SearchBackend(Protocol):
    def latest_id(self) -> int | None:
        """The id of the most recently indexed document: it changes whenever a document is added."""
        ...

    def candidates(
        self, parsed: ParsedQuery, filters: Filters, *, limit: int, latest_id: int
    ) -> list[Candidate]:
        """Up to `limit` matching documents, the most recently indexed first, with their scores."""
        ...

    def newest(
        self, parsed: ParsedQuery, filters: Filters, *, offset: int, limit: int
    ) -> list[int]:
        """Ids of one page of matching documents, newest first, over every match."""
        ...

    def highlights(self, parsed: ParsedQuery, doc_ids: list[int]) -> dict[int, Highlight]:
        """Title and a snippet of text for each document, with matches between START and STOP."""
        ...


def _latest_id() -> int | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM search_searchdocument")
        row = cursor.fetchone()
    return row[0] if row else None


def _filter_sql(filters: Filters) -> tuple[str, list[Any]]:
    """SQL conditions on the document table (aliased d) for what the text index does not hold."""
    if not filters.audiences:
        return " AND 1 = 0", []
    ops = connection.ops
    sql = " AND d.audience IN (" + ", ".join(["%s"] * len(filters.audiences)) + ")"
    params: list[Any] = list(filters.audiences)
    if filters.published_from is not None:
        sql += " AND d.published_at >= %s"
        params.append(ops.adapt_datetimefield_value(filters.published_from))
    if filters.published_before is not None:
        sql += " AND d.published_at < %s"
        params.append(ops.adapt_datetimefield_value(filters.published_before))
    return sql, params


class SQLiteBackend:
    # bm25 weights per FTS5 column: title, text, tags (tags never count towards relevance).
    WEIGHTS = "10.0, 1.0, 0.0"
    SNIPPET_TOKENS = 28

    @staticmethod
    def _expression(parsed: ParsedQuery, tags: tuple[str, ...] = ()) -> str:
        text = to_fts5(parsed)
        if not text:
            return ""
        # Words typed by people only ever match title and text, never the tags column.
        expression = "{title text} : (" + text + ")"
        for tag in tags:
            expression += f' AND tags : "{tag}"'
        return expression

    def latest_id(self) -> int | None:
        return _latest_id()

    def candidates(
        self, parsed: ParsedQuery, filters: Filters, *, limit: int, latest_id: int
    ) -> list[Candidate]:
        expression = self._expression(parsed, filters.tags)
        if not expression:
            return []
        where, params = _filter_sql(filters)
        # FTS5 walks its doclists in rowid order, so "newest rowids first, stop at limit" reads
        # only as many matches as it returns.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.id, julianday(d.published_at), bm25(search_fts, {self.WEIGHTS}) "  # noqa: S608 (no user text)
                "FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid "
                f"WHERE search_fts MATCH %s{where} ORDER BY search_fts.rowid DESC LIMIT %s",
                [expression, *params, limit],
            )
            rows = cursor.fetchall()
        # bm25 is lower for better matches.
        return [Candidate(id=pk, recency=when, score=-rank) for pk, when, rank in rows]

    def newest(
        self, parsed: ParsedQuery, filters: Filters, *, offset: int, limit: int
    ) -> list[int]:
        expression = self._expression(parsed, filters.tags)
        if not expression:
            return []
        where, params = _filter_sql(filters)
        # Matching rowids first (the doclist alone), then one sort: several times quicker than
        # joining every match to its row before sorting.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT d.id FROM search_searchdocument d WHERE d.id IN "  # noqa: S608 (no user text)
                f"(SELECT rowid FROM search_fts WHERE search_fts MATCH %s){where} "
                "ORDER BY d.published_at DESC, d.id DESC LIMIT %s OFFSET %s",
                [expression, *params, limit, offset],
            )
            return [row[0] for row in cursor.fetchall()]

    def highlights(self, parsed: ParsedQuery, doc_ids: list[int]) -> dict[int, Highlight]:
        expression = self._expression(parsed)
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
    # Candidates come from a window of the newest documents (a primary-key range), so a common
    # word reads a few thousand rows however many documents hold it, and a rare one goes
    # through the GIN index. The first window is sized from the planner's estimate of how many
    # documents match (EXPLAIN: planning only, well under a millisecond); if it held too few,
    # the next is sized from how many it held.
    WINDOW_MARGIN = 1.5
    MIN_WINDOW = 2_000
    CORRELATION = 4
    # A window over a quarter of the index costs more to build than the few thousand matches it
    # would save reading: past that, the GIN index alone.
    WHOLE_INDEX_ABOVE = 0.25
    HEADLINE_OPTIONS = (
        f'StartSel="{START}", StopSel="{STOP}", MaxWords=32, MinWords=12, '
        'MaxFragments=2, FragmentDelimiter=" … "'
    )
    TITLE_OPTIONS = f'StartSel="{START}", StopSel="{STOP}", HighlightAll=true'

    @staticmethod
    def _match(parsed: ParsedQuery, tags: tuple[str, ...]) -> tuple[str, list[Any]]:
        """The match condition. to_tsquery(regconfig, text) is immutable, so the planner folds it
        to a constant and can use the GIN index. numnode() guards against words the English
        configuration drops entirely: tags alone must never match."""
        tsquery = to_tsquery(parsed)
        sql = "numnode(to_tsquery('english', %s)) > 0 AND d.search_vector @@ "
        if not tags:
            return sql + "to_tsquery('english', %s)", [tsquery, tsquery]
        tag_query = " & ".join(f"'#{tag}'" for tag in tags)
        return sql + "(to_tsquery('english', %s) && %s::tsquery)", [tsquery, tsquery, tag_query]

    def latest_id(self) -> int | None:
        return _latest_id()

    @classmethod
    def _window(cls, latest_id: int, limit: int, *, matches: float, out_of: int) -> int:
        """How many of the newest documents should hold `limit` matches, if `matches` of
        `out_of` documents match. No match seen means rare words: the whole index."""
        if matches <= 0:
            return latest_id
        return max(cls.MIN_WINDOW, int(out_of * cls.WINDOW_MARGIN * limit / matches))

    @classmethod
    def _first_window(cls, latest_id: int, limit: int, *, estimated: float, groups: int) -> int:
        if groups > 1:
            # The planner multiplies word frequencies as if words were independent; the words
            # people put together ("blood pressure") rarely are.
            estimated *= cls.CORRELATION
        return cls._window(latest_id, limit, matches=estimated, out_of=latest_id)

    def candidates(
        self, parsed: ParsedQuery, filters: Filters, *, limit: int, latest_id: int
    ) -> list[Candidate]:
        tsquery = to_tsquery(parsed)
        if not tsquery:
            return []
        match, match_params = self._match(parsed, filters.tags)
        where, params = _filter_sql(filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"EXPLAIN (FORMAT JSON) SELECT 1 FROM search_searchdocument d WHERE {match}{where}",  # noqa: S608
                [*match_params, *params],
            )
            plan = cursor.fetchone()[0]
            estimated = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]
            size = self._first_window(
                latest_id, limit, estimated=estimated["Plan Rows"], groups=len(parsed.groups)
            )
            while True:
                lower = latest_id - size if size <= latest_id * self.WHOLE_INDEX_ABOVE else None
                window = " AND d.id > %s" if lower is not None else ""
                # Inside a window, a backward primary-key walk that stops at the limit-th match
                # is often the cheapest plan (the planner weighs it against the GIN index); over
                # the whole index the same walk would check every row for rare words, so there
                # "d.id + 0" keeps the planner off it.
                order = "d.id" if lower is not None else "d.id + 0"
                cursor.execute(
                    "WITH c AS MATERIALIZED ("  # noqa: S608 (no user text)
                    f" SELECT d.id, d.published_at, d.search_vector FROM search_searchdocument d"
                    f" WHERE {match}{where}{window} ORDER BY {order} DESC LIMIT %s"
                    f") SELECT id, extract(epoch FROM published_at)::float8,"
                    f" ts_rank_cd(search_vector, to_tsquery('english', %s), "
                    f"{self.RANK_NORMALISATION}) FROM c ORDER BY id DESC",
                    [
                        *match_params,
                        *params,
                        *([lower] if lower is not None else []),
                        limit,
                        tsquery,
                    ],
                )
                rows = cursor.fetchall()
                if len(rows) >= limit or lower is None:
                    break
                size = max(size * 2, self._window(latest_id, limit, matches=len(rows), out_of=size))
        return [Candidate(id=pk, recency=when, score=rank) for pk, when, rank in rows]

    def newest(
        self, parsed: ParsedQuery, filters: Filters, *, offset: int, limit: int
    ) -> list[int]:
        if not to_tsquery(parsed):
            return []
        match, match_params = self._match(parsed, filters.tags)
        where, params = _filter_sql(filters)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.id FROM search_searchdocument d WHERE {match}{where} "  # noqa: S608
                "ORDER BY d.published_at DESC, d.id DESC LIMIT %s OFFSET %s",
                [*match_params, *params, limit, offset],
            )
            return [row[0] for row in cursor.fetchall()]

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
