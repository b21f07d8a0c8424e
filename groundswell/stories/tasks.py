from __future__ import annotations

from django.tasks import task

from groundswell.stories import related


@task()
def refresh_related(story_id: int) -> None:
    """Recompute a story's related stories (run by the database task worker)."""
    related.refresh_related(story_id)
