"""Who may see and do what with assets: small predicates, testable without HTTP.

Seeing is `Asset.objects.visible_to` (one rule); the people who look after a listing (its owner,
the admins of the organisation that runs it, or whoever added it while nobody owns it) also see it
while it is withdrawn or hidden, so they can read why and put it right.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from groundswell.assets.models import Asset, AssetKind, ClaimRequest, ClaimStatus
from groundswell.core.staff import has_organiser_powers, has_staff_powers
from groundswell.organisations.models import MANAGING_ROLES, Membership, Organisation
from groundswell.places.permissions import organiser_roots, within_any


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def managed_organisation_ids(user: Any) -> list[int]:
    """The active organisations this person owns or runs as an admin."""
    if not _signed_in(user):
        return []
    return list(
        Membership.objects.filter(
            user=user, role__in=MANAGING_ROLES, organisation__status="active"
        ).values_list("organisation_id", flat=True)
    )


def organisations_managed_by(user: Any) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=managed_organisation_ids(user)).order_by("name")


def can_add(user: Any) -> bool:
    return _signed_in(user)


def can_edit(user: Any, asset: Asset) -> bool:
    """Change the listing, press "Still correct" or withdraw it: its owner; for a listing run
    by an organisation, that organisation's owner and admins; for a listing nobody owns yet, the
    person who added it. A gift is only ever its own person's."""
    if not _signed_in(user):
        return False
    if asset.owner_id is not None and asset.owner_id == user.pk:
        return True
    if asset.kind == AssetKind.GIFT:
        return False
    if asset.organisation_id is not None and asset.organisation_id in managed_organisation_ids(
        user
    ):
        return True
    return (
        asset.owner_id is None
        and asset.organisation_id is None
        and asset.created_by_id is not None
        and asset.created_by_id == user.pk
    )


def editable_by(user: Any) -> QuerySet[Asset]:
    """Every asset `can_edit` lets this person change, as one query (their "Listings I look
    after" page): kept beside can_edit so the two say the same thing."""
    if not _signed_in(user):
        return Asset.objects.none()
    listing = ~Q(kind=AssetKind.GIFT)
    return Asset.objects.filter(
        Q(owner=user)
        | (listing & Q(organisation_id__in=managed_organisation_ids(user)))
        | (listing & Q(owner__isnull=True, organisation__isnull=True, created_by=user))
    )


def can_claim(user: Any, asset: Asset) -> bool:
    """Ask to own a listing: any signed-in member, for a published listing nobody owns yet (a
    person's gift is never claimed)."""
    return (
        _signed_in(user)
        and asset.kind != AssetKind.GIFT
        and asset.owner_id is None
        and asset.is_published
    )


def can_decide_claims(user: Any, asset: Asset | None = None) -> bool:
    """Accept or decline claims: moderators (two-step-verified session), and organisers for
    listings in the places they look after. Without `asset`: whether the person may decide any
    at all (the staff screen)."""
    if has_staff_powers(user):
        return True
    if not has_organiser_powers(user):
        return False
    roots = organiser_roots(user)
    if not roots:
        return False
    if asset is None:
        return True
    return within_any(asset.place.path, roots)


def claims_decidable_by(user: Any) -> QuerySet[ClaimRequest]:
    """The pending claims this person may decide (the staff screen and its count)."""
    pending = ClaimRequest.objects.filter(status=ClaimStatus.PENDING)
    if has_staff_powers(user):
        return pending
    if not has_organiser_powers(user):
        return pending.none()
    roots = organiser_roots(user)
    if not roots:
        return pending.none()
    scope = Q()
    for root in roots:
        scope |= Q(asset__place__path__startswith=root.path)
    return pending.filter(scope)


def get_asset_for_user(user: Any, slug: str) -> Asset:
    """The asset at `slug` if this person may see it, else 404 (never a hint that it exists)."""
    asset = Asset.objects.select_related("place", "organisation", "owner").filter(slug=slug).first()
    if asset is None:
        raise Http404("No such asset")
    if Asset.objects.visible_to(user).filter(pk=asset.pk).exists():
        return asset
    if can_edit(user, asset) or has_staff_powers(user):
        return asset
    raise Http404("No such asset")


def get_editable_asset(user: Any, slug: str) -> Asset:
    """404 when they may not see it; 403 (PermissionDenied) when they see but may not change."""
    from django.core.exceptions import PermissionDenied

    asset = get_asset_for_user(user, slug)
    if not can_edit(user, asset):
        raise PermissionDenied
    return asset
