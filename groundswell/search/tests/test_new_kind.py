"""A kind that registers `search_entry` in its manifest is searchable, with no change to this app.

There is no model to spare for a made-up kind (a test model would need a migration), so the
test kind borrows a table that already has an `item`: each "note" is a moderation decision row
whose reason is the note's words. Search sees only the manifest: that is the point.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.db.models import QuerySet
from django.test import Client
from django.urls import reverse

from groundswell.accounts.models import User
from groundswell.content import registry
from groundswell.content.models import ContentItem
from groundswell.moderation.models import ModerationDecision
from groundswell.search import services
from groundswell.search.models import SearchDocument, filter_tags

pytestmark = pytest.mark.django_db

URL = reverse("search:search")


def _note_entry(note: ModerationDecision) -> registry.SearchEntry | None:
    if note.reason.startswith("draft:"):  # not ready to be found
        return None
    return registry.SearchEntry(
        audience="members" if note.reason.startswith("members:") else "public",
        published_at=note.created_at,
        title=f"Note {note.pk}",
        text=note.reason,
        tags=filter_tags(kind="note", topic_ids=[], place_path=""),
    )


def _visible_notes(qs: QuerySet[Any], viewer: Any) -> QuerySet[Any]:
    qs = qs.exclude(reason__startswith="withdrawn:")
    if viewer is None or not viewer.is_authenticated:
        qs = qs.exclude(reason__startswith="members:")
    return qs


@pytest.fixture
def note_kind() -> Iterator[None]:
    registry.register(
        registry.ContentKind(
            key="note",
            model=ModerationDecision,
            label="note",
            visible_to=_visible_notes,
            byline=lambda note: "The note keeper",
            shown_title=lambda note: f"Note {note.pk}",
            url=lambda note: f"/notes/{note.pk}/",
            search_entry=_note_entry,
        )
    )
    try:
        yield
    finally:
        registry.unregister("note")


def note(reason: str) -> ModerationDecision:
    item = ContentItem.objects.create(kind="note")
    found = ModerationDecision.objects.create(item=item, action="held", reason=reason)
    services.index_items([item.pk])
    return found


def results(client: Client, words: str) -> list[str]:
    html = client.get(URL, {"q": words}).content.decode()
    return re.findall(r'<h3 class="card-title">\s*<a href="([^"]*)">', html)


def test_a_registered_kind_is_found_with_its_own_byline_and_link(
    note_kind: None, client_for: Any
) -> None:
    found = note("Zebra crossing outside the surgery")
    html = client_for(None).get(URL, {"q": "zebra"}).content.decode()
    assert f'href="/notes/{found.pk}/"' in html
    assert "Note by The note keeper" in re.sub(r"\s+", " ", html)
    assert "1 result for" in html


def test_its_entry_decides_what_is_indexed_and_for_whom(
    note_kind: None, client_for: Any, member: User
) -> None:
    draft = note("draft: zebra sketch")
    members_only = note("members: zebra club")
    assert not SearchDocument.objects.filter(item_id=draft.item_id).exists()
    assert results(client_for(None), "zebra") == []
    assert results(client_for(member), "zebra") == [f"/notes/{members_only.pk}/"]

    ModerationDecision.objects.filter(pk=draft.pk).update(reason="zebra sketch, finished")
    services.index_items([draft.item_id])
    assert results(client_for(None), "zebra") == [f"/notes/{draft.pk}/"]


def test_its_visibility_rule_is_checked_again_on_the_page(note_kind: None, client_for: Any) -> None:
    gone = note("Zebra crossing")
    # Withdrawn by a path that forgot to reindex: the kind's own rule still hides it.
    ModerationDecision.objects.filter(pk=gone.pk).update(reason="withdrawn: zebra crossing")
    assert results(client_for(None), "zebra") == []


def test_rebuild_indexes_it_and_drops_it_once_the_kind_is_gone(note_kind: None) -> None:
    found = note("Zebra crossing")
    SearchDocument.objects.all().delete()
    services.rebuild_index()
    assert SearchDocument.objects.filter(item_id=found.item_id, kind="note").exists()
    registry.unregister("note")
    services.rebuild_index()
    assert not SearchDocument.objects.filter(item_id=found.item_id).exists()
