"""Who may see and do what with stories and comments. Plain predicates, testable without HTTP."""

from __future__ import annotations

from typing import Any

from django.http import Http404

# Whether someone has verified their email is an accounts rule; imported here for the many
# callers that check it together with the story rules below.
from groundswell.accounts.permissions import (  # noqa: F401
    has_verified_email,
    remember_verified_email,
)
from groundswell.core.staff import has_staff_powers
from groundswell.stories.models import Audience, Comment, Identity, Status, Story


def can_view_story(user: Any, story: Story) -> bool:
    if user.is_authenticated and story.author_id == user.pk:
        return True
    if story.status != Status.PUBLISHED:
        return False
    if story.is_hidden:
        # A staff power: a moderator's two-step-verified web session, never an API token.
        return has_staff_powers(user)
    return story.audience == Audience.PUBLIC or user.is_authenticated


def can_edit_story(user: Any, story: Story) -> bool:
    return bool(
        user.is_authenticated and story.author_id == user.pk and story.status != Status.WITHDRAWN
    )


def can_participate(user: Any, story: Story) -> bool:
    """Comment, react, follow, report: signed-in, verified email, and a visible published story."""
    return has_verified_email(user) and story.is_published and can_view_story(user, story)


def can_reveal_author(user: Any, story: Story) -> bool:
    """The audited look behind a pseudonym or an anonymous post (stories:reveal_author): the
    only way anyone, moderators included, learns who wrote a story or its author's comments."""
    return (
        has_staff_powers(user) and story.identity != Identity.NAMED and can_view_story(user, story)
    )


def can_edit_comment(user: Any, comment: Comment) -> bool:
    return bool(user.is_authenticated and comment.author_id == user.pk and not comment.is_deleted)


def get_story_for_user(user: Any, pk: int) -> Story:
    """The story if this person may see it; 404 otherwise (never confirm a hidden one exists)."""
    # The author's profile and trust row come along for the verified-professional badge.
    story = (
        Story.objects.select_related(
            "author",
            "place",
            "organisation",
            "author__profile",
            "author__trust__professional_verified_by",
        )
        .filter(pk=pk)
        .first()
    )
    if story is None or not can_view_story(user, story):
        raise Http404("No such story")
    return story


def get_comment_for_user(user: Any, pk: int) -> Comment:
    comment = (
        Comment.objects.select_related("story", "story__author", "story__organisation")
        .filter(pk=pk)
        .first()
    )
    if comment is None or not can_view_story(user, comment.story):
        raise Http404("No such comment")
    if comment.is_hidden and not has_staff_powers(user) and comment.author_id != user.pk:
        raise Http404("No such comment")
    return comment
