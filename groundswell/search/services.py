"""Keeping the search index in step with content, of every kind that registers `search_entry`
in its manifest (groundswell.content.registry).

The app that owns a kind calls these after its transaction commits:

- `index_items(item_ids)` whenever content is created, published, edited, withdrawn, hidden,
  shown or deleted. Each item is indexed as its kind's `search_entry` describes it, or removed
  when that says None. An owner passes what shares an item's visibility with it too (a story's
  comments), since only it knows what that is.
- `unindex_items(item_ids)` to remove items, and whatever was found on their pages (documents
  whose context they are), whatever their state (account deletion).
- `rebuild_index()` to check every item in batches (the `rebuild_search_index` command).

Each call compares what the index should hold with what it holds and writes only the difference,
so all of them are idempotent and safe to repeat. Nothing about the author is ever indexed.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet

from groundswell.content import registry
from groundswell.content.models import ContentItem
from groundswell.core import pagecache
from groundswell.lib.markdown import markdown_to_text
from groundswell.search import registry as search_registry
from groundswell.search.models import SearchDocument

REBUILD_BATCH_SIZE = 2000
# The list every stored search page depends on (registered in apps.py).
SEARCH_SCOPE = "list:search"
_WRITE_BATCH_SIZE = 1000

_TAG_RE = re.compile(r"<[^>]*>")
# Where one block of a body ends: its text must not run into the next block's in an excerpt.
_BLOCK_END_RE = re.compile(
    r"</(?:p|li|h[1-6]|blockquote|pre|tr|th|td|dt|dd|figcaption|div)\s*>|<br\s*/?>|<hr\s*/?>",
    re.IGNORECASE,
)
# A block ending in one of these already reads as the end of a sentence.
_CLOSING_PUNCTUATION = ".!?:;…)\"'’”"
# What goes between two blocks otherwise (a heading and its paragraph, two list items).
BLOCK_SEPARATOR = " · "
# Control characters, including the highlight sentinels (backends.START/STOP), never reach the index.
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]+")

_META_FIELDS = ("kind", "context_id", "audience", "tags", "published_at")
_TEXT_FIELDS = ("title", "text")


@dataclass
class SyncStats:
    created: int = 0
    updated: int = 0
    deleted: int = 0

    def __iadd__(self, other: SyncStats) -> SyncStats:
        self.created += other.created
        self.updated += other.updated
        self.deleted += other.deleted
        return self

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.deleted


def _plain(value: str) -> str:
    return " ".join(_CONTROL_RE.sub(" ", value).split())


def join_blocks(blocks: list[str]) -> str:
    """One line of text from a body's blocks, each block's whitespace collapsed. A block that
    doesn't end a sentence (a heading, a list item) is followed by " · ", so a search snippet
    reads "What we do · A weekly group in Splott", not "What we do A weekly group in Splott"."""
    out = ""
    for block in (_plain(b) for b in blocks):
        if not block:
            continue
        if out:
            out += " " if out[-1] in _CLOSING_PUNCTUATION else BLOCK_SEPARATOR
        out += block
    return out


def plain_text(body_html: str, body: str = "") -> str:
    """Plain text for a SearchEntry from sanitised HTML (stripping its tags is then reliable), or
    from the Markdown it was rendered from when there is no HTML; blocks kept apart (join_blocks)."""
    if body_html:
        # A record separator marks block ends: a newline inside a paragraph is a soft line break.
        text = html.unescape(_TAG_RE.sub(" ", _BLOCK_END_RE.sub("\x1e", body_html)))
        return join_blocks(text.split("\x1e"))
    return join_blocks(markdown_to_text(body).split("\n"))


def searchable_kinds() -> list[registry.ContentKind]:
    return [kind for kind in registry.kinds() if kind.search_entry is not None]


def _desired(item_ids: list[int]) -> dict[int, dict[str, Any]]:
    """{item id: document fields} for those of these items that may be found now."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    for pk, key in ContentItem.objects.filter(pk__in=item_ids).values_list("pk", "kind"):
        by_kind[key].append(pk)
    docs: dict[int, dict[str, Any]] = {}
    for key, ids in by_kind.items():
        try:
            kind = registry.get(key)
        except registry.UnknownKind:
            continue
        entry_of = kind.search_entry
        if entry_of is None:
            continue
        extra = search_registry.get(key)
        # Lock the rows so two syncs of the same item cannot both insert its document.
        rows: QuerySet[Any] = kind.model._default_manager.select_for_update(of=("self",)).filter(
            item_id__in=ids
        )
        if extra.index_related:
            rows = rows.select_related(*extra.index_related)
        if extra.index_prefetch:
            rows = rows.prefetch_related(*extra.index_prefetch)
        for obj in rows.order_by("pk"):
            entry = entry_of(obj)
            if entry is None:
                continue
            docs[obj.item_id] = {
                "kind": key,
                "context_id": entry.context_item_id,
                "audience": entry.audience,
                "tags": entry.tags,
                "published_at": entry.published_at,
                "title": _plain(entry.title),
                "text": _plain(entry.text),
            }
    return docs


def _sync(item_ids: list[int]) -> SyncStats:
    """Make the index match the database for these items."""
    stats = SyncStats()
    if not item_ids:
        return stats
    desired = _desired(item_ids)
    existing = {doc.item_id: doc for doc in SearchDocument.objects.filter(item_id__in=item_ids)}

    stale = [doc.pk for key, doc in existing.items() if key not in desired]
    to_create: list[SearchDocument] = []
    meta_changed: list[SearchDocument] = []
    text_changed: list[SearchDocument] = []
    for item_id, values in desired.items():
        doc = existing.get(item_id)
        if doc is None:
            to_create.append(SearchDocument(item_id=item_id, **values))
            continue
        changed_text = any(getattr(doc, f) != values[f] for f in _TEXT_FIELDS)
        changed_meta = any(getattr(doc, f) != values[f] for f in _META_FIELDS)
        for name, value in values.items():
            setattr(doc, name, value)
        if changed_text:
            text_changed.append(doc)
        elif changed_meta:
            meta_changed.append(doc)

    if stale:
        for start in range(0, len(stale), _WRITE_BATCH_SIZE):
            SearchDocument.objects.filter(pk__in=stale[start : start + _WRITE_BATCH_SIZE]).delete()
        stats.deleted = len(stale)
    if to_create:
        SearchDocument.objects.bulk_create(to_create, batch_size=_WRITE_BATCH_SIZE)
        stats.created = len(to_create)
    # Only rows whose words changed are re-tokenised by the full-text index.
    if text_changed:
        SearchDocument.objects.bulk_update(
            text_changed, [*_META_FIELDS, *_TEXT_FIELDS], batch_size=200
        )
    if meta_changed:
        SearchDocument.objects.bulk_update(meta_changed, list(_META_FIELDS), batch_size=200)
    stats.updated = len(text_changed) + len(meta_changed)
    return stats


def _sync_atomically(item_ids: list[int]) -> SyncStats:
    # Two syncs racing on PostgreSQL serialise on the row locks; if one still loses an insert
    # race (the row did not exist yet when the other locked), doing it again is correct.
    for attempt in range(2):
        try:
            with transaction.atomic():
                stats = _sync(item_ids)
                if stats.changed:  # stored search pages end with this commit (core/pagecache.py)
                    pagecache.bump(SEARCH_SCOPE)
                return stats
        except IntegrityError:
            if attempt:
                raise
    raise AssertionError("unreachable")


def index_items(item_ids: Iterable[int]) -> SyncStats:
    """Index these items as their kinds' `search_entry` describe them, or remove the ones that
    may not be found now (or are gone)."""
    return _sync_atomically(sorted(set(item_ids)))


def unindex_items(item_ids: Iterable[int]) -> None:
    """Remove these items from the index, and what was found on their pages, whatever their
    state."""
    ids = sorted(set(item_ids))
    if not ids:
        return
    with transaction.atomic():
        SearchDocument.objects.filter(item_id__in=ids).delete()
        SearchDocument.objects.filter(context_id__in=ids).delete()
        pagecache.bump(SEARCH_SCOPE)


def rebuild_index(
    *,
    batch_size: int = REBUILD_BATCH_SIZE,
    progress: Callable[[int, int, SyncStats], None] | None = None,
) -> SyncStats:
    """Bring every item of every searchable kind into step with the index, batch by batch, and
    remove documents of kinds that are no longer searchable.

    Safe while the site is serving: each batch is its own transaction and search keeps working.
    `progress(items_done, items_total, stats_so_far)` is called after every batch.
    """
    keys = [kind.key for kind in searchable_kinds()]
    items = ContentItem.objects.filter(kind__in=keys)
    total = items.count()
    stats = SyncStats()
    done = 0
    last_id = 0
    while True:
        ids = list(
            items.filter(pk__gt=last_id).order_by("pk").values_list("pk", flat=True)[:batch_size]
        )
        if not ids:
            break
        stats += _sync_atomically(ids)
        done += len(ids)
        last_id = ids[-1]
        if progress is not None:
            progress(done, total, stats)
    gone, _ = SearchDocument.objects.exclude(kind__in=keys).delete()
    if gone:
        stats.deleted += gone
        pagecache.bump(SEARCH_SCOPE)
    _optimise()
    return stats


def _optimise() -> None:
    """After a bulk rebuild: merge FTS5 segments, or refresh PostgreSQL's planner statistics."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE search_searchdocument")
