"""Checking Open Referral UK services before anything is written: the profile's schema first
(standard.py: the library validates), then this site's own rules (an unknown taxonomy,
coordinates off the globe, a field longer than we can keep, a service we cannot place...).

`check_package` reads the database (in a fixed number of queries, whatever the file's size) but
never writes; it returns one `Planned` per valid service, holding everything the writer needs,
and a `RecordError` per problem, named by the record's id.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from groundswell.assets.models import Asset, AssetKind
from groundswell.assets.services import check_coordinates
from groundswell.openreferral import ids, standard
from groundswell.openreferral.models import ImportedOrganisation, Taxonomy, TaxonomyTerm
from groundswell.openreferral.reading import Package
from groundswell.organisations.models import Organisation, OrganisationStatus
from groundswell.places.models import LEVEL_DEPTH, Place, PlaceLevel
from groundswell.topics.models import Topic

SOURCE_PREFIX = "Open Referral UK"
TOPICS_TAXONOMY_NAME = "Groundswell topics"

DEFAULT_KNOWN_TAXONOMIES = (
    # The Local Government Association's vocabularies (esd standards), used across ORUK feeds.
    "esdServiceTypes",
    "esdNeeds",
    "esdCircumstances",
    # OpenActive's activity list, for sport and physical activity.
    "OpenActive Activity List",
    "openActiveActivities",
    # Our own topics, so an export of this site imports back.
    TOPICS_TAXONOMY_NAME,
)

# Words in a service's name that say it is a group people join rather than a service they use.
_GROUP_WORDS = re.compile(
    r"\b(group|groups|club|clubs|association|society|circle|choir|network|collective|"
    r"peer support|meet-?up|friends of)\b",
    re.IGNORECASE,
)
_WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}

# Lengths our columns keep (assets.models, organisations.models): a longer value is an error
# for the record rather than cut short.
_LIMITS = {
    "name": 160,
    "description": 4000,
    "email": 254,
    "url": 300,
}
_ORG_LIMITS = {"name": 120, "description": 4000, "email": 254, "website": 300}
_LOCATION_LIMITS = {"name": 160}
_ADDRESS_LIMITS = {"address_1": 200, "city": 100, "postal_code": 10}


def normalise_taxonomy(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def known_taxonomies() -> set[str]:
    configured = getattr(settings, "OPENREFERRAL_KNOWN_TAXONOMIES", DEFAULT_KNOWN_TAXONOMIES)
    return {normalise_taxonomy(name) for name in configured}


def source_name(publisher: str) -> str:
    return f"{SOURCE_PREFIX}: {publisher.strip()}"[:120]


@dataclass(frozen=True)
class RecordError:
    record_id: str  # the service's id, or "#<n>" (its place in the file) when it has none
    field: str
    reason: str

    def __str__(self) -> str:
        return f"service {self.record_id}: {self.field}: {self.reason}"


@dataclass
class PlannedOrganisation:
    source_id: str
    name: str
    description: str
    email: str
    website: str
    existing: Organisation | None = None  # ours (an id this site exported) or imported before
    is_ours: bool = False  # one of this site's own organisations: linked to, never changed


@dataclass
class PlannedTerm:
    uuid: str
    name: str
    description: str
    code: str
    term_uri: str
    parent_uuid: str | None
    taxonomy_uuid: str
    taxonomy_name: str
    topic_id: int | None  # set when the term is one of our own topics (an export of ours)


@dataclass
class PlannedLocation:
    source_id: str
    name: str
    address_1: str
    city: str
    postcode: str
    latitude: float | None
    longitude: float | None
    place: Place | None


@dataclass
class PlannedOpening:
    weekday: int
    opens: dt.time
    closes: dt.time
    note: str


@dataclass
class Planned:
    """One valid service, ready to write."""

    source_id: str
    kind: str
    name: str
    description: str
    email: str
    website: str
    accessibility: str
    published: bool
    reviewed_at: dt.datetime | None
    place: Place
    organisation: PlannedOrganisation | None
    locations: list[PlannedLocation] = field(default_factory=list)
    openings: list[PlannedOpening] = field(default_factory=list)
    terms: list[PlannedTerm] = field(default_factory=list)


@dataclass
class Checked:
    planned: list[Planned]
    errors: list[RecordError]
    skipped: list[str]  # this site's own services (an export of ours), left as they are
    received: int

    @property
    def invalid_ids(self) -> list[str]:
        return list(dict.fromkeys(error.record_id for error in self.errors))


# --- lookups read once per file --------------------------------------------------------------


class _Lookups:
    def __init__(self, package: Package, default_place: Place | None) -> None:
        self.default_place = default_place
        self.known = known_taxonomies()
        services = [s for s in package.services if isinstance(s, dict)]
        org_ids = {str(s.get("organization_id")) for s in services if s.get("organization_id")}
        org_ids |= {
            str(s["organization"].get("id"))
            for s in services
            if isinstance(s.get("organization"), dict) and s["organization"].get("id")
        }
        self.imported_orgs = {
            row.source_id: row.organisation
            for row in ImportedOrganisation.objects.filter(source_id__in=org_ids).select_related(
                "organisation"
            )
        }
        own_pks = {pk for pk in (ids.parse(i, ids.ORGANISATION) for i in org_ids) if pk}
        self.own_orgs = {
            org.pk: org
            for org in Organisation.objects.filter(pk__in=own_pks, status=OrganisationStatus.ACTIVE)
        }
        term_ids = set()
        for service in services:
            for attribute in service.get("attributes") or []:
                if isinstance(attribute, dict) and attribute.get("taxonomy_term_id"):
                    term_ids.add(str(attribute["taxonomy_term_id"]))
        self.stored_terms = {
            str(term.uuid): term
            for term in TaxonomyTerm.objects.filter(
                uuid__in=[t for t in term_ids if ids.is_uuid(t)]
            ).select_related("taxonomy")
        }
        self.stored_taxonomies = {str(t.uuid): t for t in Taxonomy.objects.all()}
        self.topics = {topic.pk: topic for topic in Topic.objects.current()}
        self.topics_by_name = {topic.name.lower(): topic for topic in self.topics.values()}
        self.package = package
        # Place names, deepest level first wins: "Leeds" the city rather than a region by it.
        self.places: dict[str, Place] = {}
        for place in sorted(
            Place.objects.current(), key=lambda p: -LEVEL_DEPTH.get(PlaceLevel(p.level), 0)
        ):
            self.places.setdefault(place.name.lower(), place)
        own_service_pks = {
            pk for pk in (ids.parse(str(s.get("id", "")), ids.SERVICE) for s in services) if pk
        }
        self.own_services = set(
            Asset.objects.filter(pk__in=own_service_pks, source="").values_list("pk", flat=True)
        )

    def place_named(self, *names: Any) -> Place | None:
        for name in names:
            if isinstance(name, str) and name.strip():
                found = self.places.get(name.strip().lower())
                if found is not None:
                    return found
        return None


# --- the checks ------------------------------------------------------------------------------


def _text(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    return value.strip() if isinstance(value, str) else ""


def _too_long(record: dict[str, Any], limits: dict[str, int], prefix: str) -> list[tuple[str, str]]:
    return [
        (
            f"{prefix}{key}",
            _("longer than the %(limit)s characters this site keeps") % {"limit": limit},
        )
        for key, limit in limits.items()
        if isinstance(record.get(key), str) and len(record[key].strip()) > limit
    ]


def _time(value: Any) -> dt.time | None:
    if not isinstance(value, str):
        return None
    for pattern in ("%H:%M:%S", "%H:%M"):
        try:
            return dt.datetime.strptime(value.strip()[:8], pattern).time()  # noqa: DTZ007
        except ValueError:
            continue
    return None


def _reviewed_at(value: Any) -> dt.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def _organisation(
    service: dict[str, Any], lookups: _Lookups, problems: list[tuple[str, str]]
) -> PlannedOrganisation | None:
    embedded = service.get("organization")
    org_id = str(service.get("organization_id") or "")
    record = embedded if isinstance(embedded, dict) else None
    if record is None and org_id:
        record = lookups.package.organizations.get(org_id)
    if record is not None:
        org_id = str(record.get("id") or org_id)
        # The profile's schema checked it as part of the service (the CSV reader nests it too).
        problems.extend(_too_long(record, _ORG_LIMITS, "organization."))
    if not org_id:
        return None
    own_pk = ids.parse(org_id, ids.ORGANISATION)
    existing = lookups.imported_orgs.get(org_id)
    if own_pk is not None:
        existing = lookups.own_orgs.get(own_pk)
    if record is None and existing is None:
        problems.append(
            (
                "organization_id",
                _("no organisation with the id %(id)s in the file or on this site")
                % {"id": org_id},
            )
        )
        return None
    source = record or {}
    return PlannedOrganisation(
        source_id=org_id,
        name=_text(source, "name") or (existing.name if existing else ""),
        description=_text(source, "description") or (existing.description if existing else ""),
        email=_text(source, "email"),
        website=_text(source, "website"),
        existing=existing,
        is_ours=own_pk is not None,
    )


def _terms(
    service: dict[str, Any], lookups: _Lookups, problems: list[tuple[str, str]]
) -> list[PlannedTerm]:
    planned = []
    for n, attribute in enumerate(service.get("attributes") or []):
        if not isinstance(attribute, dict):
            continue
        at = f"attributes.{n}"
        term_id = str(attribute.get("taxonomy_term_id") or "")
        term = attribute.get("taxonomy_term")
        if not isinstance(term, dict):
            term = lookups.package.taxonomy_terms.get(term_id)
        stored = lookups.stored_terms.get(term_id)
        if term is None and stored is None:
            own_topic = lookups.topics.get(ids.parse(term_id, ids.TOPIC) or 0)
            if own_topic is None:
                problems.append(
                    (
                        f"{at}.taxonomy_term_id",
                        _(
                            "unknown taxonomy term %(id)s: it is neither in the file nor on this site"
                        )
                        % {"id": term_id or "(none)"},
                    )
                )
                continue
            term = {"id": term_id, "name": own_topic.name, "taxonomy": TOPICS_TAXONOMY_NAME}
        if term is None and stored is not None:
            term = {
                "id": str(stored.uuid),
                "name": stored.name,
                "description": stored.description,
                "term": stored.code,
                "term_uri": stored.term_uri,
                "taxonomy": stored.taxonomy.name,
                "taxonomy_id": str(stored.taxonomy.uuid),
            }
        assert term is not None  # noqa: S101 (narrowed above)
        taxonomy_id = str(term.get("taxonomy_id") or "")
        taxonomy_name = _text(term, "taxonomy")
        if not taxonomy_name and taxonomy_id:
            in_file = lookups.package.taxonomies.get(taxonomy_id)
            if in_file is not None:
                taxonomy_name = _text(in_file, "name")
            elif taxonomy_id in lookups.stored_taxonomies:
                taxonomy_name = lookups.stored_taxonomies[taxonomy_id].name
            elif taxonomy_id == ids.TOPICS_TAXONOMY_ID:
                taxonomy_name = TOPICS_TAXONOMY_NAME
        if not taxonomy_name:
            problems.append(
                (
                    f"{at}.taxonomy_term",
                    _("the term %(name)s names no taxonomy") % {"name": term.get("name", term_id)},
                )
            )
            continue
        if normalise_taxonomy(taxonomy_name) not in lookups.known:
            problems.append(
                (
                    f"{at}.taxonomy_term.taxonomy",
                    _(
                        "unknown taxonomy %(taxonomy)s: this site accepts terms from %(known)s "
                        "(OPENREFERRAL_KNOWN_TAXONOMIES)"
                    )
                    % {
                        "taxonomy": taxonomy_name,
                        "known": ", ".join(
                            getattr(
                                settings,
                                "OPENREFERRAL_KNOWN_TAXONOMIES",
                                DEFAULT_KNOWN_TAXONOMIES,
                            )
                        ),
                    },
                )
            )
            continue
        topic_pk = ids.parse(str(term.get("id", "")), ids.TOPIC)
        is_ours = normalise_taxonomy(taxonomy_name) == normalise_taxonomy(TOPICS_TAXONOMY_NAME)
        if is_ours:
            topic = lookups.topics.get(topic_pk or 0) or lookups.topics_by_name.get(
                _text(term, "name").lower()
            )
            if topic is None:
                problems.append(
                    (
                        f"{at}.taxonomy_term",
                        _("no current topic on this site is called %(name)s")
                        % {"name": term.get("name", "")},
                    )
                )
                continue
            planned.append(
                PlannedTerm(
                    uuid=str(term.get("id")),
                    name=topic.name,
                    description="",
                    code="",
                    term_uri="",
                    parent_uuid=None,
                    taxonomy_uuid=ids.TOPICS_TAXONOMY_ID,
                    taxonomy_name=TOPICS_TAXONOMY_NAME,
                    topic_id=topic.pk,
                )
            )
            continue
        planned.append(
            PlannedTerm(
                uuid=str(term.get("id") or term_id),
                name=_text(term, "name")[:300],
                description=_text(term, "description"),
                code=_text(term, "term")[:200],
                term_uri=_text(term, "term_uri")[:500],
                parent_uuid=str(term["parent_id"]) if ids.is_uuid(term.get("parent_id")) else None,
                taxonomy_uuid=taxonomy_id
                or str(uuid.uuid5(uuid.NAMESPACE_URL, f"oruk-taxonomy:{taxonomy_name}")),
                taxonomy_name=taxonomy_name[:200],
                topic_id=None,
            )
        )
    return planned


def _locations(
    service: dict[str, Any], lookups: _Lookups, problems: list[tuple[str, str]]
) -> list[PlannedLocation]:
    planned = []
    for n, link in enumerate(service.get("service_at_locations") or []):
        if not isinstance(link, dict) or not isinstance(link.get("location"), dict):
            continue
        location = link["location"]
        at = f"service_at_locations.{n}.location."
        problems.extend(_too_long(location, _LOCATION_LIMITS, at))
        latitude, longitude = location.get("latitude"), location.get("longitude")
        if all(v is None or isinstance(v, int | float) for v in (latitude, longitude)):
            # The assets app's one rule for a point: both or neither, on the globe, in the UK.
            for name, reason in check_coordinates(latitude, longitude).items():
                problems.append((f"{at}{name}", str(reason)))
        addresses = [a for a in location.get("addresses") or [] if isinstance(a, dict)]
        physical = next(
            (a for a in addresses if a.get("address_type") == "physical"),
            addresses[0] if addresses else {},
        )
        for m, address in enumerate(addresses):
            problems.extend(_too_long(address, _ADDRESS_LIMITS, f"{at}addresses.{m}."))
        planned.append(
            PlannedLocation(
                source_id=str(location.get("id", "")),
                name=_text(location, "name")[:160],
                address_1=_text(physical, "address_1")[:200],
                city=_text(physical, "city")[:100],
                postcode=_text(physical, "postal_code")[:10],
                latitude=float(latitude) if isinstance(latitude, int | float) else None,
                longitude=float(longitude) if isinstance(longitude, int | float) else None,
                place=lookups.place_named(
                    _text(physical, "city"),
                    _text(physical, "region"),
                    _text(physical, "state_province"),
                    _text(location, "name"),
                ),
            )
        )
    return planned


def _openings(service: dict[str, Any], problems: list[tuple[str, str]]) -> list[PlannedOpening]:
    planned: list[PlannedOpening] = []
    for n, schedule in enumerate(service.get("schedules") or []):
        if not isinstance(schedule, dict) or not schedule.get("byday"):
            continue  # a schedule without days (a description only) has nothing to list
        at = f"schedules.{n}."
        opens, closes = _time(schedule.get("opens_at")), _time(schedule.get("closes_at"))
        if opens is None or closes is None:
            problems.append((f"{at}opens_at", _("give opening and closing times as HH:MM")))
            continue
        if closes <= opens:
            problems.append((f"{at}closes_at", _("must be after opens_at")))
            continue
        days = [day.strip().upper()[-2:] for day in str(schedule["byday"]).split(",")]
        unknown = [day for day in days if day not in _WEEKDAYS]
        if unknown:
            problems.append(
                (f"{at}byday", _("unknown day %(day)s (use MO, TU, ... SU)") % {"day": unknown[0]})
            )
            continue
        note = _text(schedule, "description")[:200]
        planned.extend(
            PlannedOpening(weekday=_WEEKDAYS[day], opens=opens, closes=closes, note=note)
            for day in dict.fromkeys(days)
        )
    return planned


def _kind(service: dict[str, Any], organisation: PlannedOrganisation | None) -> str:
    words = _text(service, "name")
    if _GROUP_WORDS.search(words):
        return AssetKind.ASSOCIATION
    return AssetKind.INSTITUTION


def check_package(package: Package, *, default_place: Place | None) -> Checked:
    """Check every service in `package`; see the module's docstring."""
    lookups = _Lookups(package, default_place)
    counts = Counter(
        str(s.get("id")) for s in package.services if isinstance(s, dict) and s.get("id")
    )
    planned: list[Planned] = []
    errors: list[RecordError] = []
    skipped: list[str] = []
    for n, service in enumerate(package.services, start=1):
        record_id = (
            str(service.get("id")) if isinstance(service, dict) and service.get("id") else f"#{n}"
        )
        if not isinstance(service, dict):
            errors.append(RecordError(record_id, _("(the record)"), _("is not a JSON object")))
            continue
        own_pk = ids.parse(record_id, ids.SERVICE)
        if own_pk is not None and own_pk in lookups.own_services:
            skipped.append(record_id)
            continue
        problems = list(standard.errors(service, "service"))
        if counts[record_id] > 1:
            problems.append(("id", _("appears %(n)s times in the file") % {"n": counts[record_id]}))
        problems.extend(_too_long(service, _LIMITS, ""))
        if isinstance(service.get("name"), str) and not _text(service, "description"):
            problems.append(
                ("description", _("missing: this site lists a service only with a description"))
            )
        organisation = _organisation(service, lookups, problems)
        locations = _locations(service, lookups, problems)
        openings = _openings(service, problems)
        terms = _terms(service, lookups, problems)
        place = next((loc.place for loc in locations if loc.place is not None), None)
        place = place or lookups.default_place
        if place is None:
            problems.append(
                (
                    "service_at_locations",
                    _(
                        "none of its locations is in a place this site knows, and no default "
                        "place was chosen"
                    ),
                )
            )
        if problems:
            errors.extend(RecordError(record_id, path, reason) for path, reason in problems)
            continue
        assert place is not None  # noqa: S101 (an error above otherwise)
        accessibility = "\n".join(
            _text(item, "description")
            for link in service.get("service_at_locations") or []
            for item in (link.get("location") or {}).get("accessibility") or []
            if isinstance(item, dict) and _text(item, "description")
        )[:2000]
        planned.append(
            Planned(
                source_id=record_id,
                kind=_kind(service, organisation),
                name=_text(service, "name"),
                description=_text(service, "description"),
                email=_text(service, "email"),
                website=_text(service, "url"),
                accessibility=accessibility,
                published=service.get("status") == "active",
                reviewed_at=_reviewed_at(service.get("assured_date")),
                place=place,
                organisation=organisation,
                locations=locations,
                openings=openings,
                terms=terms,
            )
        )
    return Checked(planned=planned, errors=errors, skipped=skipped, received=len(package.services))
