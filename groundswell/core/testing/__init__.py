"""Helpers shared by the apps' tests."""

from __future__ import annotations


def staff_menu_queries(user: object) -> int:
    """How many queries the staff menu costs `user` on a staff page: one per screen they may
    open that counts its waiting work (core.staffscreens). Query budgets of staff pages add this,
    so a newly registered screen does not break them, while a page whose own queries grow with
    its rows still does."""
    import copy

    from groundswell.core.staff import grant_staff_powers
    from groundswell.core.staffscreens import staff_screens_for

    # As the page sees them: staff powers come with the request's two-step-verified session.
    viewer = copy.copy(user)
    grant_staff_powers(viewer)
    return sum(1 for screen in staff_screens_for(viewer) if screen.count is not None)
