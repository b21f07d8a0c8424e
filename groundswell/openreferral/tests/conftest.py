"""Open Referral records for the tests: `oruk_service(...)` builds one valid service as a council
would publish it (an organisation, a location in Leeds, a weekly schedule, an LGA service type),
and `places` gives the small place tree (places.testing.make_tree) the services are placed in."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from groundswell.openreferral import reading
from groundswell.places.testing import Tree, make_tree

COUNCIL_ID = "5a0a1a38-6f4c-4d2f-9a4e-7f2d1c3b9e01"
ESD_TAXONOMY_ID = "b1c2d3e4-0000-4000-8000-00000000e5d0"
LUNCH_CLUB_TERM = "c0ffee00-0000-4000-8000-0000000000a1"


def oruk_service(
    name: str = "Chapeltown Lunch Club",
    *,
    service_id: str | None = None,
    city: str = "Leeds",
    latitude: float | None = 53.8155,
    longitude: float | None = -1.5301,
    location_id: str | None = None,
    taxonomy: str = "esdServiceTypes",
    term_id: str = LUNCH_CLUB_TERM,
    organisation_id: str = COUNCIL_ID,
    **fields: Any,
) -> dict[str, Any]:
    service_id = service_id or str(uuid.uuid4())
    location_id = location_id or str(uuid.uuid4())
    location: dict[str, Any] = {
        "id": location_id,
        "location_type": "physical",
        "name": f"{name} hall",
        "addresses": [
            {
                "id": str(uuid.uuid4()),
                "location_id": location_id,
                "address_1": "1 Chapeltown Road",
                "city": city,
                "state_province": "West Yorkshire",
                "postal_code": "LS7 3AA",
                "country": "GB",
                "address_type": "physical",
            }
        ],
        "accessibility": [
            {"id": str(uuid.uuid4()), "description": "Step-free entrance and a hearing loop"}
        ],
    }
    if latitude is not None:
        location["latitude"] = latitude
    if longitude is not None:
        location["longitude"] = longitude
    record: dict[str, Any] = {
        "id": service_id,
        "organization_id": organisation_id,
        "name": name,
        "description": f"{name}: a hot meal and good company every week.",
        "url": "https://example.org/lunch",
        "email": "hello@example.org",
        "status": "active",
        "organization": {
            "id": organisation_id,
            "name": "Leeds City Council",
            "description": "The council for Leeds.",
            "website": "https://www.leeds.gov.uk",
        },
        "schedules": [
            {
                "id": str(uuid.uuid4()),
                "freq": "WEEKLY",
                "byday": "TU,TH",
                "opens_at": "12:00",
                "closes_at": "14:00",
                "description": "Lunch at half past twelve",
            }
        ],
        "service_at_locations": [
            {
                "id": str(uuid.uuid4()),
                "service_id": service_id,
                "location_id": location_id,
                "location": location,
            }
        ],
        "attributes": [
            {
                "id": str(uuid.uuid4()),
                "link_id": service_id,
                "link_type": "service",
                "taxonomy_term_id": term_id,
                "taxonomy_term": {
                    "id": term_id,
                    "name": "Lunch clubs",
                    "description": "Clubs offering a meal and company",
                    "taxonomy": taxonomy,
                    "taxonomy_id": ESD_TAXONOMY_ID,
                    "term": "lunch-clubs",
                },
            }
        ],
    }
    record.update(fields)
    return record


def as_package(*services: Any) -> reading.Package:
    """What reading a JSON list of these services gives (through the real reader)."""
    return reading.from_json_bytes(json.dumps(list(services)).encode())


@pytest.fixture
def places(db: None) -> Tree:
    return make_tree()
