"""The demo's offers and needs (groundswell/offers): about 25 offers and 15 needs across the demo
places and topics, written through the offers services as members would. Some needs have
replies and are matched, one is done with a thank-you its helper chose to show, and one has
waited long enough to be shown to organisers as a need waiting for help.

Called once from load_demo: `load_offers(users=..., places=..., topics=..., organisations=...,
say=...)`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import NamedTuple

from django.utils import timezone

from groundswell.accounts.models import User
from groundswell.demo.data.schema import (
    ACCESS,
    ACTIVITY,
    AGEING,
    CARING,
    CONNECTION,
    DISABILITY,
    FOOD,
    LONG_TERM,
    MATERNITY,
    MENTAL_HEALTH,
)
from groundswell.offers import matching, services
from groundswell.offers.models import Offer
from groundswell.organisations.models import Organisation
from groundswell.places.models import Place
from groundswell.topics.models import Topic

MON, TUE, WED, THU, FRI, SAT, SUN = (1 << i for i in range(7))
WEEKDAYS = MON | TUE | WED | THU | FRI
MORNING, AFTERNOON, EVENING = 1, 2, 4


class DemoPost(NamedTuple):
    author: str
    side: str
    category: str
    title: str
    body: str
    place: str
    topics: tuple[str, ...]
    days: int = 0
    times: int = 0
    reach: str = "in_person"
    travel_km: int | None = 5
    audience: str = "members"
    organisation: str = ""
    days_ago: int = 2


OFFERS = [
    DemoPost(
        "tomasz",
        "offer",
        "company",
        "Walking buddy for gentle walks",
        "I walk round Levenshulme most mornings and would love company. Slow pace is fine.",
        "Levenshulme",
        (ACTIVITY, CONNECTION),
        WEEKDAYS,
        MORNING,
        travel_km=3,
    ),
    DemoPost(
        "shirley",
        "offer",
        "skills",
        "Batch cooking lessons in my kitchen",
        "I can show you how to cook a week of cheap, healthy meals in an afternoon.",
        "Knowle West",
        (FOOD,),
        WED | SAT,
        AFTERNOON,
        travel_km=2,
        audience="public",
    ),
    DemoPost(
        "marjorie",
        "offer",
        "company",
        "A cuppa and a chat on the phone",
        "Retired teacher, happy to ring someone for a natter once a week.",
        "Stornoway",
        (CONNECTION, AGEING),
        0,
        AFTERNOON,
        reach="online",
        travel_km=None,
    ),
    DemoPost(
        "rhys",
        "offer",
        "lifts",
        "Lifts to appointments in the valley",
        "I have a car with room for a wheelchair. Royal Glamorgan or Prince Charles.",
        "Treorchy",
        (ACCESS, LONG_TERM),
        WEEKDAYS,
        MORNING | AFTERNOON,
        travel_km=30,
    ),
    DemoPost(
        "dev",
        "offer",
        "knowledge",
        "Help filling in PIP and blue badge forms",
        "I've done my own and helped friends. Happy to sit with you and go through them.",
        "Harehills",
        (ACCESS, DISABILITY),
        TUE | THU,
        EVENING,
        reach="either",
        travel_km=5,
    ),
    DemoPost(
        "amara",
        "offer",
        "lived_experience",
        "Talk to someone who has cared for a parent",
        "I cared for my mum for six years. If you're new to it, I'm happy to listen.",
        "Moss Side",
        (CARING, MENTAL_HEALTH),
        0,
        EVENING,
        reach="either",
        travel_km=5,
    ),
    DemoPost(
        "gwen",
        "offer",
        "space",
        "A quiet room on Thursday afternoons",
        "Our community flat has a quiet room free for a support group or a quiet hour.",
        "Splott",
        (MENTAL_HEALTH,),
        THU,
        AFTERNOON,
        travel_km=0,
        audience="public",
    ),
    DemoPost(
        "callum",
        "offer",
        "skills",
        "Basic bike repairs",
        "Punctures, brakes and chains. Get back on your bike for free.",
        "Govan",
        (ACTIVITY,),
        SAT,
        MORNING,
        travel_km=3,
        audience="public",
    ),
    DemoPost(
        "fatima",
        "offer",
        "time",
        "Sit with someone so their carer can have a break",
        "A couple of hours on a weekday so you can get out. I've done it for my aunt.",
        "Whitechapel",
        (CARING, AGEING),
        WEEKDAYS,
        AFTERNOON,
        travel_km=4,
    ),
    DemoPost(
        "kwame",
        "offer",
        "equipment",
        "Spare slow cooker and blender",
        "Both work fine. Free to anyone who'll use them.",
        "Toxteth",
        (FOOD,),
        0,
        0,
        travel_km=5,
    ),
    DemoPost(
        "siobhan",
        "offer",
        "lived_experience",
        "New mums: I've been there with PND",
        "Happy to meet for a coffee with the pram, or talk on the phone.",
        "Leeds",
        (MATERNITY, MENTAL_HEALTH),
        WEEKDAYS,
        MORNING,
        reach="either",
        travel_km=8,
    ),
    DemoPost(
        "priya",
        "offer",
        "knowledge",
        "Explaining diabetes letters and results",
        "I'm a retired practice nurse. I can help you make sense of your results.",
        "Leeds",
        (LONG_TERM,),
        0,
        EVENING,
        reach="online",
        travel_km=None,
    ),
    DemoPost(
        "jamie",
        "offer",
        "company",
        "Football kickabout for beginners",
        "Sunday mornings in the park. All ages, no skill needed.",
        "Levenshulme",
        (ACTIVITY, CONNECTION),
        SUN,
        MORNING,
        travel_km=2,
        audience="public",
    ),
    DemoPost(
        "leah",
        "offer",
        "skills",
        "Chair yoga in the community centre",
        "Gentle, seated, for anyone with stiff joints or low energy.",
        "Moss Side",
        (ACTIVITY, LONG_TERM),
        WED,
        MORNING,
        travel_km=0,
    ),
    DemoPost(
        "abdi",
        "offer",
        "lifts",
        "Lifts to the food bank on Fridays",
        "I drive there anyway. Room for two and their bags.",
        "Levenshulme",
        (FOOD, ACCESS),
        FRI,
        MORNING,
        travel_km=6,
    ),
    DemoPost(
        "eileen",
        "offer",
        "company",
        "Knit and natter company",
        "Come and knit with me, or just chat. I'll put the kettle on.",
        "Knowle West",
        (CONNECTION, AGEING),
        TUE,
        AFTERNOON,
        travel_km=2,
    ),
    DemoPost(
        "sam",
        "offer",
        "knowledge",
        "Help using the NHS app",
        "Booking appointments, repeat prescriptions, seeing your record.",
        "Harehills",
        (ACCESS,),
        SAT,
        MORNING | AFTERNOON,
        reach="either",
        travel_km=4,
    ),
    DemoPost(
        "bronwen",
        "offer",
        "skills",
        "Welsh-language befriending calls",
        "Galwadau ffôn yn Gymraeg i bobl unig. Welsh speakers especially welcome.",
        "Caernarfon",
        (CONNECTION,),
        0,
        0,
        reach="online",
        travel_km=None,
    ),
    DemoPost(
        "ali",
        "offer",
        "time",
        "Shopping for people who are shielding",
        "I do a big shop on Saturdays and can pick things up for you.",
        "Sparkbrook",
        (ACCESS, LONG_TERM),
        SAT,
        MORNING,
        travel_km=3,
    ),
    DemoPost(
        "nicola",
        "offer",
        "space",
        "Garden allotment plot to share",
        "Half my plot is free. Grow your own veg, with help if you want it.",
        "Easton",
        (FOOD, ACTIVITY),
        0,
        0,
        travel_km=3,
    ),
    DemoPost(
        "pete",
        "offer",
        "lived_experience",
        "Living with COPD: what helped me",
        "Happy to talk pacing, inhalers and getting out again.",
        "Byker",
        (LONG_TERM,),
        0,
        AFTERNOON,
        reach="either",
        travel_km=5,
    ),
    DemoPost(
        "maya",
        "offer",
        "company",
        "Company at hospital appointments",
        "I can sit with you in the waiting room and help you remember what was said.",
        "Levenshulme",
        (ACCESS, CARING),
        WEEKDAYS,
        MORNING | AFTERNOON,
        travel_km=10,
    ),
    DemoPost(
        "grace",
        "offer",
        "knowledge",
        "Benefits advice drop-in",
        "Our link workers can help with forms and appeals.",
        "Poplar",
        (ACCESS,),
        MON | WED,
        MORNING,
        travel_km=5,
    ),
    DemoPost(
        "iain",
        "offer",
        "skills",
        "Woodwork at the shed",
        "Come and make something. Tools and tea provided.",
        "Merkinch",
        (CONNECTION, MENTAL_HEALTH),
        TUE | THU,
        AFTERNOON,
        travel_km=5,
    ),
    DemoPost(
        "rosa",
        "offer",
        "time",
        "Dog walking when you're unwell",
        "If you're laid up, I'll walk your dog. Happy to do it regularly.",
        "Brixton",
        (LONG_TERM, CONNECTION),
        WEEKDAYS,
        EVENING,
        travel_km=3,
    ),
]

NEEDS = [
    DemoPost(
        "member",
        "need",
        "company",
        "Someone to walk with after my knee operation",
        "Building my confidence back up. Short walks, very slow to start.",
        "Levenshulme",
        (ACTIVITY, LONG_TERM),
        TUE | THU,
        MORNING,
        travel_km=2,
        days_ago=12,
    ),
    DemoPost(
        "dylan",
        "need",
        "lifts",
        "Lift to the eye clinic every other Thursday",
        "I can't drive since my sight went. Manchester Royal Eye Hospital, 10am.",
        "Levenshulme",
        (ACCESS,),
        THU,
        MORNING,
        travel_km=8,
        days_ago=9,
    ),
    DemoPost(
        "yasmin",
        "need",
        "knowledge",
        "Help with a PIP form",
        "I've got the form and I'm stuck on the daily living part.",
        "Harehills",
        (ACCESS, DISABILITY),
        TUE,
        EVENING,
        reach="either",
        travel_km=5,
        days_ago=6,
    ),
    DemoPost(
        "colin",
        "need",
        "company",
        "Someone to ring my dad now and then",
        "He's on his own since mum died and loves a chat about football.",
        "Stornoway",
        (CONNECTION, AGEING),
        0,
        AFTERNOON,
        reach="online",
        travel_km=None,
        days_ago=4,
    ),
    DemoPost(
        "hannah",
        "need",
        "space",
        "Room for a new carers' group",
        "Looking for a free room, one afternoon a month, for about ten people.",
        "Splott",
        (CARING,),
        THU,
        AFTERNOON,
        travel_km=3,
        days_ago=3,
    ),
    DemoPost(
        "mo",
        "need",
        "equipment",
        "Slow cooker for batch cooking",
        "Trying to eat better on a budget.",
        "Toxteth",
        (FOOD,),
        0,
        0,
        travel_km=5,
    ),
    DemoPost(
        "bernie",
        "need",
        "time",
        "A break from caring for a couple of hours",
        "My husband has dementia. I need someone to sit with him on Wednesdays.",
        "Whitechapel",
        (CARING, AGEING),
        WED,
        AFTERNOON,
        travel_km=3,
        days_ago=5,
    ),
    DemoPost(
        "lucy",
        "need",
        "lived_experience",
        "Talking to a mum who had PND",
        "Six weeks in and struggling. Would love to talk to someone who gets it.",
        "Leeds",
        (MATERNITY, MENTAL_HEALTH),
        0,
        MORNING,
        reach="either",
        travel_km=5,
    ),
    DemoPost(
        "tunde",
        "need",
        "skills",
        "Learn to cook healthy meals for my kids",
        "I can make about three things. Want to do better for them.",
        "Knowle West",
        (FOOD,),
        SAT,
        AFTERNOON,
        travel_km=3,
        days_ago=8,
    ),
    DemoPost(
        "kirsty",
        "need",
        "company",
        "Company at my chemo appointments",
        "Mondays at the Christie. My sister can't always come.",
        "Wythenshawe",
        (LONG_TERM, CARING),
        MON,
        MORNING,
        travel_km=10,
        days_ago=10,
    ),
    DemoPost(
        "harjit",
        "need",
        "knowledge",
        "Understanding my diabetes results",
        "Just diagnosed and the letter means nothing to me.",
        "Bradford",
        (LONG_TERM,),
        0,
        EVENING,
        reach="online",
        travel_km=None,
    ),
    DemoPost(
        "wren",
        "need",
        "time",
        "Someone to walk my dog while I recover",
        "Broken ankle, six weeks in plaster.",
        "Brixton",
        (LONG_TERM,),
        WEEKDAYS,
        EVENING,
        travel_km=2,
        days_ago=1,
    ),
    DemoPost(
        "danny",
        "need",
        "skills",
        "Fix my bike so I can get to work",
        "Brakes gone and a puncture.",
        "Govan",
        (ACTIVITY,),
        SAT,
        MORNING,
        travel_km=3,
    ),
    DemoPost(
        "aisha",
        "need",
        "company",
        "A friendly face at the mosque coffee morning",
        "New to the area and a bit anxious about going alone.",
        "Sparkbrook",
        (CONNECTION, MENTAL_HEALTH),
        FRI,
        MORNING,
        travel_km=2,
        days_ago=2,
    ),
    # Waits long enough (OFFERS_UNANSWERED_DAYS) to be shown to organisers of Wick.
    DemoPost(
        "ewan",
        "need",
        "lifts",
        "Lifts to physio in Wick",
        "Twice a week for six weeks after a hip replacement. No buses that early.",
        "Wick",
        (ACCESS, LONG_TERM),
        MON | THU,
        MORNING,
        travel_km=15,
        days_ago=14,
    ),
]

# (need's author, helper, matched, done with thanks shown)
REPLIES = [
    ("member", "tomasz", True, "Tomasz got me walking again. Thank you for your patience!"),
    ("dylan", "maya", True, ""),
    ("yasmin", "dev", True, ""),
    ("colin", "marjorie", False, ""),
    ("mo", "kwame", False, ""),
    ("tunde", "shirley", True, ""),
]


def load_offers(
    *,
    users: dict[str, User],
    places: dict[str, Place],
    topics: dict[str, Topic],
    organisations: list[Organisation],
    say: Callable[[str], None],
) -> None:
    """Write the demo's offers and needs, replies, matches and the done need's thanks."""
    now = timezone.now()
    created: dict[str, Offer] = {}
    for demo in [*OFFERS, *NEEDS]:
        author = users.get(demo.author)
        place = places.get(demo.place)
        if author is None or place is None:
            continue
        post = services.offer_create(
            author=author,
            data=services.OfferInput(
                side=demo.side,
                category=demo.category,
                title=demo.title,
                body=demo.body,
                place=place,
                topics=[topics[slug] for slug in demo.topics if slug in topics],
                days=demo.days,
                times=demo.times,
                reach=demo.reach,
                travel_km=demo.travel_km,
                audience=demo.audience,
            ),
            check_limit=False,
        )
        # As if posted over the past fortnight (the unanswered-needs job reads created_at).
        Offer.objects.filter(pk=post.pk).update(created_at=now - dt.timedelta(days=demo.days_ago))
        if demo.side == "need":
            created[demo.author] = post
    for post in Offer.objects.filter(pk__in=[p.pk for p in created.values()]):
        matching.refresh_for(post.pk)
    say(f"Offers and needs: {len(OFFERS)} offers and {len(NEEDS)} needs posted, matches computed.")
    replies = 0
    for asker, helper, matched, thanks in REPLIES:
        need = created.get(asker)
        if need is None or helper not in users:
            continue
        response = services.response_create(
            post=need,
            helper=users[helper],
            message="I'd be glad to help with this. When would suit you?",
            check_limit=False,
        )
        replies += 1
        if matched:
            services.offer_mark_matched(post=need, actor=users[asker], response=response)
        if thanks:
            services.offer_mark_done(post=need, actor=users[asker], thanks=thanks)
            services.thanks_set_shown(
                post=Offer.objects.get(pk=need.pk), helper=users[helper], shown=True
            )
    summary = services.needs_surface_unanswered()
    say(
        f"Offers and needs: {replies} replies, one need done with thanks, "
        f"{summary['surfaced']} waiting needs shown to organisers."
    )
