"""Reading the search index: one page of results for one person."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.safestring import SafeString

from groundswell.accounts.models import public_name
from groundswell.core.pagecache import content_version as read_content_version
from groundswell.core.urls import fast_reverse
from groundswell.search import highlight
from groundswell.search.backends import (
    Candidate,
    Filters,
    Highlight,
    SearchBackend,
    get_backend,
)
from groundswell.search.models import DocType, SearchDocument, kind_tag, place_tag, topic_tag
from groundswell.search.query import ParsedQuery
from groundswell.stories.models import Audience, Identity, Kind, Status
from groundswell.stories.models import byline as story_byline

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from groundswell.accounts.models import User
    from groundswell.places.models import Place
    from groundswell.topics.models import Topic

logger = logging.getLogger(__name__)

ORDER_RELEVANCE = "relevance"
ORDER_NEWEST = "newest"

PAGE_SIZE = 20
# Results are the best of the newest MAX_RESULTS matches (see backends.py): ranking is the
# costly part of a search for a common word, so this bounds the work; beyond 25 pages people
# refine their words rather than read on. SEARCH_MAX_PAGES trades depth for CPU on small servers
# (10 pages: about a fifth less per distinct two-word search on the benchmark).
MAX_PAGES = settings.SEARCH_MAX_PAGES
MAX_RESULTS = PAGE_SIZE * MAX_PAGES
CANDIDATE_CACHE_SECONDS = 60


@dataclass(frozen=True)
class SearchCriteria:
    parsed: ParsedQuery
    kind: str = ""
    topic: Topic | None = None
    place: Place | None = None
    # Inclusive dates in the site's time zone.
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    order: str = ORDER_RELEVANCE


@dataclass(frozen=True)
class ResultStory:
    """The story a result belongs to, as far as a result needs it (not a model instance)."""

    pk: int
    kind: str
    title: str


@dataclass(frozen=True)
class SearchResult:
    story: ResultStory
    is_comment: bool
    comment_id: int | None
    # Who wrote the story or the comment, as the story page shows them: never a real name the
    # author chose not to use.
    byline: str
    # "Story", "Idea", "Resource", or "Comment on a story" (an idea, a resource).
    kind_label: str
    place_name: str
    # In the site's time zone: ISO 8601 for <time datetime>, and "4 March 2026" to read. Made
    # here because the date filter, twice for each of 20 results, was a tenth of the page's time.
    date_iso: str
    date_text: str
    date: dt.datetime
    title_html: SafeString
    snippet_html: SafeString
    url: str


@dataclass
class SearchPage:
    results: list[SearchResult] = field(default_factory=list)
    # Matches counted up to MAX_RESULTS + 1; `is_capped` says there were more than MAX_RESULTS.
    total: int = 0
    number: int = 1
    failed: bool = False

    @property
    def is_capped(self) -> bool:
        return self.total > MAX_RESULTS

    @property
    def shown_total(self) -> int:
        return min(self.total, MAX_RESULTS)

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.shown_total // PAGE_SIZE))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * PAGE_SIZE + 1 if self.results else 0

    @property
    def end_index(self) -> int:
        return (self.number - 1) * PAGE_SIZE + len(self.results)


def audiences_for(user: User | AnonymousUser | None) -> tuple[str, ...]:
    """Members-only stories and their comments are for signed-in members only."""
    if user is not None and user.is_authenticated:
        return (Audience.PUBLIC, Audience.MEMBERS)
    return (Audience.PUBLIC,)


def _start_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _filters(criteria: SearchCriteria, user: User | AnonymousUser | None) -> Filters:
    tags = []
    if criteria.kind:
        tags.append(kind_tag(criteria.kind))
    if criteria.topic is not None:
        tags.append(topic_tag(criteria.topic.pk))
    if criteria.place is not None:
        tags.append(place_tag(criteria.place.pk))
    return Filters(
        audiences=audiences_for(user),
        tags=tuple(tags),
        published_from=_start_of_day(criteria.date_from) if criteria.date_from else None,
        published_before=_start_of_day(criteria.date_to + dt.timedelta(days=1))
        if criteria.date_to
        else None,
    )


# One row per document for the page of results, in this order: rows rather than model instances,
# since building a document, its story, its comment, two users and a place for each of 20 results
# cost more than everything else the selector does in Python. Never the indexed text (up to
# 20,000 characters a row): the snippet comes from the backend.
_ROW_FIELDS = (
    "id",
    "doc_type",
    "published_at",
    "story_id",
    "comment_id",
    "story__kind",
    "story__title",
    "story__identity",
    "story__pseudonym",
    "story__audience",
    "story__status",
    "story__is_hidden",
    "story__author_id",
    "story__author__display_name",
    "story__place__name",
    "comment__is_deleted",
    "comment__is_hidden",
    "comment__author_id",
    "comment__author__display_name",
    "story__organisation__name",
)


class _Row(NamedTuple):
    id: int
    doc_type: str
    published_at: dt.datetime
    story_id: int
    comment_id: int | None
    kind: str
    title: str
    identity: str
    pseudonym: str
    audience: str
    status: str
    is_hidden: bool
    author_id: int
    author_display_name: str
    place_name: str | None
    comment_is_deleted: bool | None
    comment_is_hidden: bool | None
    comment_author_id: int | None
    comment_author_display_name: str | None
    organisation_name: str | None


# The rows query's SQL per database and number of ids, written by the ORM the first time: compiling
# its five joins cost more than running it (0.5 of 0.7 ms a page).
_ROWS_SQL: dict[tuple[str, int], str] = {}


def _rows(ids: list[int]) -> list[_Row]:
    if not ids:
        return []
    key = (connection.vendor, len(ids))
    sql = _ROWS_SQL.get(key)
    if sql is None:
        queryset = SearchDocument.objects.filter(pk__in=ids).values_list(*_ROW_FIELDS)
        sql, params = queryset.query.sql_with_params()
        if list(params) != ids:  # repeated ids: the ORM asks for each once
            return list(map(_Row._make, queryset))
        _ROWS_SQL[key] = sql
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)
        fetched = cursor.fetchall()
    if connection.vendor == "sqlite":  # dates come back as text there; the ORM would convert them
        convert = connection.ops.convert_datetimefield_value  # type: ignore[attr-defined]
        return [_Row._make((r[0], r[1], convert(r[2], None, connection), *r[3:])) for r in fetched]
    return list(map(_Row._make, fetched))


def _is_still_visible(row: _Row, user: User | AnonymousUser | None) -> bool:
    """A second check on the page of results, in case the index lags behind a change."""
    if row.status != Status.PUBLISHED or row.is_hidden:
        return False
    if row.audience != Audience.PUBLIC and (user is None or not user.is_authenticated):
        return False
    if row.comment_id is not None:
        return not (row.comment_is_deleted or row.comment_is_hidden)
    return True


def _byline(row: _Row) -> str:
    """Who wrote the story or the comment, by the rule of the story page, on a row."""
    commenter = row.comment_author_id
    # An author replying under their own pseudonymous or anonymous story is shown by the story's
    # byline, not their name.
    if commenter is not None and (commenter != row.author_id or row.identity == Identity.NAMED):
        return public_name(commenter, row.comment_author_display_name)
    author_name = public_name(row.author_id, row.author_display_name)
    return story_byline(row.identity, row.pseudonym, author_name, row.organisation_name or "")


def _with_article(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


# "Story", and "Comment on a story", for each kind.
_KIND_LABELS = {kind.value: str(kind.label) for kind in Kind}
_COMMENT_LABELS = {
    value: f"Comment on {_with_article(label.lower())}" for value, label in _KIND_LABELS.items()
}


def _candidates(
    backend: SearchBackend, parsed: ParsedQuery, filters: Filters, version: int | None
) -> list[Candidate]:
    """The backend's candidates, kept for a minute for the same words, filters and audience.

    They are kept under the content version (core/pagecache.py) read before the search: every
    document added, changed or removed bumps it, so a withdrawn, hidden, deleted or reworded story
    is never counted from a stored list. Only ids and scores are kept; text, titles and
    visibility are read fresh for every page (`search` below). Without a version (a database
    without the version row) nothing is kept.
    """
    limit = MAX_RESULTS + 1
    key = ""
    if version is not None:
        fingerprint = repr((version, limit, parsed.groups, parsed.excluded, filters))
        key = "search:candidates:" + hashlib.sha256(fingerprint.encode()).hexdigest()
        cached = caches["local"].get(key)
        if cached is not None:
            return list(map(Candidate._make, cached))
    latest_id = backend.latest_id()
    if latest_id is None:
        return []
    found = backend.candidates(parsed, filters, limit=limit, latest_id=latest_id)
    if key:
        # Plain tuples: quicker to store and read back than named ones.
        caches["local"].set(key, [tuple(c) for c in found], CANDIDATE_CACHE_SECONDS)
    return found


def search(
    *,
    criteria: SearchCriteria,
    user: User | AnonymousUser | None,
    page_number: int = 1,
    content_version: int | None = None,
) -> SearchPage:
    """One page of results for what this person may see, best match first (or newest first).

    `content_version` is the version the caller's page is built at (pagecache's
    request_content_version), read here when not given.
    """
    page = SearchPage(number=min(max(page_number, 1), MAX_PAGES))
    if criteria.parsed.is_empty:
        return page
    backend = get_backend()
    filters = _filters(criteria, user)
    start = (page.number - 1) * PAGE_SIZE
    try:
        version = content_version if content_version is not None else read_content_version()
        candidates = _candidates(backend, criteria.parsed, filters, version)
        page.total = len(candidates)
        if criteria.order == ORDER_NEWEST and page.total > MAX_RESULTS:
            # Candidates are the newest *indexed* matches; newest *published* needs every match.
            size = max(0, min(PAGE_SIZE, MAX_RESULTS - start))
            ids = backend.newest(criteria.parsed, filters, offset=start, limit=size) if size else []
        else:
            ranked = candidates[:MAX_RESULTS]
            if criteria.order == ORDER_NEWEST:
                ranked.sort(key=lambda c: (c.recency, c.id), reverse=True)
            else:
                ranked.sort(key=lambda c: (c.score, c.id), reverse=True)
            ids = [c.id for c in ranked[start : start + PAGE_SIZE]]
        highlights = backend.highlights(criteria.parsed, ids) if ids else {}
    except DatabaseError:
        # Queries are built from word tokens only, so this should never happen; if it does, the
        # person gets a page saying search failed rather than an error page.
        logger.exception("Search failed")
        return SearchPage(number=page.number, failed=True)

    rows = {row.id: row for row in _rows(ids)}
    for doc_id in ids:
        row = rows.get(doc_id)
        if row is None or not _is_still_visible(row, user):
            # Gone since the index last heard (a change commits before the index catches up):
            # neither shown nor counted.
            page.total -= 1
            continue
        marked = highlights.get(doc_id) or Highlight(title="", snippet="")
        url = fast_reverse("stories:detail", row.story_id)
        if row.comment_id is not None:
            url += f"#comment-{row.comment_id}"
        is_comment = row.doc_type == DocType.COMMENT
        local = timezone.localtime(row.published_at)
        page.results.append(
            SearchResult(
                story=ResultStory(pk=row.story_id, kind=row.kind, title=row.title),
                is_comment=is_comment,
                comment_id=row.comment_id,
                byline=_byline(row),
                kind_label=(_COMMENT_LABELS if is_comment else _KIND_LABELS)[row.kind],
                place_name=row.place_name or "",
                date_iso=local.isoformat(),
                date_text=f"{local.day} {MONTHS[local.month]} {local.year}",
                date=row.published_at,
                title_html=highlight.to_html(marked.title or row.title),
                snippet_html=highlight.to_html(marked.snippet),
                url=url,
            )
        )
    return page
