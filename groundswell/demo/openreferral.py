"""Demo: a local services directory imported as Open Referral UK, as an administrator would.

Each active demo organisation publishes one service (a drop-in) in the directory, linked to the
organisation by its Open Referral id on this site, and the council publishes three of its own
(the council arrives as an imported organisation). The file goes through the same import the
staff screen runs (openreferral.services.oruk_import), so the read API at /openreferral/
serves them and the map shows them, marked "Open Referral UK: Leeds community directory".
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from groundswell.accounts.models import User
from groundswell.openreferral import ids, services
from groundswell.openreferral.checking import TOPICS_TAXONOMY_NAME
from groundswell.openreferral.reading import Package
from groundswell.organisations.models import Organisation
from groundswell.places.models import Place
from groundswell.topics.models import Topic

PUBLISHER = "Leeds community directory"
# Fixed ids, so loading the demo twice updates the same records.
_NAMESPACE = uuid.UUID("6f1d9a52-3c1e-4a0b-9d51-0b1b9f8e2a10")
COUNCIL = {
    "id": str(uuid.uuid5(_NAMESPACE, "council")),
    "name": "Leeds City Council",
    "description": "The council for Leeds: libraries, community hubs and adult social care.",
    "website": "https://www.leeds.gov.uk",
}
COUNCIL_SERVICES = [
    (
        "Chapeltown Community Hub",
        "Help with council tax, housing and benefits, a warm space and free wifi.",
        "Chapeltown",
        (53.8172, -1.5337),
        "MO,TU,WE,TH,FR",
        ("09:00", "17:00"),
    ),
    (
        "Armley Library Digital Help",
        "Help with computers, phones and forms online, and a weekly knit and natter, at the library.",
        "Armley",
        (53.7985, -1.5902),
        "MO,WE,FR,SA",
        ("10:00", "16:00"),
    ),
    (
        "Harehills Carers Support Group",
        "Carers meet for a cup of tea, advice and a break, with sitting help on request.",
        "Harehills",
        (53.8089, -1.5124),
        "TH",
        ("13:00", "15:00"),
    ),
]


def _uuid(*parts: object) -> str:
    return str(uuid.uuid5(_NAMESPACE, ":".join(map(str, parts))))


def _service(
    *,
    key: str,
    name: str,
    description: str,
    organisation_id: str,
    city: str,
    point: tuple[float, float] | None,
    days: str,
    hours: tuple[str, str],
    topic: Topic | None,
    organisation: dict[str, str] | None = None,
) -> dict[str, Any]:
    service_id, location_id = _uuid("service", key), _uuid("location", key)
    location: dict[str, Any] = {
        "id": location_id,
        "location_type": "physical",
        "name": name,
        "addresses": [
            {
                "id": _uuid("address", key),
                "location_id": location_id,
                "address_1": "Community rooms",
                "city": city,
                "state_province": "",
                "postal_code": "",
                "country": "GB",
                "address_type": "physical",
            }
        ],
    }
    if point is not None:
        location["latitude"], location["longitude"] = point
    record: dict[str, Any] = {
        "id": service_id,
        "organization_id": organisation_id,
        "name": name,
        "description": description,
        "status": "active",
        "schedules": [
            {
                "id": _uuid("schedule", key),
                "freq": "WEEKLY",
                "byday": days,
                "opens_at": hours[0],
                "closes_at": hours[1],
            }
        ],
        "service_at_locations": [
            {
                "id": _uuid("at", key),
                "service_id": service_id,
                "location_id": location_id,
                "location": location,
            }
        ],
        "attributes": [],
    }
    if organisation is not None:
        record["organization"] = organisation
    if topic is not None:
        term_id = ids.make(ids.TOPIC, topic.pk)
        record["attributes"].append(
            {
                "id": _uuid("attribute", key),
                "link_id": service_id,
                "link_type": "service",
                "taxonomy_term_id": term_id,
                "taxonomy_term": {
                    "id": term_id,
                    "name": topic.name,
                    "description": topic.description,
                    "taxonomy": TOPICS_TAXONOMY_NAME,
                    "taxonomy_id": ids.TOPICS_TAXONOMY_ID,
                },
            }
        )
    return record


def load_openreferral(
    *,
    users: dict[str, User],
    places: dict[str, Place],
    topics: dict[str, Topic],
    organisations: list[Organisation],
    say: Callable[[str], None],
) -> None:
    """Import the demo directory (see the module's docstring)."""
    some_topic = next(iter(topics.values()), None)
    records = []
    for org in organisations:
        if not org.is_active:
            continue
        place = org.places.order_by("path").last() or places.get("Leeds")
        if place is None:
            continue
        records.append(
            _service(
                key=f"org-{org.slug}",
                name=f"{org.name}: drop-in"[:160],
                description=(
                    f"Come along to meet the people of {org.name}, ask a question or find out "
                    "how to join in. No appointment needed."
                ),
                organisation_id=ids.make(ids.ORGANISATION, org.pk),
                city=place.name,
                point=None,
                days="WE",
                hours=("10:00", "12:00"),
                topic=some_topic,
            )
        )
    for n, (name, description, city, point, days, hours) in enumerate(COUNCIL_SERVICES):
        records.append(
            _service(
                key=f"council-{n}",
                name=name,
                description=description,
                organisation_id=COUNCIL["id"],
                organisation=COUNCIL,
                city=city,
                point=point,
                days=days,
                hours=hours,
                topic=some_topic,
            )
        )
    report = services.oruk_import(
        package=Package(services=records),
        publisher=PUBLISHER,
        actor=users.get("admin"),
        file_name="leeds-community-directory.json",
        default_place=places.get("Leeds"),
    )
    counts = report.counts()
    say(
        f"Open Referral: {counts['services_created']} services imported, "
        f"{counts['services_updated']} updated, {counts['invalid']} not imported"
    )
