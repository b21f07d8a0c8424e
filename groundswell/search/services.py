"""Keeping the search index in step with stories and comments.

Other apps call these after their transaction commits:

- `index_story(story_id)` whenever a story is saved, published, edited, withdrawn, hidden or shown;
  it also brings the story's comments in or out of the index, because they share its visibility.
- `index_comment(comment_id)` whenever a comment is created, edited, deleted, hidden or shown.
- `unindex_story(story_id)` to remove a story and its comments at once (account deletion).
- `rebuild_index()` to check every story in batches (the `rebuild_search_index` command).

Each call compares what the index should hold with what it holds and writes only the difference,
so all of them are idempotent and safe to repeat. Only visible content is ever indexed, and
nothing about the author is.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, transaction

from groundswell.core import pagecache
from groundswell.lib.markdown import markdown_to_text
from groundswell.search.models import DocType, SearchDocument, filter_tags
from groundswell.stories.models import Comment, Status, Story

REBUILD_BATCH_SIZE = 500
# The list every stored search page depends on (registered in apps.py).
SEARCH_SCOPE = "list:search"
_WRITE_BATCH_SIZE = 1000

_TAG_RE = re.compile(r"<[^>]*>")
# Control characters, including the highlight sentinels (backends.START/STOP), never reach the index.
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]+")

_META_FIELDS = ("doc_type", "audience", "tags", "published_at")
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


def _text_of(body_html: str, body: str) -> str:
    """Plain text of rendered Markdown. body_html is sanitised, so stripping tags is reliable."""
    if body_html:
        return _plain(html.unescape(_TAG_RE.sub(" ", body_html)))
    return _plain(markdown_to_text(body))


_Key = tuple[int, int | None]  # (story id, comment id or None for the story itself)


def _desired(story_ids: list[int], comment_ids: list[int] | None) -> dict[_Key, dict[str, Any]]:
    """The documents the index should hold for these stories (or only these comments of them)."""
    # Lock the stories so two syncs of the same story cannot both insert its documents.
    rows = list(
        Story.objects.select_for_update(of=("self",))
        .filter(pk__in=story_ids)
        .order_by("pk")
        .values_list(
            "pk",
            "status",
            "is_hidden",
            "kind",
            "audience",
            "place__path",
            "published_at",
            "created_at",
            "title",
            "body_html",
            "body",
        )
    )
    visible = [row for row in rows if row[1] == Status.PUBLISHED and not row[2]]
    if not visible:
        return {}
    visible_ids = [row[0] for row in visible]
    topics: dict[int, list[int]] = defaultdict(list)
    for story_id, topic_id in Story.topics.through.objects.filter(
        story_id__in=visible_ids
    ).values_list("story_id", "topic_id"):
        topics[story_id].append(topic_id)

    docs: dict[_Key, dict[str, Any]] = {}
    shared: dict[int, dict[str, Any]] = {}
    for (
        pk,
        _status,
        _hidden,
        kind,
        audience,
        place_path,
        published_at,
        created_at,
        title,
        body_html,
        body,
    ) in visible:
        shared[pk] = {
            "audience": audience,
            "tags": filter_tags(kind=kind, topic_ids=topics[pk], place_path=place_path or ""),
        }
        if comment_ids is None:
            docs[(pk, None)] = {
                **shared[pk],
                "doc_type": DocType.STORY,
                "published_at": published_at or created_at,
                "title": _plain(title),
                "text": _text_of(body_html, body),
            }

    comments = Comment.objects.filter(story_id__in=visible_ids, is_deleted=False, is_hidden=False)
    if comment_ids is not None:
        comments = comments.filter(pk__in=comment_ids)
    for pk, story_id, created_at, body_html, body in comments.values_list(
        "pk", "story_id", "created_at", "body_html", "body"
    ):
        text = _text_of(body_html, body)
        if text:
            docs[(story_id, pk)] = {
                **shared[story_id],
                "doc_type": DocType.COMMENT,
                "published_at": created_at,
                "title": "",
                "text": text,
            }
    return docs


def _sync(*, story_ids: list[int], comment_ids: list[int] | None = None) -> SyncStats:
    """Make the index match the database for these stories, or for only these comments."""
    stats = SyncStats()
    if not story_ids:
        return stats
    desired = _desired(story_ids, comment_ids)
    existing_qs = SearchDocument.objects.filter(story_id__in=story_ids)
    if comment_ids is not None:
        existing_qs = existing_qs.filter(comment_id__in=comment_ids)
    existing = {(doc.story_id, doc.comment_id): doc for doc in existing_qs}

    stale = [doc.pk for key, doc in existing.items() if key not in desired]
    to_create: list[SearchDocument] = []
    meta_changed: list[SearchDocument] = []
    text_changed: list[SearchDocument] = []
    for key, values in desired.items():
        doc = existing.get(key)
        if doc is None:
            to_create.append(SearchDocument(story_id=key[0], comment_id=key[1], **values))
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


def _sync_atomically(*, story_ids: list[int], comment_ids: list[int] | None = None) -> SyncStats:
    # Two syncs racing on PostgreSQL serialise on the story lock; if one still loses an insert
    # race (the story row did not exist yet when the other locked), doing it again is correct.
    for attempt in range(2):
        try:
            with transaction.atomic():
                stats = _sync(story_ids=story_ids, comment_ids=comment_ids)
                if stats.changed:  # stored search pages end with this commit (core/pagecache.py)
                    pagecache.bump(SEARCH_SCOPE)
                return stats
        except IntegrityError:
            if attempt:
                raise
    raise AssertionError("unreachable")


def index_story(story_id: int) -> None:
    """Index a story and its comments if it is visible, or remove them all if it is not."""
    _sync_atomically(story_ids=[story_id])


def index_comment(comment_id: int) -> None:
    """Index one comment if it and its story are visible, or remove it."""
    story_id = Comment.objects.filter(pk=comment_id).values_list("story_id", flat=True).first()
    if story_id is None:
        return  # deleted outright: its document went with it
    _sync_atomically(story_ids=[story_id], comment_ids=[comment_id])


def unindex_story(story_id: int) -> None:
    """Remove a story and all its comments from the index, whatever their state."""
    with transaction.atomic():
        SearchDocument.objects.filter(story_id=story_id).delete()
        pagecache.bump(SEARCH_SCOPE)


def rebuild_index(
    *,
    batch_size: int = REBUILD_BATCH_SIZE,
    progress: Callable[[int, int, SyncStats], None] | None = None,
) -> SyncStats:
    """Bring every story and comment into step with the index, batch by batch.

    Safe while the site is serving: each batch is its own transaction and search keeps working.
    `progress(stories_done, stories_total, stats_so_far)` is called after every batch.
    """
    total = Story.objects.count()
    stats = SyncStats()
    done = 0
    last_id = 0
    while True:
        ids = list(
            Story.objects.filter(pk__gt=last_id)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not ids:
            break
        stats += _sync_atomically(story_ids=ids)
        done += len(ids)
        last_id = ids[-1]
        if progress is not None:
            progress(done, total, stats)
    _optimise()
    return stats


def _optimise() -> None:
    """After a bulk rebuild: merge FTS5 segments, or refresh PostgreSQL's planner statistics."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE search_searchdocument")
