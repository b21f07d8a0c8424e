"""What the members and roles screen tells people (groundswell.notifications), connected from
AccountsConfig.ready() with `notifying.connect()`:

- "site_role_changed": an administrator changed your role on the site. The administrator is not
  named (the audit log records who it was); the site speaks.
- "organiser_places_changed": an administrator changed the places you look after as an organiser.
"""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from groundswell.accounts import signals
from groundswell.accounts.models import SiteRole, User
from groundswell.notifications import registry, services
from groundswell.notifications.models import EmailDelivery
from groundswell.places import signals as place_signals

ROLE_CHANGED = "site_role_changed"
PLACES_CHANGED = "organiser_places_changed"


def register_types() -> None:
    registry.register_type(
        ROLE_CHANGED,
        label=str(_("Your role on the site")),
        description=str(
            _(
                "An administrator makes you an organiser, moderator or administrator, or a member again."
            )
        ),
        default_delivery=EmailDelivery.IMMEDIATE,
        summary=str(_("Your role on the site changed")),
    )
    registry.register_type(
        PLACES_CHANGED,
        label=str(_("The places you look after")),
        description=str(_("An administrator changes the places you look after as an organiser.")),
        default_delivery=EmailDelivery.IMMEDIATE,
        summary=str(_("The places you look after changed")),
    )


# Where each role starts its staff work.
_START = {
    SiteRole.ORGANISER: "staff_places:list",
    SiteRole.MODERATOR: "moderation:queue",
    SiteRole.ADMIN: "staff_members:list",
}


def _start_page(role: str) -> str:
    try:
        return reverse(_START[SiteRole(role)])
    except (KeyError, NoReverseMatch):  # a member, or staff pages this site doesn't include
        return "/"


def role_changed(sender: Any, user: User, actor: Any, old: str, new: str, **kwargs: Any) -> None:
    role = str(SiteRole(new).label)
    if new == SiteRole.MEMBER:
        label = gettext("You are a member again, without a staff role")
    else:
        label = gettext("You are now: %(role)s. Staff pages need two-step sign-in.") % {
            "role": role
        }
    services.notify(
        user,
        ROLE_CHANGED,
        url=_start_page(new),
        label=label,
    )


def places_changed(
    sender: Any, user: User, actor: Any, place_names: list[str], **kwargs: Any
) -> None:
    if place_names:
        label = gettext("You look after: %(places)s") % {"places": ", ".join(place_names)}
    else:
        label = gettext("You no longer look after any places")
    services.notify(user, PLACES_CHANGED, url=_start_page(SiteRole.ORGANISER), label=label)


def connect() -> None:
    register_types()
    signals.site_role_changed.connect(role_changed, dispatch_uid="accounts_site_role_changed")
    place_signals.organiser_places_changed.connect(
        places_changed, dispatch_uid="accounts_organiser_places_changed"
    )
