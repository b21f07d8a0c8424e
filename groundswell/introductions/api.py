"""The introductions API routes (mounted by groundswell.api): the same services and rules as the
pages. Reads work with a token or a signed-in session; making and answering need a write token.
An introduction is a 404 for anyone but its three parties; a side's answer is shown to that side
alone, so nothing here says who declined."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja.responses import Status

from groundswell.accounts.models import User
from groundswell.api import schemas
from groundswell.api.auth import READ_AUTH, READ_SECURITY, WRITE_AUTH, member, writer
from groundswell.api.endpoints.common import responses
from groundswell.api.errors import field_error
from groundswell.introductions import permissions, selectors, services
from groundswell.introductions.models import NOTE_MAX_CHARS, SIDE_NOTE_MAX_CHARS
from groundswell.organisations.models import Organisation, OrganisationStatus

router = Router(tags=["Introductions"])

IntroductionId = Path(..., ge=1, le=schemas.MAX_ID, description="The introduction's id.")


class IntroductionOut(Schema):
    id: int
    role: str = Field(description="introducer, or the side you answer for: a or b.")
    introduced_by: str
    other_sides: list[str] = Field(
        description="Introducer: both sides. A side: the other side (a person or organisation).",
    )
    status: str = Field(description="pending, connected, declined (won't go ahead), withdrawn.")
    status_label: str
    your_answer: str | None = Field(
        description="Your side's answer (pending, accepted, declined); null for the introducer. "
        "The other side's answer is never shown."
    )
    note: str
    note_for_you: str
    can_answer: bool
    can_withdraw: bool
    conversation_id: int | None = Field(description="The conversation it started (sides only).")
    created_at: dt.datetime
    closed_at: dt.datetime | None
    url: str


class IntroductionList(Schema):
    waiting: list[IntroductionOut] = Field(description="Waiting for your answer.")
    received: list[IntroductionOut]
    made: list[IntroductionOut]


class IntroductionIn(Schema):
    person: str = Field(
        ..., max_length=40, description="The handle of a member you are connected with."
    )
    other_person: str = Field(
        "", max_length=40, description="Introduce them to another connection (a handle)..."
    )
    organisation: str = Field("", max_length=140, description="...or to an organisation (slug).")
    note: str = Field(..., max_length=NOTE_MAX_CHARS * 2, description="To both sides.")
    note_to_person: str = Field("", max_length=SIDE_NOTE_MAX_CHARS * 2)
    note_to_other: str = Field("", max_length=SIDE_NOTE_MAX_CHARS * 2)
    submission_key: uuid.UUID | None = Field(
        None, description="Send the same key again to get the first introduction back (retries)."
    )


def _out(request: HttpRequest, s: selectors.Shown) -> dict[str, Any]:
    intro = s.intro
    return {
        "id": intro.pk,
        "role": s.role,
        "introduced_by": s.introducer.name,
        "other_sides": [p.name for p in s.others],
        "status": intro.status,
        "status_label": str(intro.get_status_display()),
        "your_answer": None if s.is_introducer else s.my_answer,
        "note": intro.note,
        "note_for_you": s.note_for_me,
        "can_answer": s.can_answer,
        "can_withdraw": s.can_withdraw,
        "conversation_id": None if s.is_introducer else intro.conversation_id,
        "created_at": intro.created_at,
        "closed_at": intro.closed_at,
        "url": request.build_absolute_uri(reverse("introductions:detail", args=[intro.pk])),
    }


def _connection(user: User, handle: str, field: str) -> User:
    """The member a handle names, or a 422 on the field in the same words whether or not the
    handle exists (the API must not tell who has an account)."""
    person = User.objects.filter(handle=handle, is_active=True).first() if handle else None
    if person is None:
        raise field_error(field, _("You can introduce people you are connected with."))
    return person


@router.get(
    "/introductions",
    response=responses({200: IntroductionList}),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="Your introductions: waiting for you, of you, and made by you",
)
def introductions(request: HttpRequest) -> dict[str, Any]:
    user = member(request)
    mine = selectors.introductions_for(user)
    return {
        "waiting": [_out(request, s) for s in mine.waiting],
        "received": [_out(request, s) for s in mine.received],
        "made": [_out(request, s) for s in mine.made],
    }


@router.post(
    "/introductions",
    response=responses({201: IntroductionOut}, write=True),
    auth=WRITE_AUTH,
    summary="Introduce a connection to another connection or to an organisation",
)
def introduction_create(request: HttpRequest, payload: IntroductionIn) -> Status[dict[str, Any]]:
    """422 (per field) when they can't be introduced: not your connections, already connected,
    already introduced, your daily limit."""
    user = writer(request)
    person = _connection(user, payload.person, "person")
    other = org = None
    if bool(payload.other_person) == bool(payload.organisation):
        raise field_error(
            "other_person", _("Choose one person or one organisation to introduce them to.")
        )
    if payload.other_person:
        other = _connection(user, payload.other_person, "other_person")
    else:
        org = Organisation.objects.filter(
            slug=payload.organisation, status=OrganisationStatus.ACTIVE
        ).first()
        if org is None:
            raise field_error(
                "organisation", _("We couldn't find an organisation at that address.")
            )
    intro = services.introduction_create(
        introducer=user,
        person=person,
        other_person=other,
        organisation=org,
        note=payload.note,
        note_to_person=payload.note_to_person,
        note_to_other=payload.note_to_other,
        submission_key=payload.submission_key,
    )
    intro = permissions.get_introduction_for_user(user, intro.pk)
    return Status(201, _out(request, selectors.shown(intro, user)))


def _answer(request: HttpRequest, introduction_id: int, *, accept: bool) -> dict[str, Any]:
    user = writer(request)
    intro = permissions.get_introduction_for_user(user, introduction_id)
    if permissions.side_of(intro, user) is None:
        raise PermissionDenied(_("Only the people introduced can answer an introduction."))
    services.introduction_answer(introduction=intro, user=user, accept=accept)
    intro = permissions.get_introduction_for_user(user, introduction_id)
    return _out(request, selectors.shown(intro, user))


@router.post(
    "/introductions/{introduction_id}/accept",
    response=responses({200: IntroductionOut}, write=True),
    auth=WRITE_AUTH,
    summary="Accept an introduction for your side",
)
def introduction_accept(
    request: HttpRequest, introduction_id: int = IntroductionId
) -> dict[str, Any]:
    """When both sides accepted they are connected and a conversation starts. Accepting twice
    is harmless; 403 once it has closed otherwise."""
    return _answer(request, introduction_id, accept=True)


@router.post(
    "/introductions/{introduction_id}/decline",
    response=responses({200: IntroductionOut}, write=True),
    auth=WRITE_AUTH,
    summary="Decline an introduction for your side",
)
def introduction_decline(
    request: HttpRequest, introduction_id: int = IntroductionId
) -> dict[str, Any]:
    """The others are told only that it won't go ahead."""
    return _answer(request, introduction_id, accept=False)


@router.post(
    "/introductions/{introduction_id}/withdraw",
    response=responses({200: IntroductionOut}, write=True),
    auth=WRITE_AUTH,
    summary="Withdraw an introduction you made, while it waits",
)
def introduction_withdraw(
    request: HttpRequest, introduction_id: int = IntroductionId
) -> dict[str, Any]:
    user = writer(request)
    intro = permissions.get_introduction_for_user(user, introduction_id)
    if not permissions.is_introducer(intro, user):
        raise PermissionDenied(_("Only the person who made an introduction can withdraw it."))
    services.introduction_withdraw(introduction=intro, actor=user)
    intro = permissions.get_introduction_for_user(user, introduction_id)
    return _out(request, selectors.shown(intro, user))
