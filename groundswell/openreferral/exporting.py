"""The export: every public service in Open Referral UK form (serialising.py), as one JSON list
of full services or as the tabular package (CSV tables in a .zip), the same formats the import
reads, so an export imports back."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from typing import Any

from groundswell.openreferral import selectors, serialising

_COLUMNS = {
    "services.csv": [
        "id",
        "organization_id",
        "name",
        "description",
        "url",
        "email",
        "status",
        "assured_date",
        "last_modified",
    ],
    "organizations.csv": ["id", "name", "description", "email", "website"],
    "locations.csv": ["id", "location_type", "name", "latitude", "longitude"],
    "service_at_locations.csv": ["id", "service_id", "location_id"],
    "addresses.csv": [
        "id",
        "location_id",
        "address_1",
        "city",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    ],
    "schedules.csv": [
        "id",
        "service_id",
        "freq",
        "interval",
        "byday",
        "opens_at",
        "closes_at",
        "description",
    ],
    "taxonomies.csv": ["id", "name", "description", "uri", "version"],
    "taxonomy_terms.csv": [
        "id",
        "name",
        "description",
        "parent_id",
        "taxonomy",
        "taxonomy_id",
        "term_uri",
        "term",
    ],
    "attributes.csv": ["id", "link_id", "link_type", "taxonomy_term_id"],
}


def full_services() -> Iterator[dict[str, Any]]:
    rows = selectors.with_details(selectors.public_services(), full=True).order_by("name", "id")
    for asset in rows.iterator(chunk_size=500):
        yield serialising.service_full(asset)


def as_json_bytes() -> bytes:
    return json.dumps(list(full_services()), ensure_ascii=False, indent=1).encode()


def tables() -> dict[str, list[dict[str, Any]]]:
    """The tabular package's rows, table by table, each row once."""
    found: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in _COLUMNS}
    for service in full_services():
        found["services.csv"][service["id"]] = service
        organisation = service.get("organization")
        if organisation:
            found["organizations.csv"][organisation["id"]] = organisation
        for schedule in service.get("schedules", []):
            found["schedules.csv"][schedule["id"]] = schedule
        for link in service.get("service_at_locations", []):
            location = link["location"]
            found["service_at_locations.csv"][link["id"]] = {
                "id": link["id"],
                "service_id": service["id"],
                "location_id": location["id"],
            }
            found["locations.csv"][location["id"]] = location
            for address in location.get("addresses", []):
                found["addresses.csv"][address["id"]] = address
        for attribute in service.get("attributes", []):
            term = attribute["taxonomy_term"]
            found["attributes.csv"][attribute["id"]] = attribute
            found["taxonomy_terms.csv"][term["id"]] = term
            found["taxonomies.csv"][term["taxonomy_id"]] = {
                "id": term["taxonomy_id"],
                "name": term["taxonomy"],
                "description": "",
            }
    return {name: list(rows.values()) for name, rows in found.items()}


def as_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in tables().items():
            text = io.StringIO()
            writer = csv.DictWriter(text, fieldnames=_COLUMNS[name], extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
            archive.writestr(name, text.getvalue())
    return buffer.getvalue()
