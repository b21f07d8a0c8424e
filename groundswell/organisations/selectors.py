"""Reads for organisation pages, the API and the data export."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet

from groundswell.organisations.models import (
    Invitation,
    JoinRequest,
    Membership,
    Organisation,
    OrganisationQuerySet,
    RequestStatus,
)
from groundswell.places.models import Place

if TYPE_CHECKING:
    from groundswell.accounts.models import User

PAGE_SIZE = 20


@dataclass(frozen=True)
class OrganisationFilters:
    q: str = ""
    kind: str = ""
    place: Place | None = None


def organisation_list(filters: OrganisationFilters) -> OrganisationQuerySet:
    qs = Organisation.objects.listed()
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.place is not None:
        qs = qs.serving(filters.place)
    if filters.q:
        qs = qs.named_like(filters.q)
    return qs.order_by("name", "id")


def waiting_for_verification(
    page_number: Any, within: OrganisationQuerySet | None = None
) -> Page[Organisation]:
    """Organisations no moderator has checked yet, the longest waiting first (`within`: only
    these, e.g. permissions.organisations_to_verify_for an organiser)."""
    qs = (
        (within if within is not None else Organisation.objects.listed())
        .filter(verified_at__isnull=True)
        .prefetch_related("places")
        .order_by("created_at", "id")
    )
    return Paginator(qs, PAGE_SIZE).get_page(page_number)


def organisation_page(filters: OrganisationFilters, page_number: Any) -> Page[Organisation]:
    """One page of the list, places served read in one more query."""
    paginator = Paginator(organisation_list(filters).prefetch_related("places"), PAGE_SIZE)
    return paginator.get_page(page_number)


def memberships_for(user: User) -> QuerySet[Membership]:
    """The person's organisations, with their role in each (archived ones stay out)."""
    return (
        Membership.objects.filter(user=user, organisation__status="active")
        .select_related("organisation")
        .order_by("organisation__name", "organisation_id")
    )


def members_of(org: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=org)
        .select_related("user")
        .order_by("joined_at", "id")
    )


def member_count(org: Organisation) -> int:
    return Membership.objects.filter(organisation=org).count()


def member_counts(orgs: list[Organisation]) -> dict[int, int]:
    rows = (
        Membership.objects.filter(organisation__in=orgs)
        .values("organisation_id")
        .annotate(n=Count("id"))
    )
    return {row["organisation_id"]: row["n"] for row in rows}


def pending_requests(org: Organisation) -> QuerySet[JoinRequest]:
    return (
        JoinRequest.objects.filter(organisation=org, status=RequestStatus.PENDING)
        .select_related("user")
        .order_by("created_at", "id")
    )


def pending_request_for(org: Organisation, user: Any) -> JoinRequest | None:
    if not user.is_authenticated:
        return None
    return JoinRequest.objects.filter(
        organisation=org, user=user, status=RequestStatus.PENDING
    ).first()


def open_invitations(org: Organisation) -> QuerySet[Invitation]:
    return Invitation.objects.filter(
        organisation=org, accepted_at__isnull=True, revoked_at__isnull=True
    ).select_related("invited_by")


def places_for_filter() -> QuerySet[Place]:
    return Place.objects.current().order_by("path")


# "Download my data"


def export_memberships(user: User) -> list[dict[str, Any]]:
    return [
        {
            "organisation": m.organisation.name,
            "address": f"/organisations/{m.organisation.slug}/",
            "role": m.role,
            "joined_at": m.joined_at,
        }
        for m in Membership.objects.filter(user=user).select_related("organisation")
    ]


def export_join_requests(user: User) -> list[dict[str, Any]]:
    return [
        {
            "organisation": r.organisation.name,
            "message": r.message,
            "status": r.status,
            "asked_at": r.created_at,
            "answered_at": r.decided_at,
        }
        for r in JoinRequest.objects.filter(user=user).select_related("organisation")
    ]


def export_invitations_sent(user: User) -> list[dict[str, Any]]:
    return [
        {
            "organisation": i.organisation.name,
            "email": i.email,
            "role": i.role,
            "sent_at": i.created_at,
            "expires_at": i.expires_at,
            "accepted": i.accepted_at is not None,
            "withdrawn": i.revoked_at is not None,
        }
        for i in Invitation.objects.filter(invited_by=user).select_related("organisation")
    ]


def export_organisations_created(user: User) -> list[dict[str, Any]]:
    return [
        {
            "name": o.name,
            "address": f"/organisations/{o.slug}/",
            "kind": o.kind,
            "description": o.description,
            "created_at": o.created_at,
        }
        for o in Organisation.objects.filter(created_by=user)
    ]


def recent_posts(org: Organisation, viewer: Any, *, limit: int = 10) -> list[Any]:
    """What the organisation has posted (stories, resources, updates posted as it), newest
    first, by the site's one visibility rule; one query."""
    from groundswell.stories.models import Story
    from groundswell.stories.selectors import with_card_data

    qs = Story.objects.visible_to(viewer).filter(organisation=org).order_by("-published_at", "-id")
    return list(with_card_data(qs)[:limit])
