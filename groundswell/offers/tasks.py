from __future__ import annotations

from django.tasks import task

from groundswell.offers import matching, notifying


@task()
def refresh_matches(post_id: int) -> None:
    """Recompute a post's suggested matches and tell people of new ones (the task worker)."""
    new = matching.refresh_for(post_id)
    notifying.matches_found(post_id, new)
