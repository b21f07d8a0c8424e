"""Who may use the data-rights pages. Everything here is about a person's own data only:
moderators, organisers and administrators get no extra access to anyone else's."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from groundswell.stories.models import Status, Story


def can_use_data_rights(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_withdraw_consent(user: Any, story: Story) -> bool:
    return bool(
        user.is_authenticated and story.author_id == user.pk and story.status == Status.PUBLISHED
    )


def get_own_published_story(user: Any, pk: int) -> Story:
    """The person's own published story; 404 for anything else (never confirm others' stories)."""
    story = Story.objects.filter(pk=pk, author_id=user.pk).first()
    if story is None:
        raise Http404("No such story")
    return story
