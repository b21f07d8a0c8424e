"""Search documents move onto content items without losing any (search 0006-0008): each story's
and comment's document points at its item (a comment's at its story's as context), the full-text
index still finds them, and it keeps up with documents written after. Going back restores the
story and comment columns. On SQLite and PostgreSQL like the rest of the suite."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from groundswell.core.pagecache import install_triggers, remove_triggers
from groundswell.core.testing.factories import CommentFactory, StoryFactory
from groundswell.search import selectors
from groundswell.search.models import SearchDocument
from groundswell.search.query import parse_query
from groundswell.stories import searching

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("search", "0005_short_pending_lists")]


def _migrate(targets: list[tuple[str, str]]):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    loader = MigrationExecutor(connection).loader
    applied = [key for key in loader.applied_migrations if key in loader.graph.nodes]
    return loader.project_state(applied).apps


def _latest() -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def old_apps():
    remove_triggers()  # as pre_migrate does: SQLite can't drop a column a trigger names
    try:
        yield _migrate(BEFORE)
    finally:
        _latest()
        install_triggers()


def _titles(words: str) -> list[str]:
    page = selectors.search(criteria=selectors.SearchCriteria(parsed=parse_query(words)), user=None)
    return [re.sub(r"</?mark>", "", str(result.title_html)) for result in page.results]


def test_documents_keep_what_they_were_made_from_and_are_still_found(old_apps) -> None:
    OldDocument = old_apps.get_model("search", "SearchDocument")
    story = StoryFactory.create(title="Kestrel walks", body="By the estuary.")
    members = StoryFactory.create(title="Members heron club", audience="members")
    comment = CommentFactory.create(story=story, body="I saw a kestrel too.")
    when = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
    rows = [
        {"doc_type": "story", "story_id": story.pk, "comment_id": None},
        {"doc_type": "story", "story_id": members.pk, "comment_id": None},
        {"doc_type": "comment", "story_id": story.pk, "comment_id": comment.pk},
    ]
    words = [
        {"title": "Kestrel walks", "text": "By the estuary.", "audience": "public"},
        {"title": "Members heron club", "text": "", "audience": "members"},
        {"title": "", "text": "I saw a kestrel too.", "audience": "public"},
    ]
    old_ids = [
        OldDocument.objects.create(published_at=when, tags="kstory", **row, **text).pk
        for row, text in zip(rows, words, strict=True)
    ]

    _latest()

    docs = {doc.pk: doc for doc in SearchDocument.objects.all()}
    assert sorted(docs) == sorted(old_ids)
    by_item = {doc.item_id: doc for doc in docs.values()}
    story_doc = by_item[story.item_id]
    assert (story_doc.kind, story_doc.context_id, story_doc.title) == (
        "story",
        None,
        "Kestrel walks",
    )
    assert (by_item[members.item_id].kind, by_item[members.item_id].audience) == (
        "story",
        "members",
    )
    comment_doc = by_item[comment.item_id]
    assert (comment_doc.kind, comment_doc.context_id) == ("comment", story.item_id)
    # The full-text index kept its words, and keeps up with documents written after.
    assert sorted(_titles("kestrel")) == ["Kestrel walks", "Kestrel walks"]
    assert _titles("heron") == []  # members only, and nobody signed in
    later = StoryFactory.create(title="Kestrel at dusk")
    searching.index_story(later.pk)
    assert "Kestrel at dusk" in _titles("kestrel")
    # Reindexing finds nothing to change in what the migration moved.
    searching.index_story(story.pk)
    assert SearchDocument.objects.get(item_id=comment.item_id).pk in old_ids


def test_going_back_restores_the_story_and_comment_columns(old_apps) -> None:
    story = StoryFactory.create(title="Otter survey")
    comment = CommentFactory.create(story=story, body="Otters at the weir.")
    _latest()
    searching.index_story(story.pk)

    apps = _migrate(BEFORE)

    OldDocument = apps.get_model("search", "SearchDocument")
    assert set(OldDocument.objects.values_list("doc_type", "story_id", "comment_id")) == {
        ("story", story.pk, None),
        ("comment", story.pk, comment.pk),
    }
