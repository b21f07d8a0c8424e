from __future__ import annotations

from typing import Any

from django.db.models import Q

from groundswell.accounts.models import User
from groundswell.stories.models import Comment, Identity, Story


def has_named_posts_for(viewer: Any, person: User) -> bool:
    """Whether `viewer` can read anything `person` posted under their own name: a story shared
    as themselves, or a comment shown with their name (not one on their own pseudonymous or
    anonymous story, which carries the story's byline instead)."""
    stories = Story.objects.visible_to(viewer)
    if stories.named_by(person).exists():
        return True
    return (
        Comment.objects.filter(author=person, is_deleted=False, is_hidden=False)
        .filter(story__in=stories)
        .exclude(Q(story__author=person) & ~Q(story__identity=Identity.NAMED))
        .exists()
    )
