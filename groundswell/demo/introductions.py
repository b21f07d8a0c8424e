"""Demo introductions, made through the site's services: one that went ahead (both accepted, so
the two are connected with a conversation), one waiting for the demo member's answer, one that
won't go ahead (declined), and one introducing a member to an organisation, waiting."""

from __future__ import annotations

from collections.abc import Callable

from groundswell.accounts.models import User
from groundswell.follows.selectors import are_connected
from groundswell.follows.services import connection_make
from groundswell.introductions import services
from groundswell.introductions.models import Introduction
from groundswell.organisations.models import Organisation
from groundswell.organisations.permissions import can_manage
from groundswell.places.models import Place
from groundswell.topics.models import Topic


def _introduce(introducer: User, first: User, second: User, note: str) -> Introduction:
    # An introducer knows both: they are connected with each (the site's rule).
    connection_make(user=introducer, other=first)
    connection_make(user=introducer, other=second)
    return services.introduction_create(
        introducer=introducer, person=first, other_person=second, note=note
    )


def load_introductions(
    *,
    users: dict[str, User],
    places: dict[str, Place],
    topics: dict[str, Topic],
    organisations: list[Organisation],
    say: Callable[[str], None],
) -> None:
    """Four introductions among the demo members; nothing when some of them are missing or
    introductions were already loaded."""
    wanted = ("member", "amara", "dev", "gwen", "tomasz", "shirley", "callum")
    if any(key not in users for key in wanted):
        say("Introductions: skipped (demo members missing).")
        return
    people = [users[key] for key in wanted]
    if Introduction.objects.filter(introducer__in=people).exists():
        say("Introductions: already loaded.")
        return
    me, amara, dev, gwen, tomasz, shirley, callum = people

    went_ahead = _introduce(
        me,
        amara,
        dev,
        "Amara, Dev runs the Thursday carers' coffee morning I told you about. Dev, Amara has "
        "just started caring for her mum and would love to know what helped you.",
    )
    services.introduction_answer(introduction=went_ahead, user=amara, accept=True)
    services.introduction_answer(introduction=went_ahead, user=dev, accept=True)

    _introduce(
        amara,
        me,
        gwen,
        "Gwen has been through the same pain clinic waiting list and found a few things that "
        "made the wait easier. I think you two would get on.",
    )

    # The demo's follows connect some members already: introduce two who are not.
    walker = next((u for u in (shirley, gwen, dev, callum) if not are_connected(tomasz, u)), None)
    if walker is None:
        say("Introductions: skipped (every candidate is already connected).")
        return
    declined = _introduce(
        me,
        tomasz,
        walker,
        "You both mentioned wanting a walking buddy for the canal path on weekday mornings.",
    )
    services.introduction_answer(introduction=declined, user=walker, accept=False)

    made = 3
    org = next((o for o in organisations if o.is_active and not can_manage(callum, o)), None)
    if org is not None and not can_manage(me, org):
        connection_make(user=me, other=callum)
        services.introduction_create(
            introducer=me,
            person=callum,
            organisation=org,
            note=f"Callum is looking for volunteering close to home, and {org.name} came to mind.",
        )
        made += 1
    say(f"Introductions: {made} made (one went ahead, one declined, the rest waiting).")
