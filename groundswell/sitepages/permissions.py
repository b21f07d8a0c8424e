"""Who may change the site's own pages, name, logo and colours. Plain predicates."""

from __future__ import annotations

from typing import Any

from groundswell.accounts.models import SiteRole
from groundswell.core.staff import has_staff_powers


def is_site_admin(user: Any) -> bool:
    """Holds the administrator role (or is a Django superuser)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.site_role == SiteRole.ADMIN or user.is_superuser)
    )


def can_manage_site(user: Any) -> bool:
    """An administrator on a session that passed two-step sign-in (core.staff grants the powers
    per request): the staff screens' rule and the menu's."""
    return is_site_admin(user) and has_staff_powers(user)
