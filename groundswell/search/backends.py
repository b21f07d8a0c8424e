"""Full-text backends behind one interface, chosen by the database vendor.

Both read the same `search_searchdocument` table and differ only in how they match, rank and mark
up text:

- SQLite: the FTS5 table `search_fts` (rowid = SearchDocument.id) over title, text and tags,
  ranked by bm25 with the title weighted ten times the text.
- PostgreSQL: the generated column `search_vector` (title weight A, text weight B, tags as "#"
  lexemes) with a GIN index, ranked by `ts_rank_cd`; and a second GIN index over the same words
  prefixed with each document's bucket of ids (the age index, migration 0004), so that common
  words are looked up in the newest documents only.

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
from typing import Any, NamedTuple, Protocol

from django.db import connection

from groundswell.search.query import ParsedQuery, to_fts5, to_tsquery

# Control characters that never survive indexing (see services._plain), so they are free to mark
# the start and end of a match in text coming back from the database.
START = "\x02"
STOP = "\x03"

_TAG_RE = re.compile(r"^[a-z0-9]+$")
# In a tsquery as PostgreSQL prints it: a quoted lexeme (group 1), or a phrase operator.
_QUERY_TOKEN_RE = re.compile(r"'((?:[^']|'')*)'|<(?:-|[0-9]+)>")


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


class Candidate(NamedTuple):
    # A tuple, not a dataclass: a search makes up to 501 of them, three times quicker so.
    id: int
    # Greater means published later; only comparable within one search.
    recency: float
    # Greater means a better match; only comparable within one search.
    score: float


@dataclass(frozen=True)
class Highlight:
    """One document of a page of results: its matches marked, and what the page loads it by."""

    title: str
    snippet: str
    item_id: int
    kind: str
    published_at: dt.datetime
    # The item whose page it is read on (SearchDocument.context), and that item's kind.
    context_id: int | None = None
    context_kind: str | None = None


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
        """Title and a snippet of text for each document, with matches between START and STOP,
        and the document's item (read in the same query: a page of results costs one)."""
        ...


# What `highlights` reads besides the marked text, in Highlight's order after title and snippet.
_DOC_COLUMNS = "d.item_id, d.kind, d.published_at, d.context_id, ci.kind"
_DOC_JOIN = "LEFT JOIN content_contentitem ci ON ci.id = d.context_id"


def _highlight(row: tuple[Any, ...]) -> Highlight:
    published_at = row[5]
    if connection.vendor == "sqlite":  # dates come back as text there; the ORM would convert them
        published_at = connection.ops.convert_datetimefield_value(published_at, None, connection)  # type: ignore[attr-defined]
    return Highlight(row[1] or "", row[2] or "", row[3], row[4], published_at, row[6], row[7])


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
        return [Candidate(pk, when, -rank) for pk, when, rank in rows]

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
                "SELECT search_fts.rowid, highlight(search_fts, 0, %s, %s), "  # noqa: S608 (no user text)
                f"snippet(search_fts, 1, %s, %s, '…', {self.SNIPPET_TOKENS}), {_DOC_COLUMNS} "
                "FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid "
                f"{_DOC_JOIN} WHERE search_fts MATCH %s AND search_fts.rowid IN ({placeholders})",
                [START, STOP, START, STOP, expression, *doc_ids],
            )
            return {row[0]: _highlight(row) for row in cursor.fetchall()}


def _tags(tags: tuple[str, ...]) -> str:
    """Filter tags as a tsquery: they are "#"-prefixed lexemes in the vector (migration 0003)."""
    return " & ".join(f"'#{tag}'" for tag in tags)


class PostgresBackend:
    # ts_rank_cd normalisation 1: divide by 1 + log(document length), so a long text that
    # mentions a word in passing does not outrank a short one about it.
    RANK_NORMALISATION = 1
    # Candidates come from a window of the newest documents, read through the age index
    # (migration 0004: every word prefixed with its document's bucket of BUCKET_SIZE ids), so a
    # common word reads only the newest part of its list, and a rare one goes through the plain
    # GIN index, which reads each list once. The first window is sized from the planner's
    # estimate of how many documents match (EXPLAIN: planning only, well under a millisecond);
    # if it held too few, the next covers older buckets, sized from how many matched so far.
    BUCKET_SIZE = 10_000  # the divisor in search_bucketed(): change both together
    WINDOW_MARGIN = 1.5
    MIN_WINDOW = 2_000
    CORRELATION = 4
    # The plain index reads each word's whole list once; the age index reads only the buckets
    # asked for, but repeats the query for each of them. So the plain index when the planner
    # expects to need over half the documents, or a round would span more than MAX_BUCKETS.
    WHOLE_INDEX_ABOVE = 0.5
    MAX_BUCKETS = 60
    HEADLINE_OPTIONS = (
        f'StartSel="{START}", StopSel="{STOP}", MaxWords=32, MinWords=12, '
        'MaxFragments=2, FragmentDelimiter=" … "'
    )
    TITLE_OPTIONS = f'StartSel="{START}", StopSel="{STOP}", HighlightAll=true'
    # Characters of a long text given to ts_headline, and how many of them come before the
    # first match (see highlights).
    HEADLINE_WINDOW = 1_000
    HEADLINE_LEAD = 150

    @staticmethod
    def _match(parsed: ParsedQuery, tags: tuple[str, ...]) -> tuple[str, list[Any]]:
        """The match condition. to_tsquery(regconfig, text) is immutable, so the planner folds it
        to a constant and can use the GIN index. numnode() guards against words the English
        configuration drops entirely: tags alone must never match."""
        tsquery = to_tsquery(parsed)
        sql = "numnode(to_tsquery('english', %s)) > 0 AND d.search_vector @@ "
        if not tags:
            return sql + "to_tsquery('english', %s)", [tsquery, tsquery]
        return sql + "(to_tsquery('english', %s) && %s::tsquery)", [tsquery, tsquery, _tags(tags)]

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

    @staticmethod
    def _bucketed(query_text: str, bucket: int) -> str:
        """`query_text` (a tsquery as PostgreSQL prints it) for one bucket of the age index:
        each lexeme gets the bucket's prefix, and phrases become "all these words"."""
        return _QUERY_TOKEN_RE.sub(
            lambda m: f"'{bucket}_{m.group(1)}'" if m.group(1) is not None else "&", query_text
        )

    def candidates(
        self, parsed: ParsedQuery, filters: Filters, *, limit: int, latest_id: int
    ) -> list[Candidate]:
        tsquery = to_tsquery(parsed)
        if not tsquery:
            return []
        match, match_params = self._match(parsed, filters.tags)
        where, params = _filter_sql(filters)
        rank = f"ts_rank_cd(search_vector, to_tsquery('english', %s), {self.RANK_NORMALISATION})"
        rows: list[tuple[int, float, float]] = []
        with connection.cursor() as cursor:
            # What the age index is asked: the words as PostgreSQL stems them, and the filter
            # tags. It holds no word positions, so a phrase is "all these words" there, and the
            # real vector decides; so does it for excluded phrases, left out of the question.
            excluded_phrase = any(term.is_phrase for term in parsed.excluded)
            asked = to_tsquery(ParsedQuery(groups=parsed.groups)) if excluded_phrase else tsquery
            if filters.tags:
                sql, sql_params = "(q && %s::tsquery)::text", [_tags(filters.tags)]
            else:
                sql, sql_params = "q::text", []
            cursor.execute(
                f"SELECT numnode(q), {sql} FROM to_tsquery('english', %s) AS q",  # noqa: S608
                [*sql_params, asked],
            )
            nodes, asked_text = cursor.fetchone()
            if not nodes:
                return []
            cursor.execute(
                f"EXPLAIN (FORMAT JSON) SELECT 1 FROM search_searchdocument d WHERE {match}{where}",  # noqa: S608
                [*match_params, *params],
            )
            plan = cursor.fetchone()[0]
            estimated = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]
            size = self._first_window(
                latest_id, limit, estimated=estimated["Plan Rows"], groups=len(parsed.groups)
            )
            exact, exact_params = "", []
            if excluded_phrase or any(
                m.group(1) is None for m in _QUERY_TOKEN_RE.finditer(asked_text)
            ):
                exact = " AND ts_match_vq(d.search_vector, to_tsquery('english', %s))"
                exact_params = [tsquery]
            # Buckets at and above `unread` have been read, newest first.
            unread = latest_id // self.BUCKET_SIZE + 1
            while len(rows) < limit and unread > 0:
                oldest = min(unread - 1, max(0, latest_id - size) // self.BUCKET_SIZE)
                if size > latest_id * self.WHOLE_INDEX_ABOVE or unread - oldest > self.MAX_BUCKETS:
                    # "d.id + 0" keeps the planner from walking the primary key past few matches.
                    condition = f"{match} AND d.id + 0 < %s"
                    condition_params = [*match_params, unread * self.BUCKET_SIZE]
                    oldest = 0
                else:
                    # One index scan per bucket, OR-ed by the planner: one query over many
                    # buckets would be checked whole against every document of every bucket.
                    buckets = range(unread - 1, oldest - 1, -1)
                    condition = (
                        "("
                        + " OR ".join(
                            ["search_bucketed(d.id, d.search_vector) @@ %s::tsquery"] * len(buckets)
                        )
                        + f"){exact}"
                    )
                    condition_params = [
                        self._bucketed(asked_text, b) for b in buckets
                    ] + exact_params
                cursor.execute(
                    "WITH c AS MATERIALIZED ("  # noqa: S608 (no user text)
                    " SELECT d.id, d.published_at, d.search_vector FROM search_searchdocument d"
                    f" WHERE {condition}{where} ORDER BY d.id + 0 DESC LIMIT %s"
                    f") SELECT id, extract(epoch FROM published_at)::float8, {rank}"
                    " FROM c ORDER BY id DESC",
                    [*condition_params, *params, limit - len(rows), tsquery],
                )
                rows.extend(cursor.fetchall())
                unread = oldest
                # The next window from how many matched in what has been read.
                read = latest_id - oldest * self.BUCKET_SIZE + 1
                size = max(size * 2, self._window(latest_id, limit, matches=len(rows), out_of=read))
        return list(map(Candidate._make, rows))

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
        # ts_headline parses all the text it is given: twenty 20,000-character stories took
        # 60-70 ms. Longer texts are cut to a window that starts a little before the first place
        # a searched word's stem appears, in lower case or capitalised (an English stem is the
        # start of the word once a final "i" is dropped: "pharmaci" for "pharmacy"); if none
        # does, the window is the start of the text. lower() over the whole text would cost
        # more than the headline.
        with connection.cursor() as cursor:
            cursor.execute(
                "WITH stems AS ("  # noqa: S608 (no user text)
                " SELECT DISTINCT rtrim(lexeme, 'i') AS stem FROM unnest(to_tsvector('english', %s))"
                " WHERE length(rtrim(lexeme, 'i')) >= 3"
                ") SELECT d.id, ts_headline('english', d.title, q, %s), ts_headline('english',"
                "  CASE WHEN length(d.text) <= %s THEN d.text"
                "  WHEN w.first <= %s THEN left(d.text, %s)"
                "  ELSE regexp_replace(substr(d.text, w.first - %s, %s), '^\\S*\\s+', '') END,"
                f" q, %s), {_DOC_COLUMNS}"
                " FROM search_searchdocument d CROSS JOIN to_tsquery('english', %s) AS q"
                " CROSS JOIN LATERAL (SELECT coalesce(min(p), 1) AS first FROM stems,"
                "  unnest(array[strpos(d.text, stem), strpos(d.text, initcap(stem))]) AS p"
                f"  WHERE p > 0) AS w {_DOC_JOIN}"
                " WHERE d.id = ANY(%s)",
                [
                    " ".join(parsed.words()),
                    self.TITLE_OPTIONS,
                    self.HEADLINE_WINDOW,
                    self.HEADLINE_LEAD,
                    self.HEADLINE_WINDOW,
                    self.HEADLINE_LEAD,
                    self.HEADLINE_WINDOW,
                    self.HEADLINE_OPTIONS,
                    tsquery,
                    list(doc_ids),
                ],
            )
            return {row[0]: _highlight(row) for row in cursor.fetchall()}


def get_backend() -> SearchBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"Search supports SQLite and PostgreSQL, not {connection.vendor}.")
