"""Who may see safeguarding alerts. Plain predicates, testable without HTTP."""

from __future__ import annotations

from typing import Any

from groundswell.core.staff import has_staff_powers


def can_handle_alerts(user: Any) -> bool:
    """Moderators and administrators with a two-step-verified session: the alerts show what
    people wrote in a crisis, hidden posts included."""
    return has_staff_powers(user)
