"""What the introductions app tells people (groundswell.notifications). Types are registered
from receivers.connect().

- Each side is told of a new introduction ("introduction_received"), named by the introducer.
  For an organisation, each of its owners and admins.
- When both accept, all three are told it went ahead ("introduction_connected").
- When it won't go ahead, the introducer and the side that did not decline are told exactly
  that ("introduction_closed"), with no actor: nothing in the notification, its email or the
  API says who declined or why. The side that declined is not told its own news.

Lines never quote the introducer's note (it can be about someone's health).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from groundswell.notifications import registry, services
from groundswell.notifications.models import EmailDelivery

RECEIVED = "introduction_received"
CONNECTED = "introduction_connected"
CLOSED = "introduction_closed"


def register_types() -> None:
    registry.register_type(
        RECEIVED,
        label=_("Introductions"),
        description=_(
            "Someone you know wants to introduce you, or an organisation you run, to someone."
        ),
        default_delivery=EmailDelivery.DAILY,
        summary=_("{actor} wants to introduce you to someone"),
    )
    registry.register_type(
        CONNECTED,
        label=_("Introductions that went ahead"),
        description=_("Both sides accepted an introduction you are part of."),
        default_delivery=EmailDelivery.DAILY,
        summary=_("An introduction went ahead"),
    )
    registry.register_type(
        CLOSED,
        label=_("Introductions that won't go ahead"),
        description=_(
            "An introduction you are part of won't go ahead. We never say who declined or why."
        ),
        default_delivery=EmailDelivery.WEEKLY,
        summary=_("An introduction won't go ahead"),
    )


def _url(intro_id: int) -> str:
    return reverse("introductions:detail", args=[intro_id])


def side_b_people(intro: Any) -> list[Any]:
    """Who answers for side B: the person, or the organisation's owners and admins."""
    if intro.person_b is not None:
        return [intro.person_b]
    if intro.organisation is None or not intro.organisation.is_active:
        return []
    from groundswell.organisations.models import MANAGING_ROLES, Membership

    return [
        m.user
        for m in Membership.objects.filter(
            organisation=intro.organisation, role__in=MANAGING_ROLES
        ).select_related("user")
    ]


def _load(intro_id: int) -> Any:
    from groundswell.introductions.models import Introduction

    return (
        Introduction.objects.select_related("introducer", "person_a", "person_b", "organisation")
        .filter(pk=intro_id)
        .first()
    )


def introduction_made(intro_id: int) -> None:
    """After the introduction is committed: tell both sides."""
    intro = _load(intro_id)
    if intro is None or intro.introducer is None:
        return
    introducer = intro.introducer
    for person in [intro.person_a, *side_b_people(intro)]:
        if person is None:
            continue
        services.notify(
            person,
            RECEIVED,
            actor=introducer,
            actor_label=introducer.public_name,
            url=_url(intro.pk),
            # Stored with the notification, so in the language of the moment it is sent.
            label=str(_("Their introduction")),
            dedupe_key=f"{RECEIVED}:{intro.pk}:{person.pk}",
        )


def introduction_connected(intro_id: int) -> None:
    """After both accepted: tell all three."""
    intro = _load(intro_id)
    if intro is None:
        return
    for person in [intro.introducer, intro.person_a, *side_b_people(intro)]:
        if person is None:
            continue
        services.notify(
            person,
            CONNECTED,
            url=_url(intro.pk),
            label=str(_("The introduction")),
            dedupe_key=f"{CONNECTED}:{intro.pk}:{person.pk}",
        )


def introduction_closed(intro_id: int, recipient_ids: Iterable[int]) -> None:
    """After it closed without going ahead: tell the people given (never the side that
    declined), with no actor."""
    from groundswell.accounts.models import User

    wanted = set(recipient_ids)
    if not wanted:
        return
    for person in User.objects.filter(pk__in=wanted, is_active=True).order_by("pk"):
        services.notify(
            person,
            CLOSED,
            url=_url(intro_id),
            label=str(_("The introduction")),
            dedupe_key=f"{CLOSED}:{intro_id}:{person.pk}",
        )
