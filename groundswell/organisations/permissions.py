"""Who may act for an organisation: the one owner of that rule.

Site-wide roles are for moderation and administration only. Holding the site role "organiser"
gives no power over any organisation; a person acts for an organisation through their
membership of it. Later kinds (stories posted as an organisation, updates, offers) ask here:

    can_manage(user, org)         settings, members, join requests, invitations
    can_post_as(user, org)        publish something under the organisation's name
    orgs_user_can_post_as(user)   the organisations to offer in a "post as" choice
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import Http404

from groundswell.core.staff import (
    has_organiser_powers,
    has_staff_powers,
    is_moderator,
    is_organiser,
)
from groundswell.organisations.models import (
    MANAGING_ROLES,
    Membership,
    Organisation,
    OrganisationQuerySet,
    OrganisationStatus,
    Role,
)
from groundswell.places.permissions import organiser_roots, within_any

_ROLES_ATTR = "_gs_org_roles"


def remember_role(user: Any, org: Organisation, role: str | None) -> None:
    """Keep a role already read (a page that loaded the membership) for role_in."""
    if user.is_authenticated:
        roles: dict[int, str | None] = getattr(user, _ROLES_ATTR, None) or {}
        roles[org.pk] = role
        setattr(user, _ROLES_ATTR, roles)


def role_in(user: Any, org: Organisation) -> str | None:
    """The person's role in the organisation ("owner", "admin", "member"), or None."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or org.pk is None:
        return None
    roles: dict[int, str | None] = getattr(user, _ROLES_ATTR, None) or {}
    if org.pk not in roles:
        role = (
            Membership.objects.filter(organisation=org, user=user)
            .values_list("role", flat=True)
            .first()
        )
        remember_role(user, org, role)
        return role
    return roles[org.pk]


def is_member(user: Any, org: Organisation) -> bool:
    return role_in(user, org) is not None


def is_owner(user: Any, org: Organisation) -> bool:
    return org.is_active and role_in(user, org) == Role.OWNER


def can_manage(user: Any, org: Organisation) -> bool:
    """Change the settings, answer join requests, invite, remove members: owners and admins of
    an active organisation. Site moderators and administrators do not manage organisations."""
    return org.is_active and role_in(user, org) in MANAGING_ROLES


def can_post_as(user: Any, org: Organisation) -> bool:
    """Publish under the organisation's name: its owner and admins, and its members when the
    organisation allows it (settings page)."""
    if not org.is_active:
        return False
    role = role_in(user, org)
    if role in MANAGING_ROLES:
        return True
    return role == Role.MEMBER and org.members_may_post


def orgs_user_can_post_as(user: Any) -> OrganisationQuerySet:
    """The organisations this person may post as, for a "post as" choice (one query)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Organisation.objects.none()
    mine = Membership.objects.filter(user=user).filter(
        Q(role__in=MANAGING_ROLES) | Q(role=Role.MEMBER, organisation__members_may_post=True)
    )
    return Organisation.objects.listed().filter(pk__in=mine.values("organisation_id"))


def can_see_members(user: Any, org: Organisation) -> bool:
    """Who belongs to an organisation can say something about their health (a support group),
    so the list is for the organisation's own members."""
    return org.is_active and is_member(user, org)


def can_ask_to_join(user: Any, org: Organisation) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and org.is_active
        and not is_member(user, org)
    )


def can_follow(user: Any, org: Organisation) -> bool:
    """Follow it to see its posts in Following: anyone but its own members, who see them already
    (the follows registry asks here, for the button and the service alike)."""
    return not is_member(user, org)


def can_verify(user: Any, org: Organisation | None = None) -> bool:
    """Mark an organisation as checked: a moderator (or administrator) on a two-step-verified web
    session, anywhere; an organiser on one, for an organisation serving one of the places they
    look after or a place within one (groundswell.places.permissions). Organisations serving
    only a wider place (a national charity) are for moderators. Without `org`: whether the person
    may verify any organisation at all."""
    if has_staff_powers(user):
        return True
    if not has_organiser_powers(user):
        return False
    roots = organiser_roots(user)
    if not roots:
        return False
    if org is None:
        return True
    return any(within_any(place.path, roots) for place in org.places.all())


def organisations_to_verify_for(user: Any) -> OrganisationQuerySet:
    """The organisations waiting for verification this person may verify (moderators: all)."""
    waiting = Organisation.objects.listed().filter(verified_at__isnull=True)
    if has_staff_powers(user):
        return waiting
    roots = organiser_roots(user) if has_organiser_powers(user) else []
    if not roots:
        return waiting.none()
    scope = Q()
    for root in roots:
        scope |= Q(places__path__startswith=root.path)
    return waiting.filter(pk__in=Organisation.objects.filter(scope).values("pk"))


def can_see_verification_queue(user: Any) -> bool:
    """Who gets "Organisations to verify" in the staff menu: moderators and organisers (the
    page itself checks the session's powers and the places)."""
    return is_moderator(user) or is_organiser(user)


def get_organisation_for_user(user: Any, slug: str) -> Organisation:
    """The organisation at /organisations/<slug>/, or 404. Archived ones are gone for everyone
    but moderators acting as moderators."""
    org = (
        Organisation.objects.select_related("verified_by")
        .prefetch_related("places")
        .filter(slug=slug)
        .first()
    )
    if org is None:
        raise Http404("No such organisation")
    if org.status != OrganisationStatus.ACTIVE and not has_staff_powers(user):
        raise Http404("No such organisation")
    return org
