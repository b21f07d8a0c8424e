"""Who may follow, connect with, block and see whom. Plain predicates, testable without HTTP."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from groundswell.accounts.models import User
from groundswell.follows import selectors
from groundswell.follows.models import WhoCanFollow, WhoCanSee
from groundswell.stories.permissions import has_verified_email


def can_follow_person(viewer: Any, person: User) -> bool:
    """Signed in, not themselves, no block either way, and the person's own choice."""
    if not viewer.is_authenticated or viewer.pk == person.pk or not person.is_active:
        return False
    if selectors.is_blocked(viewer, person):
        return False
    choice = selectors.settings_for(person).who_can_follow
    if choice == WhoCanFollow.MEMBERS:
        return True
    if choice == WhoCanFollow.CONNECTIONS:
        return selectors.are_connected(viewer, person)
    return False


def can_request_connection(viewer: Any, person: User) -> bool:
    """Signed in with a verified email address (requests reach someone else), not themselves,
    and no block either way."""
    if not viewer.is_authenticated or viewer.pk == person.pk or not person.is_active:
        return False
    if not has_verified_email(viewer):
        return False
    return not selectors.is_blocked(viewer, person)


def can_see_network(viewer: Any, person: User) -> bool:
    """Whether `viewer` may see `person`'s connections and how many people follow them (the
    person's choice). Who the followers are is shown to the person alone (follows.views)."""
    if not viewer.is_authenticated:
        return False
    if viewer.pk == person.pk:
        return True
    if selectors.is_blocked(viewer, person):
        return False
    choice = selectors.settings_for(person).connections_visible_to
    if choice == WhoCanSee.MEMBERS:
        return True
    if choice == WhoCanSee.CONNECTIONS:
        return selectors.are_connected(viewer, person)
    return False


def get_person_for_user(viewer: Any, handle: str) -> User:
    """The member whose profile `viewer` may see (accounts.permissions.get_profile_for_user:
    404 for no such member, one who shows them nothing, or one who blocked them)."""
    from groundswell.accounts.permissions import get_profile_for_user

    return get_profile_for_user(viewer, handle).user


def get_member_by_handle(viewer: Any, handle: str) -> User:
    """Any active member but the viewer, by handle, or 404: blocking and unblocking must work
    on someone whose profile shows nothing (a message can come from a bare account)."""
    person = User.objects.filter(handle=handle, is_active=True).first()
    if person is None or person.pk == viewer.pk:
        raise Http404("No such member")
    return person
