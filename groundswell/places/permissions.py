"""Who looks after which places: the one owner of the organiser's scope.

Administrators look after every place. An organiser looks after the places an administrator gave
them (places.OrganiserPlace) and everything below each one. The places staff screen, local help
lines and the verification of organisations all ask here:

    organiser_roots(user)          the places given to the person (read once per request)
    places_managed_by(user)        every place they may manage, as a queryset
    can_manage_place(user, place)  one place
    can_manage_any_place(user)     whether the places screen has anything for them

Each needs the powers of a two-step-verified web session (core.staff): a password-only session,
or an API token, manages nothing.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from groundswell.core.staff import (
    has_admin_powers,
    has_organiser_powers,
    is_administrator,
    is_organiser,
)
from groundswell.places.models import OrganiserPlace, Place, PlaceQuerySet

_ROOTS_ATTR = "_gs_organiser_roots"


def organiser_roots(user: Any) -> list[Place]:
    """The places an administrator gave this organiser, widest first (one query, then kept on
    the user object for the rest of the request)."""
    if not getattr(user, "is_authenticated", False):
        return []
    roots: list[Place] | None = getattr(user, _ROOTS_ATTR, None)
    if roots is None:
        roots = [
            row.place
            for row in OrganiserPlace.objects.filter(user=user)
            .select_related("place")
            .order_by("place__path")
        ]
        setattr(user, _ROOTS_ATTR, roots)
    return roots


def forget_roots(user: Any) -> None:
    """After the person's places changed (services.organiser_places_set)."""
    if hasattr(user, _ROOTS_ATTR):
        delattr(user, _ROOTS_ATTR)


def within_any(path: str, roots: list[Place]) -> bool:
    return any(path.startswith(root.path) for root in roots if root.path)


def places_managed_by(user: Any) -> PlaceQuerySet:
    if has_admin_powers(user):
        return Place.objects.all()
    if not has_organiser_powers(user):
        return Place.objects.none()
    roots = organiser_roots(user)
    if not roots:
        return Place.objects.none()
    scope = Q()
    for root in roots:
        scope |= Q(path__startswith=root.path)
    return Place.objects.filter(scope)


def can_manage_place(user: Any, place: Place | None) -> bool:
    """Edit, add below or retire this place, and look after its local help lines. `None` (the
    whole country: national help lines, new nations) is for administrators."""
    if has_admin_powers(user):
        return True
    if place is None or not has_organiser_powers(user):
        return False
    return within_any(place.path, organiser_roots(user))


def can_manage_any_place(user: Any) -> bool:
    return has_admin_powers(user) or (has_organiser_powers(user) and bool(organiser_roots(user)))


def is_organiser_or_admin(user: Any) -> bool:
    """Who sees the places and help-line screens in the staff menu (the page itself checks the
    session's powers and the places)."""
    return is_administrator(user) or is_organiser(user)
