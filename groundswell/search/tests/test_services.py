"""Indexing: only visible content is in the index, and never an author's name."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import models
from django.db.models import Q

from groundswell.core.testing.factories import (
    CommentFactory,
    PlaceFactory,
    StoryFactory,
    TopicFactory,
    UserFactory,
)
from groundswell.search import services
from groundswell.search.models import SearchDocument
from groundswell.stories import searching
from groundswell.stories import services as story_services
from groundswell.stories.models import Comment, Status, Story
from groundswell.stories.services import StoryInput

pytestmark = pytest.mark.django_db


def documents_of(story: Story) -> models.QuerySet[SearchDocument]:
    """The story's document and its comments' (read on its page)."""
    return SearchDocument.objects.filter(Q(item_id=story.item_id) | Q(context_id=story.item_id))


def indexed(story: Story) -> set[tuple[str, int | None]]:
    """(kind, comment id or None for the story itself) of the story's documents."""
    comment_ids = dict(Comment.objects.filter(story=story).values_list("item_id", "pk"))
    return {(doc.kind, comment_ids.get(doc.item_id)) for doc in documents_of(story)}


def test_published_story_and_its_comments_are_indexed() -> None:
    story = StoryFactory.create(title="Walking group by the canal", body="We meet on *Tuesdays*.")
    comment = CommentFactory.create(story=story, body="See you **there**!")
    searching.index_story(story.pk)
    assert indexed(story) == {("story", None), ("comment", comment.pk)}
    doc = SearchDocument.objects.get(item_id=story.item_id)
    assert doc.title == "Walking group by the canal"
    assert doc.text == "We meet on Tuesdays ."
    assert SearchDocument.objects.get(item_id=comment.item_id).text == "See you there !"


@pytest.mark.parametrize(
    "change",
    [
        {"status": Status.DRAFT},
        {"status": Status.WITHDRAWN},
        {"is_hidden": True},
    ],
)
def test_story_that_stops_being_visible_leaves_the_index_with_its_comments(change: dict) -> None:
    story = StoryFactory.create()
    CommentFactory.create(story=story)
    searching.index_story(story.pk)
    assert len(indexed(story)) == 2
    Story.objects.filter(pk=story.pk).update(**change)
    searching.index_story(story.pk)
    assert indexed(story) == set()


def test_draft_story_is_never_indexed_and_nor_are_its_comments() -> None:
    story = StoryFactory.create(status=Status.DRAFT, published_at=None)
    comment = CommentFactory.create(story=story)
    searching.index_story(story.pk)
    searching.index_comment(comment.pk)
    assert indexed(story) == set()


@pytest.mark.parametrize(
    "change", [{"is_deleted": True, "body": "", "body_html": ""}, {"is_hidden": True}]
)
def test_deleted_or_hidden_comment_leaves_the_index(change: dict) -> None:
    comment = CommentFactory.create()
    searching.index_comment(comment.pk)
    assert SearchDocument.objects.filter(item_id=comment.item_id).exists()
    Comment.objects.filter(pk=comment.pk).update(**change)
    searching.index_comment(comment.pk)
    assert not SearchDocument.objects.filter(item_id=comment.item_id).exists()


def test_comments_follow_the_story_audience_topics_and_place() -> None:
    topic = TopicFactory.create()
    region = PlaceFactory.create(level="nation")
    story = StoryFactory.create(audience="public")
    comment = CommentFactory.create(story=story)
    searching.index_story(story.pk)
    Story.objects.filter(pk=story.pk).update(audience="members", place=region, kind="idea")
    story.topics.set([topic])
    searching.index_story(story.pk)
    doc = SearchDocument.objects.get(item_id=comment.item_id)
    assert (doc.audience, doc.tags) == ("members", f"kidea t{topic.pk} p{region.pk}")


def test_no_author_names_are_indexed() -> None:
    author = UserFactory.create(
        username="realname", display_name="Priya Realname", email="priya@example.org"
    )
    story = StoryFactory.create(
        author=author, identity="pseudonym", pseudonym="Quiet Carer", title="Nights", body="Long."
    )
    CommentFactory.create(story=story, author=author, body="Thanks all.")
    searching.index_story(story.pk)
    for row in documents_of(story).values():
        flattened = " ".join(str(value) for value in row.values())
        assert (
            "Priya" not in flattened and "Realname" not in flattened and "realname" not in flattened
        )
        assert "Quiet Carer" not in flattened


def test_unindex_story_removes_the_story_and_its_comments() -> None:
    story = StoryFactory.create()
    CommentFactory.create(story=story)
    searching.index_story(story.pk)
    searching.unindex_story(story.pk)
    assert indexed(story) == set()


def test_indexing_twice_changes_nothing() -> None:
    story = StoryFactory.create()
    CommentFactory.create_batch(3, story=story)
    searching.index_story(story.pk)
    ids = set(SearchDocument.objects.values_list("id", flat=True))
    searching.index_story(story.pk)
    assert set(SearchDocument.objects.values_list("id", flat=True)) == ids


def test_index_comment_for_a_comment_that_no_longer_exists_is_harmless() -> None:
    searching.index_comment(987654)


def test_rebuild_repairs_missing_stale_and_changed_documents() -> None:
    kept, changed, gone = StoryFactory.create_batch(3)
    comment = CommentFactory.create(story=kept)
    services.rebuild_index(batch_size=2)
    assert SearchDocument.objects.count() == 4
    SearchDocument.objects.filter(item_id=comment.item_id).delete()
    Story.objects.filter(pk=changed.pk).update(title="A brand new title")
    Story.objects.filter(pk=gone.pk).update(status=Status.WITHDRAWN)

    progress: list[tuple[int, int]] = []
    stats = services.rebuild_index(
        batch_size=2, progress=lambda done, total, _: progress.append((done, total))
    )

    assert (stats.created, stats.updated, stats.deleted) == (1, 1, 1)
    # Four items: three stories and a comment.
    assert progress == [(2, 4), (4, 4)]
    assert SearchDocument.objects.get(item_id=changed.item_id).title == "A brand new title"
    assert indexed(gone) == set()
    assert services.rebuild_index().changed == 0


def test_rebuild_command_reports_progress() -> None:
    StoryFactory.create_batch(3)
    from io import StringIO

    out = StringIO()
    call_command("rebuild_search_index", "--batch-size=2", stdout=out)
    assert "3/3 items checked" in out.getvalue()
    assert "Search index rebuilt" in out.getvalue()
    assert SearchDocument.objects.count() == 3


def test_story_services_keep_the_index_in_step(owner, django_capture_on_commit_callbacks) -> None:
    data = StoryInput(kind="story", title="Hospital parking costs", body="Six pounds an hour.")
    with django_capture_on_commit_callbacks(execute=True):
        story = story_services.story_save_draft(author=owner, data=data)
    assert indexed(story) == set()
    with django_capture_on_commit_callbacks(execute=True):
        story_services.story_publish(story=story, actor=owner, consented=True)
    assert indexed(story) == {("story", None)}
    with django_capture_on_commit_callbacks(execute=True):
        comment = story_services.comment_create(
            story=story, author=owner, body="Update: it is free now."
        )
    assert ("comment", comment.pk) in indexed(story)
    with django_capture_on_commit_callbacks(execute=True):
        story_services.comment_delete(comment=comment, actor=owner)
    assert ("comment", comment.pk) not in indexed(story)
    with django_capture_on_commit_callbacks(execute=True):
        story_services.story_withdraw(story=story, actor=owner)
    assert indexed(story) == set()


def test_deleting_a_story_removes_its_documents() -> None:
    story = StoryFactory.create()
    CommentFactory.create(story=story)
    searching.index_story(story.pk)
    story.delete()
    assert SearchDocument.objects.count() == 0


def test_plain_text_keeps_headings_and_list_items_apart() -> None:
    """A snippet from the index must not run a heading into its paragraph, or list items into
    each other ("…After A weekly group in Splott A WhatsApp thread…")."""
    body_html = (
        "<h2>After</h2><ul><li>A weekly group in Splott</li><li>A WhatsApp thread</li></ul>"
        "<p>We meet on\nTuesdays.</p><p>Bring a friend</p>"
    )
    assert services.plain_text(body_html) == (
        "After · A weekly group in Splott · A WhatsApp thread · We meet on Tuesdays. Bring a friend"
    )


def test_plain_text_from_markdown_keeps_blocks_apart() -> None:
    assert (
        services.plain_text("", "## After\n\n- One\n- Two\n\nDone.") == "After · One · Two · Done."
    )


def test_plain_text_of_one_paragraph_has_no_separator() -> None:
    assert services.plain_text("<p>Just <em>one</em> line.</p>") == "Just one line."
