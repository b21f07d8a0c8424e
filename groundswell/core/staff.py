"""Staff powers: what a moderator may do beyond a member, and on which requests.

Holding the moderator role is not enough to read stories and comments that moderators hid, or
to look behind a pseudonym. Those are staff powers, and a moderator has them only on a web
request whose session passed two-step sign-in: groundswell.moderation's StaffMFAMiddleware
grants them per request. Nothing else does, so a moderator's API token never carries them, and
the API drops them from a browser session reading through it (api/auth.py): there a moderator
sees what any member sees.

The predicates live here so that stories (and every later kind of content) can ask without
importing moderation, which builds on them.
"""

from __future__ import annotations

from typing import Any

_POWERS_ATTR = "_gs_staff_powers"


def is_moderator(user: Any) -> bool:
    """Holds the moderator or administrator role (the Django superuser flag counts too)."""
    return bool(user.is_authenticated and user.is_active and getattr(user, "is_moderator", False))


def grant_staff_powers(user: Any) -> None:
    """For this request's user object only. Called by StaffMFAMiddleware, and only after it has
    checked that the session passed two-step sign-in."""
    setattr(user, _POWERS_ATTR, True)


def drop_staff_powers(user: Any) -> None:
    """The rest of this request is served as to a member (the API's browser-session reads)."""
    if user.is_authenticated:
        setattr(user, _POWERS_ATTR, False)


def has_staff_powers(user: Any) -> bool:
    """A moderator acting through a two-step-verified web session on this request: the one
    test for seeing hidden content and for the audited reveal of an author."""
    return is_moderator(user) and getattr(user, _POWERS_ATTR, False) is True


def is_administrator(user: Any) -> bool:
    """Holds the administrator role (the Django superuser flag counts too)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and (getattr(user, "site_role", "") == "admin" or user.is_superuser)
    )


def has_admin_powers(user: Any) -> bool:
    """An administrator on a two-step-verified web session on this request: the test for the
    administrators' staff screens (topics, places everywhere, national help lines, roles)."""
    return is_administrator(user) and getattr(user, _POWERS_ATTR, False) is True


def is_organiser(user: Any) -> bool:
    """Holds the organiser role (administrators count too: User.is_organiser). Which places an
    organiser looks after is groundswell.places.permissions' rule, not this one."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "is_organiser", False)
    )


def has_organiser_powers(user: Any) -> bool:
    """An organiser acting through a two-step-verified web session on this request: needed for
    every organiser staff screen. The same per-request attribute as has_staff_powers, granted by
    StaffMFAMiddleware; has_staff_powers itself stays for moderators (hidden content, reveals)."""
    return is_organiser(user) and getattr(user, _POWERS_ATTR, False) is True
