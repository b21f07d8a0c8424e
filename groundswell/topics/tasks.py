from __future__ import annotations

from django.tasks import task


@task()
def reindex_stories(story_ids: list[int]) -> None:
    """Search filters by topic: after a merge, index the moved stories (and their comments)
    under the topic they have now (run by the database task worker)."""
    from groundswell.stories import searching

    for story_id in story_ids:
        searching.index_story(story_id)
