"""Organisations in the API: the organisations app's own router and schemas, mounted by the api
app (groundswell/api/routers.py), which keeps tokens, auth, limits and errors."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field, StringConstraints

from groundswell.api.auth import READ_AUTH, READ_SECURITY, WRITE_AUTH, member, viewer, writer
from groundswell.api.endpoints.common import responses
from groundswell.api.errors import from_django
from groundswell.api.pagination import cursor_id, decode_cursor, encode_cursor
from groundswell.api.schemas import PAGE_SIZE_DEFAULT, Cursor, PageSize, Slug, Strict, Text
from groundswell.core.ratelimit import RateLimited
from groundswell.organisations import permissions, selectors, services
from groundswell.organisations.models import Membership, Organisation, OrganisationKind
from groundswell.places.models import Place
from groundswell.stories.permissions import has_verified_email

router = Router(tags=["Organisations"])

OrgSlug = Path(..., pattern=r"^[-a-zA-Z0-9_]{1,140}$", description="The organisation's slug.")
KindName = Literal[tuple(OrganisationKind.values)]  # type: ignore[valid-type]
RoleName = Literal["owner", "admin", "member"]


class PlaceRef(Schema):
    slug: str
    name: str


class OrganisationOut(Schema):
    slug: str
    name: str
    kind: str
    kind_label: str
    description: str
    places: list[PlaceRef]
    contact_email: str
    contact_phone: str
    website: str
    accessibility: str
    logo_url: str | None
    logo_alt: str
    verified: bool
    verified_at: dt.datetime | None
    verified_by: str | None
    url: str


class OrganisationDetailOut(OrganisationOut):
    member_count: int
    your_role: RoleName | None


class OrganisationPage(Schema):
    items: list[OrganisationOut]
    next_cursor: str | None


class MyMembershipOut(Schema):
    organisation: OrganisationOut
    role: RoleName
    joined_at: dt.datetime


class MemberOut(Schema):
    display_name: str
    handle: str
    role: RoleName
    joined_at: dt.datetime


class JoinRequestIn(Strict):
    message: Annotated[Text, StringConstraints(max_length=500)] = ""


class JoinRequestOut(Schema):
    organisation: str
    status: str
    message: str
    created_at: dt.datetime


class ListParams(Schema):
    q: Annotated[Text, StringConstraints(max_length=100)] = ""
    kind: KindName | None = None  # type: ignore[valid-type]
    place: Slug | None = None
    cursor: Cursor | None = Field(
        None,
        description="next_cursor from the previous page. A cursor the API never gave is a 400.",
    )
    limit: PageSize = PAGE_SIZE_DEFAULT


def _out(request: HttpRequest, org: Organisation) -> dict[str, Any]:
    return {
        "slug": org.slug,
        "name": org.name,
        "kind": org.kind,
        "kind_label": org.get_kind_display(),
        "description": org.description,
        "places": [{"slug": p.slug, "name": p.name} for p in org.places.all()],
        "contact_email": org.contact_email,
        "contact_phone": org.contact_phone,
        "website": org.website,
        "accessibility": org.accessibility,
        "logo_url": (
            request.build_absolute_uri(reverse("organisations:logo", args=[org.slug]))
            if org.logo
            else None
        ),
        "logo_alt": org.logo_alt,
        "verified": org.is_verified,
        "verified_at": org.verified_at,
        "verified_by": (org.verified_by_name or "a moderator") if org.is_verified else None,
        "url": request.build_absolute_uri(reverse("organisations:detail", args=[org.slug])),
    }


def _get(request: HttpRequest, slug: str) -> Organisation:
    from django.http import Http404

    try:
        return permissions.get_organisation_for_user(viewer(request), slug)
    except Http404 as exc:
        raise HttpError(
            404, _("Not found. It may not exist, or you may not have access to it.")
        ) from exc


@router.get(
    "/organisations",
    response=responses({200: OrganisationPage}, cursor=True),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="Organisations, by name",
)
def organisation_list(request: HttpRequest, params: Query[ListParams]) -> dict[str, Any]:
    """Filter by `kind`, by `place` (a place's slug: organisations serving it, a place in it,
    or a wider place containing it) and by words in the name (`q`)."""
    place = None
    if params.place:
        place = Place.objects.filter(slug=params.place).first()
        if place is None:
            return {"items": [], "next_cursor": None}
    qs = selectors.organisation_list(
        selectors.OrganisationFilters(q=params.q.strip(), kind=params.kind or "", place=place)
    )
    if params.cursor:
        name, last_id = decode_cursor(params.cursor, 2)
        qs = qs.filter(Q(name__gt=name) | Q(name=name, id__gt=cursor_id(last_id)))
    rows = list(qs.prefetch_related("places")[: params.limit + 1])
    more = len(rows) > params.limit
    rows = rows[: params.limit]
    return {
        "items": [_out(request, org) for org in rows],
        "next_cursor": encode_cursor([rows[-1].name, str(rows[-1].pk)]) if more else None,
    }


@router.get(
    "/organisations/{slug}",
    response=responses({200: OrganisationDetailOut}, 404),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="One organisation",
)
def organisation_detail(request: HttpRequest, slug: str = OrgSlug) -> dict[str, Any]:
    org = _get(request, slug)
    return {
        **_out(request, org),
        "member_count": selectors.member_count(org),
        "your_role": permissions.role_in(viewer(request), org),
    }


@router.get(
    "/me/organisations",
    response=responses({200: list[MyMembershipOut]}),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="The organisations you belong to",
)
def my_organisations(request: HttpRequest) -> list[dict[str, Any]]:
    user = member(request)
    memberships = selectors.memberships_for(user).prefetch_related("organisation__places")
    return [
        {"organisation": _out(request, m.organisation), "role": m.role, "joined_at": m.joined_at}
        for m in memberships
    ]


@router.post(
    "/organisations/{slug}/join-requests",
    response=responses({201: JoinRequestOut}, write=True),
    auth=WRITE_AUTH,
    summary="Ask to join an organisation",
)
def join_request_create(
    request: HttpRequest, payload: JoinRequestIn, slug: str = OrgSlug
) -> Status[dict[str, Any]]:
    """Needs a verified email address. Asking again while a request waits gives it back."""
    user = writer(request)
    org = _get(request, slug)
    if not has_verified_email(user):
        raise HttpError(403, _("You can ask to join once your email address is verified."))
    try:
        jr = services.join_request_create(org=org, user=user, message=payload.message.strip())
    except RateLimited as exc:
        raise HttpError(429, exc.message) from exc
    except PermissionDenied as exc:
        raise HttpError(403, _("You can't ask to join this organisation.")) from exc
    except DjangoValidationError as exc:
        raise from_django(exc) from exc
    return Status(
        201,
        {
            "organisation": org.slug,
            "status": jr.status,
            "message": jr.message,
            "created_at": jr.created_at,
        },
    )


@router.get(
    "/organisations/{slug}/members",
    response=responses({200: list[MemberOut]}, 403, 404),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="An organisation's members (its owner and admins only)",
)
def organisation_members(request: HttpRequest, slug: str = OrgSlug) -> list[dict[str, Any]]:
    user = member(request)
    org = _get(request, slug)
    if not permissions.can_manage(user, org):
        raise HttpError(403, _("Only the organisation's owner and admins can list its members."))
    rows: list[Membership] = list(selectors.members_of(org))
    return [
        {
            "display_name": m.user.public_name,
            "handle": m.user.handle,
            "role": m.role,
            "joined_at": m.joined_at,
        }
        for m in rows
    ]
