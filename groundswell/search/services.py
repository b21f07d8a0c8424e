"""Search indexing entry points called by other apps (placeholder until the search app lands)."""

from __future__ import annotations


def index_story(story_id: int) -> None:
    return None


def index_comment(comment_id: int) -> None:
    return None
