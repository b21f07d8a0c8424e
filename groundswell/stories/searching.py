"""Stories and comments in search (groundswell.search): what the index holds for each, and keeping
it in step.

The content manifests (content.py) give search `story_entry` and `comment_entry`; `register()`
tells search how results read ("Idea by Sam · Wales") and what the Type filter offers. Search
never imports this app: this app calls search's services after its changes commit.

A comment shares its story's visibility (a comment on a withdrawn, hidden or members-only story
is found only where the story is), so whatever reindexes a story reindexes its comments with it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy

from groundswell.content.registry import SearchEntry
from groundswell.search import registry as search_registry
from groundswell.search import services as search_services
from groundswell.search.models import filter_tags
from groundswell.stories.models import Comment, Kind, Status, Story

_KIND_LABELS = {kind.value: str(kind.label) for kind in Kind}


def _tags(story: Story) -> str:
    topic_ids = [topic.pk for topic in story.topics.all()]
    place_path = story.place.path if story.place is not None else ""
    return filter_tags(kind=story.kind, topic_ids=topic_ids, place_path=place_path)


def _is_findable(story: Story) -> bool:
    return story.status == Status.PUBLISHED and not story.is_hidden


def story_entry(story: Story) -> SearchEntry | None:
    """A published story that is not hidden, for everyone or for members (its audience)."""
    if not _is_findable(story):
        return None
    return SearchEntry(
        audience=story.audience,
        published_at=story.published_at or story.created_at,
        title=story.title,
        text=search_services.plain_text(story.body_html, story.body),
        tags=_tags(story),
    )


def comment_entry(comment: Comment) -> SearchEntry | None:
    """A comment with words, not deleted or hidden, on a story that may be found: found by whom
    the story is, with the story's filters, and read on the story's page."""
    story = comment.story
    if comment.is_deleted or comment.is_hidden or not _is_findable(story):
        return None
    text = search_services.plain_text(comment.body_html, comment.body)
    if not text:
        return None
    return SearchEntry(
        audience=story.audience,
        published_at=comment.created_at,
        title="",
        text=text,
        tags=_tags(story),
        context_item_id=story.item_id,
    )


def _story_facts(story: Story) -> search_registry.HitFacts:
    return search_registry.HitFacts(
        type_label=_KIND_LABELS.get(story.kind, ""),
        place_name=story.place.name if story.place is not None else "",
    )


def register() -> None:
    """Called from content.register(), after the manifests."""
    search_registry.register(
        search_registry.SearchKind(
            key="story",
            index_related=("place",),
            index_prefetch=("topics",),
            facts=_story_facts,
            facts_related=("place",),
            types=tuple((kind.value, kind.label) for kind in Kind),
            any_type_label=gettext_lazy("Stories, ideas and resources"),
        )
    )
    search_registry.register(
        search_registry.SearchKind(
            key="comment",
            index_related=("story", "story__place"),
            index_prefetch=("story__topics",),
        )
    )


def _items(story_ids: Iterable[int]) -> list[int]:
    """The items of these stories and of all their comments."""
    ids = list(story_ids)
    return [
        *Story.objects.filter(pk__in=ids).values_list("item_id", flat=True),
        *Comment.objects.filter(story_id__in=ids).values_list("item_id", flat=True),
    ]


def index_story(story_id: int) -> None:
    """Index a story and its comments if it may be found, or remove them all if not."""
    search_services.index_items(_items([story_id]))


def index_comment(comment_id: int) -> None:
    """Index one comment if it and its story may be found, or remove it."""
    search_services.index_items(
        Comment.objects.filter(pk=comment_id).values_list("item_id", flat=True)
    )


def unindex_story(story_id: int) -> None:
    """Remove a story and all its comments from the index, whatever their state."""
    search_services.unindex_items(_items([story_id]))
