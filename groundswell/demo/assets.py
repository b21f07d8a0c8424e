"""Demo community assets: listings of all six kinds across the demo places, with points in the
right towns, opening times and accessibility; a few members' gifts (with their consent); some
listings owned, one claim waiting, and a few not checked for a long time (for the reminders).

Written through groundswell.assets.services, as the site would."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.utils import timezone

from groundswell.accounts.models import User
from groundswell.assets import services
from groundswell.assets.models import Asset, AssetKind, Audience, ShownAs
from groundswell.assets.placepoints import CENTRES
from groundswell.organisations.models import Organisation
from groundswell.places.models import Place
from groundswell.topics.models import Topic

SEED = 14

# (kind, name pattern, description, topics, accessibility, opening hours (days, opens, closes))
LISTINGS = [
    (
        AssetKind.SPACE,
        "{place} Library",
        "Free books, computers and a warm place to sit. A knit and natter group meets weekly.",
        ["loneliness-and-connection", "access-to-services"],
        "Step-free entrance, accessible toilet, hearing loop at the desk.",
        ([0, 1, 2, 3, 4], dt.time(9), dt.time(17)),
    ),
    (
        AssetKind.ASSOCIATION,
        "{place} Walking Group",
        "Gentle walks of about an hour, finishing with a cup of tea. All paces welcome.",
        ["physical-activity", "loneliness-and-connection"],
        "Routes are flat and mostly paved; walkers with sticks are very welcome.",
        ([1], dt.time(10), dt.time(11, 30)),
    ),
    (
        AssetKind.INSTITUTION,
        "{place} Health Centre",
        "GP surgery with a practice nurse, a social prescriber and a weekly blood clinic.",
        ["access-to-services", "long-term-conditions"],
        "Step-free access, BSL interpreters on request, quiet room available.",
        ([0, 1, 2, 3, 4], dt.time(8), dt.time(18, 30)),
    ),
    (
        AssetKind.ECONOMY,
        "{place} Community Café",
        "Pay-as-you-feel café run by volunteers, using food that would otherwise go to waste.",
        ["food-and-nutrition", "loneliness-and-connection"],
        "Ground floor, wide doors, large-print menu.",
        ([2, 3, 4, 5], dt.time(10), dt.time(15)),
    ),
    (
        AssetKind.CULTURE,
        "{place} Heritage Trail",
        "A signed walk past the neighbourhood's history, with stories collected from residents.",
        ["physical-activity", "ageing-well"],
        "About two miles; benches along the way. Audio guide online.",
        None,
    ),
    (
        AssetKind.SPACE,
        "{place} Community Garden",
        "Raised beds anyone can help with, seeds to share, and a bench in the sun.",
        ["mental-health", "food-and-nutrition"],
        "Raised beds at wheelchair height; gravel paths.",
        ([5], dt.time(10), dt.time(13)),
    ),
]

PLACES = [
    "Chapeltown",
    "Harehills",
    "Armley",
    "Moss Side",
    "Levenshulme",
    "Splott",
    "Ely",
    "Knowle West",
    "Govan",
    "Brixton",
    "Byker",
    "Merkinch",
]

GIFTS = [
    (
        "member",
        "Help with forms",
        "I can help fill in benefit and housing forms.",
        ShownAs.FIRST_NAME,
    ),
    ("amara", "Braiding and a chat", "I braid hair and I'm happy to listen.", ShownAs.NEIGHBOUR),
    ("dev", "Bike repairs", "Punctures, brakes and gears fixed in my yard.", ShownAs.NAME),
    ("gwen", "Welsh conversation", "Practise your Welsh over a cuppa.", ShownAs.NAME),
    (
        "tomasz",
        "Lifts to appointments",
        "I can drive people to hospital appointments.",
        ShownAs.NEIGHBOUR,
    ),
]


def _topics(topics: dict[str, Topic], slugs: list[str]) -> list[Topic]:
    return [topics[s] for s in slugs if s in topics]


def load_assets(
    *,
    users: dict[str, User],
    places: dict[str, Place],
    topics: dict[str, Topic],
    organisations: list[Organisation],
    say: Callable[[str], None],
) -> None:
    rng = random.Random(SEED)  # noqa: S311 - demo data, not secrets
    adder = users.get("organiser") or next(iter(users.values()))
    created: list[Asset] = []
    for place_name in PLACES:
        place = places.get(place_name)
        if place is None:
            continue
        lat0, lon0 = CENTRES.get(place_name, (None, None))
        for kind, pattern, description, topic_slugs, access, hours in LISTINGS:
            name = pattern.format(place=place_name)
            location = None
            if lat0 is not None and lon0 is not None:
                location = services.LocationInput(
                    name=name,
                    address_1=f"{rng.randint(1, 180)} High Street",
                    city=place.parent.name if place.parent else "",
                    latitude=round(lat0 + rng.uniform(-0.008, 0.008), 5),
                    longitude=round(lon0 + rng.uniform(-0.012, 0.012), 5),
                )
            times = []
            if hours is not None:
                days, opens, closes = hours
                times = [
                    services.OpeningTimeInput(weekday=d, opens=opens, closes=closes) for d in days
                ]
            asset = services.asset_create(
                actor=adder,
                data=services.AssetInput(
                    kind=kind,
                    name=name,
                    description=description,
                    place=place,
                    topics=_topics(topics, topic_slugs),
                    contact_email=f"hello@{name.lower().replace(' ', '').replace('é', 'e')[:30]}.example.org",
                    contact_phone=f"0{rng.randint(1000, 9999)} {rng.randint(100000, 999999)}",
                    accessibility=access,
                    location=location,
                    opening_times=times,
                ),
                check_limit=False,
            )
            created.append(asset)
    # Organisations' own listings are theirs; some others are owned by demo members who claimed
    # them (written as an accepted claim would leave them).
    for org, asset in zip(organisations, created[::7], strict=False):
        Asset.objects.filter(pk=asset.pk).update(organisation=org)
    owners = [u for k, u in users.items() if k in ("margaret", "shirley", "callum", "fatima")]
    for owner, asset in zip(owners, created[1::9], strict=False):
        Asset.objects.filter(pk=asset.pk).update(owner=owner)
    # Not checked for a long time: "this may be out of date", and a reminder due.
    long_ago = timezone.now() - dt.timedelta(days=400)
    for asset in created[1::9][:3]:
        Asset.objects.filter(pk=asset.pk).update(last_reviewed_at=long_ago)
    # One claim waiting for the organiser of its place.
    claimant = users.get("kwame") or users.get("member")
    unowned = Asset.objects.filter(pk__in=[a.pk for a in created], owner__isnull=True).first()
    if claimant is not None and unowned is not None:
        services.asset_claim_request(
            asset=unowned,
            user=claimant,
            message="I volunteer there every week and keep its noticeboard.",
        )
    gifts = 0
    for key, name, description, shown_as in GIFTS:
        user = users.get(key)
        if user is None:
            continue
        home = getattr(getattr(user, "profile", None), "home_place", None) or places.get("Leeds")
        if home is None:
            continue
        services.asset_create(
            actor=user,
            data=services.AssetInput(
                kind=AssetKind.GIFT,
                name=name,
                description=description,
                place=home,
                audience=Audience.MEMBERS,
                shown_as=shown_as,
                consent=True,
            ),
            check_limit=False,
        )
        gifts += 1
    say(f"Community assets: {len(created)} listings and {gifts} gifts")
