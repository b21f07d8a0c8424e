"""Reading the search index: one page of results for one person."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.safestring import SafeString

from groundswell.content import registry
from groundswell.core.pagecache import content_version as read_content_version
from groundswell.search import highlight
from groundswell.search import registry as search_registry
from groundswell.search.backends import (
    Candidate,
    Filters,
    SearchBackend,
    get_backend,
)
from groundswell.search.models import (
    AUDIENCE_MEMBERS,
    AUDIENCE_PUBLIC,
    kind_tag,
    place_tag,
    topic_tag,
)
from groundswell.search.query import ParsedQuery

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
class SearchResult:
    """One hit: the content item it was made from, its object, and how the page shows it."""

    item_id: int
    # The item's kind (ContentKind.key): "story", "comment".
    kind: str
    # The kind's own object (a Story, a Comment), loaded by the kind's visibility rule.
    obj: Any
    # The object whose page it is read on (a comment's story), or None.
    context: Any
    # Who wrote it, by the kind's byline: never a real name the author chose not to use.
    byline: str
    # "Story", "Idea", or "Comment on an idea": its type (search_registry.HitFacts), and its
    # context's for a hit read on another item's page.
    kind_label: str
    # For a hit read on another item's page and with no title of its own, what it is called in
    # its heading: "Comment" (on “the story's title”, which is title_html then). Else "".
    heading_label: str
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
    """Members-only content (a members-only story and its comments) is for signed-in members."""
    if user is not None and user.is_authenticated:
        return (AUDIENCE_PUBLIC, AUDIENCE_MEMBERS)
    return (AUDIENCE_PUBLIC,)


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


def _with_article(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _visible_objects(
    wanted: dict[str, set[int]], user: User | AnonymousUser | None
) -> dict[int, Any]:
    """{item id: object} for the wanted items ({kind: item ids}) this person may see now, by
    each kind's own `visible_to`: one query per kind, with the relations the kind's byline,
    title and search facts read (manifest `select_related`, search `facts_related`).

    This is the second check on a page of results, in case the index lags behind a change: what
    the index still holds but the kind no longer shows this person is neither shown nor counted.
    """
    found: dict[int, Any] = {}
    for key, ids in wanted.items():
        try:
            kind = registry.get(key)
        except registry.UnknownKind:
            continue
        rows = kind.visible_to(kind.model._default_manager.filter(item_id__in=ids), user)
        related = (*kind.select_related, *search_registry.get(key).facts_related)
        if related:
            rows = rows.select_related(*related)
        for obj in rows:
            found[obj.item_id] = obj
    return found


def _facts(key: str, obj: Any) -> search_registry.HitFacts:
    facts_of = search_registry.get(key).facts
    facts = facts_of(obj) if facts_of is not None else search_registry.HitFacts()
    if not facts.type_label:
        label = registry.get(key).label
        facts = search_registry.HitFacts(label[:1].upper() + label[1:], facts.place_name)
    return facts


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
        # The page's documents, with their matches marked.
        highlights = backend.highlights(criteria.parsed, ids) if ids else {}
    except DatabaseError:
        # Queries are built from word tokens only, so this should never happen; if it does, the
        # person gets a page saying search failed rather than an error page.
        logger.exception("Search failed")
        return SearchPage(number=page.number, failed=True)

    wanted: dict[str, set[int]] = defaultdict(set)
    for marked in highlights.values():
        wanted[marked.kind].add(marked.item_id)
        if marked.context_id is not None and marked.context_kind is not None:
            wanted[marked.context_kind].add(marked.context_id)
    found = _visible_objects(wanted, user)
    for doc_id in ids:
        doc = highlights.get(doc_id)
        obj = context = None
        if doc is not None:
            obj = found.get(doc.item_id)
            if doc.context_id is not None:
                context = found.get(doc.context_id)
        if doc is None or obj is None or (doc.context_id is not None and context is None):
            # Gone since the index last heard (a change commits before the index catches up):
            # neither shown nor counted.
            page.total -= 1
            continue
        kind = registry.get(doc.kind)
        own = _facts(doc.kind, obj)
        kind_label, place_name, heading_label = own.type_label, own.place_name, ""
        if context is not None and doc.context_kind is not None:
            around = _facts(doc.context_kind, context)
            kind_label = f"{own.type_label} on {_with_article(around.type_label.lower())}"
            place_name = place_name or around.place_name
            if not doc.title:
                heading_label = own.type_label
        title = doc.title
        if not title:
            if context is not None and doc.context_kind is not None:
                title = registry.get(doc.context_kind).shown_title(context)
            else:
                title = kind.shown_title(obj)
        local = timezone.localtime(doc.published_at)
        page.results.append(
            SearchResult(
                item_id=doc.item_id,
                kind=doc.kind,
                obj=obj,
                context=context,
                byline=kind.byline(obj),
                kind_label=kind_label,
                heading_label=heading_label,
                place_name=place_name,
                date_iso=local.isoformat(),
                date_text=f"{local.day} {MONTHS[local.month]} {local.year}",
                date=doc.published_at,
                title_html=highlight.to_html(title),
                snippet_html=highlight.to_html(doc.snippet),
                url=kind.url(obj),
            )
        )
    return page
