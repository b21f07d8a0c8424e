"""Who may see and do what with a co-created resource. Plain predicates, testable without HTTP.

Everything here starts from the story's own visibility (stories.permissions.can_view_story) and
shows nothing for a resource that is not published (a draft, withdrawn or hidden)."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from groundswell.collaboration.models import CoAuthor, CoAuthorStatus, Suggestion, SuggestionStatus
from groundswell.follows.selectors import is_blocked
from groundswell.organisations import permissions as org_permissions
from groundswell.stories.models import Kind, Status, Story
from groundswell.stories.permissions import can_participate, can_view_story, has_verified_email

_COAUTHORS_ATTR = "_gs_accepted_coauthors"


def is_resource(story: Story) -> bool:
    return story.kind == Kind.RESOURCE


def can_see_collaboration(user: Any, story: Story) -> bool:
    """Contributors, history and suggestions: only for a published resource the person may see."""
    return is_resource(story) and story.is_published and can_view_story(user, story)


def accepted_coauthors(story: Story) -> list[CoAuthor]:
    """The story's co-authors (one query, kept on the story for the rest of the request)."""
    rows = getattr(story, _COAUTHORS_ATTR, None)
    if rows is None:
        rows = list(
            CoAuthor.objects.filter(story=story, status=CoAuthorStatus.ACCEPTED).select_related(
                "member", "organisation"
            )
        )
        setattr(story, _COAUTHORS_ATTR, rows)
    return rows


def forget_coauthors(story: Story) -> None:
    if hasattr(story, _COAUTHORS_ATTR):
        delattr(story, _COAUTHORS_ATTR)


def coauthor_role_of(user: Any, story: Story) -> CoAuthor | None:
    """The co-authorship through which `user` co-authors `story`: as a member, or as an owner or
    admin of a co-author organisation. None if they don't."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    rows = accepted_coauthors(story)
    for row in rows:
        if row.member_id == user.pk:
            return row
    for row in rows:
        if row.organisation_id and org_permissions.can_manage(user, row.organisation):  # type: ignore[arg-type]
            return row
    return None


def is_author(user: Any, story: Story) -> bool:
    return bool(getattr(user, "is_authenticated", False) and story.author_id == user.pk)


def is_maker(user: Any, story: Story) -> bool:
    """The author or a co-author."""
    return is_author(user, story) or coauthor_role_of(user, story) is not None


def can_edit_words(user: Any, story: Story) -> bool:
    """Change the title and body: the author and co-authors, while it is published."""
    return (
        is_resource(story)
        and story.status == Status.PUBLISHED
        and not story.is_hidden
        and is_maker(user, story)
    )


def coauthor_can_edit(user: Any, story: Any) -> bool:
    """For stories.signals.register_editor_check: co-authors may edit a resource (the author
    is already allowed by can_edit_story)."""
    return (
        is_resource(story)
        and story.status != Status.WITHDRAWN
        and (coauthor_role_of(user, story) is not None)
    )


def can_invite(user: Any, story: Story) -> bool:
    return can_edit_words(user, story) and has_verified_email(user)


def can_remove_coauthor(user: Any, coauthor: CoAuthor) -> bool:
    """The author removes co-authors (and takes back pending invitations)."""
    return is_author(user, coauthor.story) and coauthor.status in (
        CoAuthorStatus.PENDING,
        CoAuthorStatus.ACCEPTED,
    )


def speaks_for(user: Any, coauthor: CoAuthor) -> bool:
    """The invited member, or an owner or admin of the invited organisation."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if coauthor.member_id is not None:
        return bool(coauthor.member_id == user.pk)
    return org_permissions.can_manage(user, coauthor.organisation)  # type: ignore[arg-type]


def can_respond(user: Any, coauthor: CoAuthor) -> bool:
    return (
        coauthor.status == CoAuthorStatus.PENDING
        and speaks_for(user, coauthor)
        and coauthor.story.is_published
        and can_view_story(user, coauthor.story)
    )


def can_leave(user: Any, coauthor: CoAuthor) -> bool:
    return coauthor.status == CoAuthorStatus.ACCEPTED and speaks_for(user, coauthor)


def can_suggest(user: Any, story: Story) -> bool:
    """Any member who may take part on the resource and is not one of its makers, unless they
    and the author have blocked each other."""
    return (
        can_see_collaboration(user, story)
        and can_participate(user, story)
        and not is_maker(user, story)
        and not is_blocked(user, story.author_id)
    )


def can_view_suggestion(user: Any, suggestion: Suggestion) -> bool:
    story = suggestion.story
    if not can_see_collaboration(user, story):
        return False
    return bool(suggestion.suggester_id == getattr(user, "pk", None)) or is_maker(user, story)


def can_decide(user: Any, suggestion: Suggestion) -> bool:
    return suggestion.status == SuggestionStatus.PENDING and can_edit_words(user, suggestion.story)


def get_resource_for_user(user: Any, pk: int) -> Story:
    """The resource if this person may see its collaboration pages; 404 otherwise."""
    story = Story.objects.select_related("author").filter(pk=pk).first()
    if story is None or not can_see_collaboration(user, story):
        raise Http404("No such resource")
    return story


def get_suggestion_for_user(user: Any, pk: int) -> Suggestion:
    suggestion = (
        Suggestion.objects.select_related("story", "story__author", "suggester")
        .filter(pk=pk)
        .first()
    )
    if suggestion is None or not can_view_suggestion(user, suggestion):
        raise Http404("No such suggestion")
    return suggestion


def get_invitation_for_user(user: Any, pk: int) -> CoAuthor:
    """An invitation or co-authorship, for the person it speaks for or the resource's author."""
    coauthor = (
        CoAuthor.objects.select_related("story", "story__author", "member", "organisation")
        .filter(pk=pk)
        .first()
    )
    if coauthor is None or not can_see_collaboration(user, coauthor.story):
        raise Http404("No such invitation")
    if not (speaks_for(user, coauthor) or is_author(user, coauthor.story)):
        raise Http404("No such invitation")
    return coauthor
