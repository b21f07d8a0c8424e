"""What the collaboration app tells people (groundswell.notifications), registered from
CollaborationConfig.ready(). The author of a pseudonymous or anonymous resource is named only by
its byline (services._actor)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from groundswell.notifications import registry, services
from groundswell.notifications.models import EmailDelivery

COAUTHOR_INVITE = "coauthor_invite"
SUGGESTION_RECEIVED = "resource_suggestion"
SUGGESTION_ACCEPTED = "resource_suggestion_accepted"
SUGGESTION_DECLINED = "resource_suggestion_declined"


def register_types() -> None:
    registry.register_type(
        COAUTHOR_INVITE,
        label=_("Invitations to co-author"),
        description=_("Someone invites you, or an organisation you run, to co-author a resource."),
        default_delivery=EmailDelivery.IMMEDIATE,
        summary=_("{actor} invited you to co-author a resource"),
    )
    registry.register_type(
        SUGGESTION_RECEIVED,
        label=_("Suggested edits to your resources"),
        description=_("Someone suggests an edit to a resource you shared."),
        default_delivery=EmailDelivery.DAILY,
        summary=_("{actor} suggested an edit to your resource"),
    )
    registry.register_type(
        SUGGESTION_ACCEPTED,
        label=_("Your suggested edits accepted"),
        description=_("The authors of a resource accept an edit you suggested."),
        default_delivery=EmailDelivery.DAILY,
        summary=_("{actor} accepted your suggested edit"),
    )
    registry.register_type(
        SUGGESTION_DECLINED,
        label=_("Your suggested edits declined"),
        description=_("The authors of a resource decline an edit you suggested."),
        default_delivery=EmailDelivery.DAILY,
        summary=_("{actor} declined your suggested edit"),
    )


def organisation_managers(organisation: Any) -> list[Any]:
    """The owners and admins who answer for an organisation."""
    from groundswell.organisations.models import Membership
    from groundswell.organisations.permissions import MANAGING_ROLES

    return [
        m.user
        for m in Membership.objects.filter(
            organisation=organisation, role__in=MANAGING_ROLES
        ).select_related("user")
    ]


def tell(
    recipients: Iterable[Any], type_key: str, *, actor: Any, label: str, url: str, about: str
) -> None:
    for recipient in recipients:
        services.notify(recipient, type_key, actor=actor, actor_label=label, url=url, label=about)
