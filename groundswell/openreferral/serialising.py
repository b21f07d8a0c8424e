"""Our rows in Open Referral UK's shapes (the profile's compiled schemas, schemas/): the read
API and the export both write through here, and the tests validate the results against the
same schemas.

Fields the profile has and we do not keep are left out rather than sent empty; fields we keep
and the profile has no place for (an asset's phone number: the UK profile removed phones) are not
sent.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django.utils import timezone

from groundswell.assets.models import Asset, AssetLocation, Location, OpeningTime, Status
from groundswell.openreferral import ids
from groundswell.openreferral.checking import SOURCE_PREFIX, TOPICS_TAXONOMY_NAME
from groundswell.openreferral.models import Taxonomy, TaxonomyTerm
from groundswell.openreferral.selectors import location_id
from groundswell.organisations.models import Organisation
from groundswell.topics.models import Topic

_DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if value not in (None, "")}


def _stamp(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    return (
        timezone.localtime(value, dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    )


def service_id(asset: Asset) -> str:
    if asset.source.startswith(SOURCE_PREFIX) and ids.is_uuid(asset.source_id):
        return asset.source_id
    return ids.make(ids.SERVICE, asset.pk)


def organisation_id(org: Organisation) -> str:
    imported = getattr(org, "oruk_source", None)
    if imported is not None and ids.is_uuid(imported.source_id):
        return str(imported.source_id)
    return ids.make(ids.ORGANISATION, org.pk)


def organisation(org: Organisation) -> dict[str, Any]:
    record = _clean(
        {
            "id": organisation_id(org),
            "name": org.name,
            "email": org.contact_email,
            "website": org.website,
        }
    )
    # Required by the profile, even when empty.
    record["description"] = org.description
    return record


def service_summary(asset: Asset) -> dict[str, Any]:
    """A service with its one-to-one fields (the profile's service_list)."""
    record = _clean(
        {
            "id": service_id(asset),
            "organization_id": organisation_id(asset.organisation) if asset.organisation else None,
            "name": asset.name,
            "description": asset.description,
            "url": asset.website,
            "email": asset.contact_email,
            "status": "active" if asset.status == Status.PUBLISHED else "inactive",
            "assured_date": asset.last_reviewed_at.date().isoformat()
            if asset.last_reviewed_at
            else None,
            "last_modified": _stamp(asset.updated_at),
        }
    )
    if asset.organisation is not None:
        record["organization"] = organisation(asset.organisation)
    return record


def location(place: Location) -> dict[str, Any]:
    record = _clean(
        {
            "id": location_id(place),
            "location_type": "physical",
            "name": place.name,
            "latitude": place.latitude,
            "longitude": place.longitude,
        }
    )
    if place.address_1 or place.postcode or place.city:
        record["addresses"] = [
            {
                "id": ids.make(ids.ADDRESS, place.pk),
                "location_id": record["id"],
                "address_1": place.address_1,
                "city": place.city,
                "state_province": "",
                "postal_code": place.postcode,
                "country": "GB",
                "address_type": "physical",
            }
        ]
    return record


def _schedule(asset: Asset, opening: OpeningTime) -> dict[str, Any]:
    return _clean(
        {
            "id": ids.make(ids.SCHEDULE, opening.pk),
            "service_id": service_id(asset),
            "freq": "WEEKLY",
            "interval": 1,
            "byday": _DAY_CODES[opening.weekday],
            "opens_at": opening.opens.isoformat(timespec="minutes"),
            "closes_at": opening.closes.isoformat(timespec="minutes"),
            "description": opening.note,
        }
    )


def topic_term(topic: Topic) -> dict[str, Any]:
    return {
        "id": ids.make(ids.TOPIC, topic.pk),
        "name": topic.name,
        "description": topic.description,
        "taxonomy": TOPICS_TAXONOMY_NAME,
        "taxonomy_id": ids.TOPICS_TAXONOMY_ID,
        "term": topic.slug,
    }


def imported_term(term: TaxonomyTerm) -> dict[str, Any]:
    record = _clean(
        {
            "id": str(term.uuid),
            "name": term.name,
            "parent_id": str(term.parent_uuid) if term.parent_uuid else None,
            "taxonomy": term.taxonomy.name,
            "taxonomy_id": str(term.taxonomy.uuid),
            "term_uri": term.term_uri,
            "term": term.code,
        }
    )
    record["description"] = term.description
    return record


def topics_taxonomy() -> dict[str, Any]:
    return {
        "id": ids.TOPICS_TAXONOMY_ID,
        "name": TOPICS_TAXONOMY_NAME,
        "description": "The topics people on this site share stories and services under.",
    }


def taxonomy(row: Taxonomy) -> dict[str, Any]:
    record = _clean({"id": str(row.uuid), "name": row.name, "uri": row.uri, "version": row.version})
    record["description"] = row.description
    return record


def _attributes(asset: Asset) -> list[dict[str, Any]]:
    found = []
    for topic in asset.topics.all():
        term = topic_term(topic)
        found.append(
            {
                "id": ids.derived("attribute", asset.pk, term["id"]),
                "link_id": service_id(asset),
                "link_type": "service",
                "taxonomy_term_id": term["id"],
                "taxonomy_term": term,
            }
        )
    for link in asset.openreferral_terms.all():
        term = imported_term(link.term)
        found.append(
            {
                "id": ids.derived("attribute", asset.pk, term["id"]),
                "link_id": service_id(asset),
                "link_type": "service",
                "taxonomy_term_id": term["id"],
                "taxonomy_term": term,
            }
        )
    return found


def service_at_location_summary(
    link: AssetLocation, *, with_service: bool = True
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": ids.make(ids.SERVICE_AT_LOCATION, link.pk),
        "service_id": service_id(link.asset),
        "location_id": location_id(link.location),
        "location": location(link.location),
    }
    if with_service:
        record["service"] = service_summary(link.asset)
    return record


def service_full(asset: Asset) -> dict[str, Any]:
    """A service with everything related to it (the profile's compiled service)."""
    record = service_summary(asset)
    record["schedules"] = [_schedule(asset, opening) for opening in asset.opening_times.all()]
    record["service_at_locations"] = [
        service_at_location_summary(link, with_service=False)
        for link in asset.asset_locations.all()
    ]
    record["attributes"] = _attributes(asset)
    return record


def page(contents: list[dict[str, Any]], *, total: int, number: int, size: int) -> dict[str, Any]:
    """The profile's paging fields around a page of contents."""
    pages = max(1, math.ceil(total / size)) if size else 1
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": number,
        "size": len(contents),
        "first_page": number == 1,
        "last_page": number >= pages,
        "empty": not contents,
        "contents": contents,
    }
