"""The demo organiser's work (issue 13): the places they look after in south Manchester, a local
group there waiting for verification, and a local help line for the area.

Called once from load_demo, after the demo organisations (groundswell/demo/organisations.py):

    load_organiser_work(organiser=users["organiser"], places=places_by_name,
                        owner=users["<member key>"], admin=users["admin"], say=self.say)

Written through the services as the site would: the administrator gives the organiser their
places (audited, and the organiser is told), a member creates the group's page, the organiser
adds the help line. Invented, like the rest of the demo: contact numbers use 01632 (reserved for
drama) and addresses example.org.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from groundswell.accounts.models import User
from groundswell.core.staff import grant_staff_powers
from groundswell.organisations import services as organisation_services
from groundswell.organisations.models import Organisation
from groundswell.places import services as place_services
from groundswell.places.models import Place
from groundswell.safeguarding import services as safeguarding_services
from groundswell.safeguarding.models import Helpline

# The demo organiser (Ruth Adebayo) lives in Levenshulme and works across south Manchester.
SOUTH_MANCHESTER = ("Levenshulme", "Wythenshawe", "Moss Side", "Hulme")

WAITING_NAME = "Wythenshawe Community Pantry"
WAITING_DESCRIPTION = (
    "A pay-as-you-can food pantry and Thursday lunch club at St Francis church hall, run by "
    "volunteers from the estate since 2021. Members pay £4 a week for a shop worth about £20; "
    "the lunch club is free, and a benefits adviser and a health trainer come once a month.\n\n"
    "Asking to be verified: we are a constituted community group (constitution adopted at our "
    "open meeting in March 2022, committee of five elected each spring). Our accounts are "
    "signed off by the Wythenshawe Community Partnership, who know us well and will vouch for "
    "us, and our food comes through the Greater Manchester food network. Our chair, Denise, "
    "is happy to take a call on the pantry number any weekday morning."
)
HELPLINE_NAME = "Wythenshawe Safe Haven"
HELPLINE_CONTACT = "Call 01632 960 441, or walk in at the Forum Centre, 6pm to 11pm every evening"
HELPLINE_DESCRIPTION = (
    "A calm place to go instead of A&E when things feel too much, with mental health workers "
    "and peer supporters. No appointment or referral needed. For anyone in Wythenshawe and nearby."
)


@dataclass(frozen=True)
class OrganiserWork:
    places: list[Place]
    waiting: Organisation
    helpline: Helpline


def load_organiser_work(
    *,
    organiser: User,
    places: Mapping[str, Place],
    owner: User,
    admin: User,
    say: Callable[[str], None] = lambda message: None,
) -> OrganiserWork:
    """Give `organiser` the south Manchester places, have `owner` create a local group waiting
    for verification there, and add a local help line for the area."""
    grant_staff_powers(admin)  # the demo's administrator has signed in with two steps
    grant_staff_powers(organiser)  # and so has the organiser
    mine = [places[name] for name in SOUTH_MANCHESTER]
    place_services.organiser_places_set(user=organiser, places=mine, actor=admin)
    waiting = organisation_services.organisation_create(
        creator=owner,
        data=organisation_services.OrganisationInput(
            name=WAITING_NAME,
            kind="community_group",
            description=WAITING_DESCRIPTION,
            places=[places["Wythenshawe"]],
            contact_email="pantry@wythenshawe-pantry.example.org",
            contact_phone="01632 960 318",
            website="https://wythenshawe-pantry.example.org",
            accessibility=(
                "Step-free from the car park, an accessible toilet, and chairs while you wait."
            ),
        ),
        check_limit=False,
    )
    helpline = safeguarding_services.helpline_save(
        line=None,
        data={
            "name": HELPLINE_NAME,
            "contact": HELPLINE_CONTACT,
            "description": HELPLINE_DESCRIPTION,
            "place": places["Wythenshawe"],
            "order": 60,
            "is_active": True,
        },
        actor=organiser,
    )
    say(
        f"Organiser: {organiser.email} looks after {', '.join(SOUTH_MANCHESTER)}; "
        f"{WAITING_NAME} waits for verification; help line {HELPLINE_NAME} added."
    )
    return OrganiserWork(places=mine, waiting=waiting, helpline=helpline)
