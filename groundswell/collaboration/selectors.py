"""Reads for co-created resources: the credits line, the history, pending suggestions, and the
person's own rows for "Download my data"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.safestring import SafeString

from groundswell.collaboration import permissions
from groundswell.collaboration.diff import word_diff
from groundswell.collaboration.models import (
    FORMER_MEMBER,
    OPEN_STATUSES,
    CoAuthor,
    CoAuthorStatus,
    ResourceRevision,
    RevisionSource,
    Suggestion,
    SuggestionStatus,
)
from groundswell.stories.models import Story

HISTORY_LIMIT = 200


@dataclass(frozen=True)
class Credit:
    name: str
    kind: str  # "author", "member", "organisation", "contributor"
    url: str = ""


@dataclass(frozen=True)
class Credits:
    makers: list[Credit]
    contributors: list[Credit]


def person_label(user: Any, story: Story) -> str:
    """How someone who changed a resource is named: the author by the story's own byline (never
    the name behind a pseudonym), everyone else by their public name, and "a former member" once
    they have deleted their account."""
    if user is None:
        return str(FORMER_MEMBER)
    if user.pk == story.author_id:
        return story.byline
    return str(user.public_name)


def credits_for(story: Story) -> Credits:
    """Made by the author and co-authors, with contributions from the members whose suggestions
    were accepted (two queries)."""
    makers = [Credit(name=story.byline, kind="author")]
    for row in permissions.accepted_coauthors(story):
        if row.organisation_id:
            org = row.organisation
            assert org is not None  # noqa: S101 (the check constraint)
            makers.append(
                Credit(
                    name=org.name,
                    kind="organisation",
                    url=reverse("organisations:detail", args=[org.slug]),
                )
            )
        elif row.member is not None:
            makers.append(Credit(name=row.member.public_name, kind="member"))
    maker_ids = {story.author_id} | {
        row.member_id for row in permissions.accepted_coauthors(story) if row.member_id
    }
    seen: set[int] = set()
    contributors: list[Credit] = []
    accepted = (
        Suggestion.objects.filter(story=story, status=SuggestionStatus.ACCEPTED)
        .select_related("suggester")
        .order_by("decided_at", "id")
    )
    for suggestion in accepted:
        if suggestion.suggester_id in maker_ids or suggestion.suggester_id in seen:
            continue
        seen.add(suggestion.suggester_id)
        contributors.append(Credit(name=suggestion.suggester.public_name, kind="contributor"))
    return Credits(makers=makers, contributors=contributors)


@dataclass(frozen=True)
class HistoryEntry:
    revision: ResourceRevision
    who: str
    acting_for: str
    accepted_by: str
    title_diff: SafeString | None
    body_diff: SafeString

    @property
    def source(self) -> str:
        return self.revision.source

    @property
    def is_suggestion(self) -> bool:
        return self.revision.source == RevisionSource.SUGGESTION


def history_for(story: Story, *, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """Every recorded change, newest first, with word-level differences (one query)."""
    rows = (
        ResourceRevision.objects.filter(story=story)
        .select_related("editor", "organisation", "accepted_by")
        .order_by("-created_at", "-id")[:limit]
    )
    return [
        HistoryEntry(
            revision=r,
            who=person_label(r.editor, story),
            acting_for=r.organisation.name if r.organisation else "",
            accepted_by=person_label(r.accepted_by, story)
            if r.source == RevisionSource.SUGGESTION
            else "",
            title_diff=word_diff(r.title_before, r.title) if r.title_before != r.title else None,
            body_diff=word_diff(r.body_before, r.body),
        )
        for r in rows
    ]


def pending_suggestions(story: Story) -> QuerySet[Suggestion]:
    return (
        Suggestion.objects.filter(story=story, status=SuggestionStatus.PENDING)
        .select_related("suggester")
        .order_by("created_at", "id")
    )


def coauthor_rows(story: Story) -> QuerySet[CoAuthor]:
    """Invitations waiting for an answer and co-authors, for the author's page."""
    return (
        CoAuthor.objects.filter(story=story, status__in=OPEN_STATUSES)
        .select_related("member", "organisation")
        .order_by("created_at", "id")
    )


def invitations_for(user: Any) -> list[CoAuthor]:
    """Invitations waiting for this person's answer: to them, or to an organisation they run."""
    from groundswell.organisations.models import Membership
    from groundswell.organisations.permissions import MANAGING_ROLES

    if not getattr(user, "is_authenticated", False):
        return []
    managed = Membership.objects.filter(user=user, role__in=MANAGING_ROLES).values(
        "organisation_id"
    )
    qs = (
        CoAuthor.objects.filter(status=CoAuthorStatus.PENDING)
        .filter(Q(member=user) | Q(organisation_id__in=managed))
        .select_related("story", "story__author", "organisation")
        .order_by("created_at", "id")
    )
    return [
        row
        for row in qs
        if row.story.is_published and permissions.can_see_collaboration(user, row.story)
    ]


def export_suggestions(user: Any) -> list[dict[str, Any]]:
    rows = Suggestion.objects.filter(suggester=user).select_related("story").order_by("created_at")
    return [
        {
            "resource_id": s.story_id,
            "resource_title": s.story.shown_title,
            "suggested_title": s.title,
            "suggested_body": s.body,
            "note": s.note,
            "status": s.status,
            "decline_reason": s.decline_reason,
            "suggested_at": s.created_at,
            "decided_at": s.decided_at,
        }
        for s in rows
    ]


def export_coauthorships(user: Any) -> list[dict[str, Any]]:
    rows = CoAuthor.objects.filter(member=user).select_related("story").order_by("created_at")
    return [
        {
            "resource_id": c.story_id,
            "resource_title": c.story.shown_title,
            "status": c.status,
            "invited_at": c.created_at,
            "answered_at": c.responded_at,
        }
        for c in rows
    ]


def export_edits(user: Any) -> list[dict[str, Any]]:
    rows = (
        ResourceRevision.objects.filter(editor=user)
        .select_related("story")
        .order_by("created_at", "id")
    )
    return [
        {
            "resource_id": r.story_id,
            "resource_title": r.story.shown_title,
            "how": r.get_source_display(),
            "title_after": r.title,
            "body_after": r.body,
            "changed_at": r.created_at,
        }
        for r in rows
    ]
