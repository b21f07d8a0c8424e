"""The demo community's organisations: care homes, a GP practice, an NHS trust, a council team,
a social prescribing service, charities, community and faith groups and a local business, with
the demo members who run them and belong to them. Invented, like the members: any likeness to
a real organisation is chance. Contact addresses use example.org and 01632 (reserved for drama)
numbers.

Written through the organisations services, as the site would: the owner creates it, people ask
to join and an admin says yes, a moderator verifies most of them (with an audit event each).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from groundswell.core.staff import grant_staff_powers
from groundswell.demo.data.schema import (
    ACCESS,
    ACTIVITY,
    AGEING,
    CONNECTION,
    LONG_TERM,
    MENTAL_HEALTH,
)
from groundswell.organisations import services
from groundswell.organisations.models import Membership, Organisation, Role

if TYPE_CHECKING:
    from groundswell.accounts.models import User
    from groundswell.places.models import Place


class Loader(Protocol):
    """What this reads from load_demo's DemoLoader."""

    users: dict[str, User]
    places: dict[str, Place]
    rng: random.Random
    now: datetime

    def say(self, message: str) -> None: ...


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    kind: str
    places: tuple[str, ...]
    description: str
    owner: str
    admins: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    asking: tuple[str, ...] = ()  # join requests still waiting for an answer
    contact_email: str = ""
    contact_phone: str = ""
    website: str = ""
    accessibility: str = ""
    verified: bool = True
    members_may_post: bool = False


ORGANISATIONS = [
    DemoOrganisation(
        name="Alexandra Court Care Home",
        kind="care_home",
        places=("Moss Side",),
        description=(
            "A 40-bed residential home for older people, some living with dementia. Families are "
            "welcome any time that suits the person they're visiting, not just 'visiting hours'.\n\n"
            "We run a Sunday afternoon tea that's open to neighbours too: come and play dominoes."
        ),
        owner="amara",
        members=("grace",),
        contact_email="hello@alexandracourt.example.org",
        contact_phone="0161 496 0123",
        accessibility="Step-free throughout, hearing loop in the lounge, quiet room for visits.",
    ),
    DemoOrganisation(
        name="Cwm Rhondda Residential Home",
        kind="care_home",
        places=("Treorchy",),
        description=(
            "Family-run care home at the top of the valley. Chair-based exercise every weekday "
            "morning with a visiting physio, and a choir on Thursdays that the whole street can hear."
        ),
        owner="rhys",
        members=("bronwen",),
        contact_phone="01443 496 0456",
        accessibility="Ramp at the side entrance. Staff speak Welsh and English.",
    ),
    DemoOrganisation(
        name="Harehills Lane Surgery",
        kind="gp_practice",
        places=("Harehills",),
        description=(
            "GP practice for about 9,000 people in Harehills and Chapeltown. Our patient group "
            "meets every other month and tells us, politely and not, what we get wrong.\n\n"
            "Appointments: ring from 8am, book online, or come to the desk. Interpreters are free; "
            "just ask when you book."
        ),
        owner="dev",
        admins=("yasmin",),
        members=("member",),
        contact_phone="0113 496 0789",
        website="https://harehills-lane.example.org",
        accessibility="Ground-floor consulting rooms, hearing loop at reception, a quiet waiting area on request.",
    ),
    DemoOrganisation(
        name="Thames Gateway Community Health NHS Trust",
        kind="nhs_trust",
        places=("Newham", "Tower Hamlets"),
        description=(
            "Community nursing, health visiting, community midwifery and rehabilitation across "
            "east London. This page is run by our community teams to hear from the people we visit."
        ),
        owner="grace",
        admins=("leah",),
        members=("mo",),
        contact_email="community.voice@thames-gateway.example.org",
        website="https://thames-gateway.example.org",
    ),
    DemoOrganisation(
        name="Manchester Neighbourhood Health Team",
        kind="council",
        places=("Manchester",),
        description=(
            "The city council's neighbourhood health team: we fund small community projects, run "
            "the warm spaces list in winter, and go to listening events to find out what people "
            "actually need before we decide what to pay for."
        ),
        owner="organiser",
        members=("tomasz",),
        asking=("amara", "dylan"),
        contact_email="neighbourhood.health@manchester-council.example.org",
        members_may_post=True,
    ),
    DemoOrganisation(
        name="Ely and Caerau Link Workers",
        kind="social_prescribing",
        places=("Ely", "Grangetown"),
        description=(
            "Social prescribing for anyone registered with a GP in Ely, Caerau or Grangetown. "
            "A link worker sits down with you for an hour and helps you find the thing that "
            "isn't a tablet: a walking group, debt advice, a choir, a benefits check, company.\n\n"
            "Ask your GP, practice nurse or pharmacist to refer you, or refer yourself."
        ),
        owner="hannah",
        members=("gwen",),
        contact_email="links@ely-caerau.example.org",
        contact_phone="029 2049 6012",
        accessibility="We can meet at home, at the library or at the surgery, whichever is easiest.",
    ),
    DemoOrganisation(
        name="Splott Minds Together",
        kind="charity",
        places=("Splott", "Cardiff"),
        description=(
            "A small mental health charity run by people who've been there. Peer support groups "
            "on Monday and Wednesday evenings, a Saturday walk, and a phone line staffed by "
            "volunteers on weekday afternoons."
        ),
        owner="gwen",
        admins=("wren",),
        members=("siobhan",),
        contact_email="hello@splottminds.example.org",
        verified=False,
    ),
    DemoOrganisation(
        name="Knowle West Community Pantry",
        kind="community_group",
        places=("Knowle West",),
        description=(
            "Thursday community pantry at the church hall: £4 for a basket of food worth about £20, "
            "no referral needed. Lunch club on Fridays. We always need volunteers, especially drivers."
        ),
        owner="shirley",
        members=("dylan", "maya"),
        accessibility="Step-free hall, chairs while you wait, and we'll carry your bag to the car.",
    ),
    DemoOrganisation(
        name="Liverpool 8 Community Fridge",
        kind="community_group",
        places=("Toxteth",),
        description=(
            "Surplus food from local shops, free to anyone, no questions asked. Open Tuesday, "
            "Thursday and Saturday. The tenants' group meets upstairs afterwards."
        ),
        owner="kwame",
        admins=("pete",),
        members=("callum",),
        contact_email="fridge@l8.example.org",
    ),
    DemoOrganisation(
        name="Merkinch Men's Shed",
        kind="community_group",
        places=("Merkinch",),
        description=(
            "Tools, tea and company. Mend things, make things, or just come for the chat. "
            "Our walking group leaves from the shed at ten on Saturdays, all paces welcome."
        ),
        owner="iain",
        members=("colin",),
        verified=False,
    ),
    DemoOrganisation(
        name="Handsworth Gurdwara Community Kitchen",
        kind="faith_group",
        places=("Handsworth",),
        description=(
            "Langar is open to everyone, every day, whatever your faith or none. On Wednesdays "
            "after the meal we run chair exercises for elders, and a diabetes chat with a nurse "
            "once a month."
        ),
        owner="harjit",
        members=("priya",),
        accessibility="Lift to the dining hall; chairs and tables for anyone who can't sit on the floor.",
    ),
    DemoOrganisation(
        name="Manningham Community Pharmacy",
        kind="local_business",
        places=("Manningham",),
        description=(
            "Independent pharmacy. Blood pressure checks without an appointment, a private room "
            "for a proper talk about your medicines, and we speak Urdu, Punjabi and English."
        ),
        owner="ali",
        contact_phone="01274 496 0345",
        website="https://manningham-pharmacy.example.org",
    ),
    DemoOrganisation(
        name="Chapeltown Baby Bank",
        kind="charity",
        places=("Chapeltown", "Harehills"),
        description=(
            "Clothes, cots, prams and nappies for families who need them, referred by a midwife, "
            "health visitor or any support worker. The mums' walking group meets here on Mondays."
        ),
        owner="yasmin",
        members=("nicola", "lucy"),
        contact_email="babybank@chapeltown.example.org",
    ),
    DemoOrganisation(
        name="Elswick Men's Circle",
        kind="community_group",
        places=("Elswick",),
        description=(
            "A peer support circle for men on Tuesday nights. No fixing, no advice unless you ask "
            "for it, and what's said in the circle stays there."
        ),
        owner="tunde",
        members=("jamie",),
        verified=False,
    ),
    DemoOrganisation(
        name="Burngreave Walking Football",
        kind="community_group",
        places=("Burngreave", "Sheffield"),
        description=(
            "Football for men and women who haven't kicked a ball in twenty years. No running, "
            "no heading, plenty of shouting. Saturday mornings, free, boots not needed."
        ),
        owner="abdi",
        members=("mo",),
        asking=("member",),
    ),
]


def load_organisations(loader: Loader) -> list[Organisation]:
    """Create the demo organisations for the members `loader` created (one call from load_demo)."""
    users, places, rng, now = loader.users, loader.places, loader.rng, loader.now
    moderator = users["moderator"]
    grant_staff_powers(moderator)  # the demo's moderator has signed in with two steps
    organisations = []
    for demo in ORGANISATIONS:
        owner = users[demo.owner]
        org = services.organisation_create(
            creator=owner,
            data=services.OrganisationInput(
                name=demo.name,
                kind=demo.kind,
                description=demo.description,
                places=[places[name] for name in demo.places],
                contact_email=demo.contact_email,
                contact_phone=demo.contact_phone,
                website=demo.website,
                accessibility=demo.accessibility,
                members_may_post=demo.members_may_post,
            ),
            check_limit=False,
        )
        for key in (*demo.admins, *demo.members):
            request = services.join_request_create(org=org, user=users[key], check_limit=False)
            services.join_request_decide(join_request=request, actor=owner, accept=True)
        for key in demo.admins:
            membership = Membership.objects.get(organisation=org, user=users[key])
            services.membership_set_role(
                org=org, actor=owner, membership=membership, role=Role.ADMIN
            )
        for key in demo.asking:
            services.join_request_create(
                org=org,
                user=users[key],
                message="I've been coming along for a while and would like to help.",
                check_limit=False,
            )
        if demo.verified:
            services.organisation_verify(org=org, actor=moderator)
        created = now - timedelta(days=rng.randint(60, 170))
        Organisation.objects.filter(pk=org.pk).update(created_at=created)
        for membership in Membership.objects.filter(organisation=org):
            joined = created + timedelta(days=rng.randint(0, 50), minutes=rng.randint(0, 1440))
            Membership.objects.filter(pk=membership.pk).update(
                joined_at=created if membership.role == Role.OWNER else joined
            )
        organisations.append(org)
    verified = sum(demo.verified for demo in ORGANISATIONS)
    loader.say(f"Organisations: {len(organisations)} created, {verified} verified by a moderator.")
    return organisations


@dataclass(frozen=True)
class DemoOrgPost:
    """Something an organisation posted, by a member with a role in it."""

    organisation: str
    poster: str
    kind: str  # "update", "resource" or "story"
    title: str
    body: str
    topics: tuple[str, ...]
    days_ago: int


ORG_POSTS = [
    DemoOrgPost(
        "Alexandra Court Care Home",
        "amara",
        "update",
        "Sunday tea is back, and the dominoes are out",
        "From this Sunday, 2pm to 4pm, our lounge is open to neighbours again. Residents asked "
        "for it. Bring a friend, or come on your own and we'll introduce you. Step-free entrance "
        "from Raby Street.",
        (CONNECTION, AGEING),
        3,
    ),
    DemoOrgPost(
        "Harehills Lane Surgery",
        "yasmin",
        "resource",
        "How to ask for a longer appointment",
        "If you have more than one thing to talk about, or you need an interpreter, you can ask "
        "for a double appointment when you book. Tell the receptionist 'I need a longer "
        "appointment' - you don't have to say why. Interpreters are free, in person or by phone.",
        (ACCESS,),
        9,
    ),
    DemoOrgPost(
        "Ely and Caerau Link Workers",
        "hannah",
        "update",
        "New: a walk-and-talk group on Thursday mornings",
        "Our link workers now meet people for a gentle walk around Ely Park, Thursdays at 10. "
        "No referral needed: just turn up at the café. We can talk about money worries, "
        "loneliness, or anything else on your mind.",
        (ACTIVITY, MENTAL_HEALTH),
        5,
    ),
    DemoOrgPost(
        "Thames Gateway Community Health NHS Trust",
        "leah",
        "update",
        "Tell us about waiting for community physio",
        "We are redesigning how people wait for community physiotherapy. We want to hear what "
        "waiting has been like for you or someone you care for: what helped, what didn't. "
        "Share your story here, under your name or not, and we will report back on what we change.",
        (ACCESS, LONG_TERM),
        12,
    ),
    DemoOrgPost(
        "Splott Minds Together",
        "wren",
        "resource",
        "Our peer support group guide (free to copy)",
        "Everything we've learned running a peer support group for four years: finding a room, "
        "ground rules people actually keep, what to do if someone is in crisis, and how to look "
        "after the people who run it. Use it, change it, share it.",
        (MENTAL_HEALTH, CONNECTION),
        20,
    ),
]


def load_org_posts(loader: Loader, organisations: list[Organisation]) -> int:
    """Posts made *as* the organisations by their owners and admins, through the stories
    services (the same checks as the site's form: only people who may post for one can)."""
    from groundswell.stories import services as story_services
    from groundswell.stories.models import Identity, Story, StoryConsent
    from groundswell.topics.models import Topic

    by_name = {org.name: org for org in organisations}
    topics = {t.slug: t for t in Topic.objects.all()}
    posted = 0
    for demo in ORG_POSTS:
        # A fresh copy: the loader's was asked its roles before it joined (permissions.role_in
        # keeps them for the life of the object, as for one request).
        author = type(loader.users[demo.poster]).objects.get(pk=loader.users[demo.poster].pk)
        story = story_services.story_save_draft(
            author=author,
            data=story_services.StoryInput(
                kind=demo.kind,
                title=demo.title,
                body=demo.body,
                topics=[topics[slug] for slug in demo.topics if slug in topics],
                identity=Identity.ORGANISATION,
                organisation=by_name[demo.organisation],
            ),
        )
        story_services.story_publish(story=story, actor=author, consented=True)
        when = loader.now - timedelta(days=demo.days_ago, hours=loader.rng.randint(1, 9))
        Story.objects.filter(pk=story.pk).update(published_at=when, created_at=when)
        StoryConsent.objects.filter(story=story).update(created_at=when)
        posted += 1
    loader.say(f"Organisation posts: {posted}, posted by their owners and admins.")
    return posted
