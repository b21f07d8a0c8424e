"""The collaboration app's API routes, mounted by groundswell.api (which keeps tokens, auth,
limits and errors). Reads work with a token, a signed-in session or neither, for a resource the
reader may see; changes need a write token."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status
from ninja.errors import HttpError

from groundswell.api import schemas
from groundswell.api.auth import READ_AUTH, READ_SECURITY, WRITE_AUTH, viewer, writer
from groundswell.api.endpoints.common import responses
from groundswell.api.errors import from_django
from groundswell.collaboration import permissions, selectors, services
from groundswell.collaboration.models import Suggestion

router = Router(tags=["Resources"])

ResourceId = Path(..., ge=1, le=2**31 - 1, description="The resource's story id.")
SuggestionId = Path(..., ge=1, le=2**31 - 1, description="The suggestion's id.")


class CreditOut(Schema):
    name: str
    kind: str = Field(description="author, member, organisation or contributor.")


class ContributorsOut(Schema):
    made_by: list[CreditOut]
    contributions_from: list[CreditOut]


class ChangeOut(Schema):
    who: str = Field(description="Whose words: the author by the resource's byline.")
    acting_for: str = Field(description="The co-author organisation they edited for, if any.")
    accepted_by: str = Field(description="For an accepted suggestion: who accepted it.")
    source: str = Field(description="author, coauthor or suggestion.")
    changed_at: dt.datetime
    title_before: str
    title: str
    body_before: str
    body: str


class HistoryOut(Schema):
    items: list[ChangeOut]


class SuggestionIn(schemas.Strict):
    title: str = Field(..., max_length=160)
    body: str = Field(..., max_length=20000)
    note: str = Field("", max_length=500)
    submission_key: uuid.UUID | None = Field(
        None, description="Send the same key again to get the first suggestion back (retries)."
    )


class SuggestionOut(Schema):
    id: int
    resource_id: int
    status: str
    title: str
    body: str
    note: str
    out_of_date: bool = Field(description="The resource has changed since it was suggested.")
    decline_reason: str
    suggested_at: dt.datetime


class AcceptIn(schemas.Strict):
    compared: bool = Field(
        False, description="Needed when the resource changed since it was suggested."
    )


class DeclineIn(schemas.Strict):
    reason: str = Field("", max_length=500)


def _suggestion_out(s: Suggestion) -> dict[str, Any]:
    return {
        "id": s.pk,
        "resource_id": s.story_id,
        "status": s.status,
        "title": s.title,
        "body": s.body,
        "note": s.note,
        "out_of_date": s.status == "pending" and s.is_out_of_date,
        "decline_reason": s.decline_reason,
        "suggested_at": s.created_at,
    }


@router.get(
    "/resources/{story_id}/contributors",
    response=responses({200: ContributorsOut}, 404),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="Who made a resource",
)
def contributors(request: HttpRequest, story_id: int = ResourceId) -> dict[str, Any]:
    story = permissions.get_resource_for_user(viewer(request), story_id)
    credits = selectors.credits_for(story)
    return {
        "made_by": [{"name": c.name, "kind": c.kind} for c in credits.makers],
        "contributions_from": [{"name": c.name, "kind": c.kind} for c in credits.contributors],
    }


@router.get(
    "/resources/{story_id}/history",
    response=responses({200: HistoryOut}, 404),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="Every change to a resource, newest first",
)
def history(request: HttpRequest, story_id: int = ResourceId) -> dict[str, Any]:
    story = permissions.get_resource_for_user(viewer(request), story_id)
    return {
        "items": [
            {
                "who": e.who,
                "acting_for": e.acting_for,
                "accepted_by": e.accepted_by,
                "source": e.source,
                "changed_at": e.revision.created_at,
                "title_before": e.revision.title_before,
                "title": e.revision.title,
                "body_before": e.revision.body_before,
                "body": e.revision.body,
            }
            for e in selectors.history_for(story)
        ]
    }


@router.post(
    "/resources/{story_id}/suggestions",
    response=responses({201: SuggestionOut}, write=True),
    auth=WRITE_AUTH,
    summary="Suggest an edit to a resource",
)
def suggestion_create(
    request: HttpRequest, payload: SuggestionIn, story_id: int = ResourceId
) -> Status[dict[str, Any]]:
    """403 for the resource's own authors, for someone the author blocked or who blocked
    them, and without a verified email address."""
    user = writer(request)
    story = permissions.get_resource_for_user(user, story_id)
    try:
        suggestion = services.suggestion_create(
            story=story,
            suggester=user,
            title=payload.title,
            body=payload.body,
            note=payload.note,
            submission_key=payload.submission_key,
        )
    except DjangoValidationError as exc:
        raise from_django(exc) from exc
    return Status(201, _suggestion_out(suggestion))


def _decidable(user: Any, suggestion_id: int) -> Suggestion:
    suggestion = permissions.get_suggestion_for_user(user, suggestion_id)
    if suggestion.status != "pending":
        raise HttpError(409, _("This suggestion has already been answered."))
    if not permissions.can_decide(user, suggestion):
        raise HttpError(403, _("Only the resource's authors can answer suggestions."))
    return suggestion


@router.post(
    "/resources/suggestions/{suggestion_id}/accept",
    response=responses({200: SuggestionOut}, 409, write=True),
    auth=WRITE_AUTH,
    summary="Accept a suggested edit (applies it to the resource)",
)
def suggestion_accept(
    request: HttpRequest, payload: AcceptIn, suggestion_id: int = SuggestionId
) -> dict[str, Any]:
    user = writer(request)
    suggestion = _decidable(user, suggestion_id)
    try:
        services.suggestion_accept(suggestion=suggestion, actor=user, compared=payload.compared)
    except DjangoValidationError as exc:
        raise from_django(exc) from exc
    return _suggestion_out(suggestion)


@router.post(
    "/resources/suggestions/{suggestion_id}/decline",
    response=responses({200: SuggestionOut}, 409, write=True),
    auth=WRITE_AUTH,
    summary="Decline a suggested edit",
)
def suggestion_decline(
    request: HttpRequest, payload: DeclineIn, suggestion_id: int = SuggestionId
) -> dict[str, Any]:
    user = writer(request)
    suggestion = _decidable(user, suggestion_id)
    try:
        services.suggestion_decline(suggestion=suggestion, actor=user, reason=payload.reason)
    except DjangoValidationError as exc:
        raise from_django(exc) from exc
    return _suggestion_out(suggestion)
