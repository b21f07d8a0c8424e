"""Who may see safeguarding alerts. Plain predicates, testable without HTTP."""

from __future__ import annotations

from typing import Any

from groundswell.core.staff import has_staff_powers


def can_handle_alerts(user: Any) -> bool:
    """Moderators and administrators with a two-step-verified session: the alerts show what
    people wrote in a crisis, hidden posts included."""
    return has_staff_powers(user)


def can_manage_helpline(user: Any, line: Any) -> bool:
    """National help lines are for administrators; one for a place is for whoever looks after
    that place (groundswell.places.permissions: administrators, or its organisers)."""
    from groundswell.places.permissions import can_manage_place

    return can_manage_place(user, line.place if line.place_id else None)


def can_manage_helplines(user: Any) -> bool:
    """Whether the help lines screen has anything this person may change."""
    from groundswell.places.permissions import can_manage_any_place

    return can_manage_any_place(user)
