"""Writing checked Open Referral services (checking.Planned) as organisations, assets,
locations, opening times and taxonomy terms: new rows created, rows from an earlier import of the
same records (the same source ids) updated, in bulk, in the caller's transaction.

Why bulk and not one assets.services call per row: a council's directory is thousands of
services, and the issue's target is 10,000 in under a minute; row-at-a-time writes are about ten
queries a service. What an import changes is what a publisher says about its own services, so it
leaves alone what people did here: moderators' hiding, a claim, reviews, reports.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connections, router, transaction
from django.utils import timezone
from django.utils.text import slugify

from groundswell.assets.models import (
    Asset,
    AssetLocation,
    Audience,
    Location,
    OpeningTime,
    Status,
)
from groundswell.assets.services import RESERVED_SLUGS as ASSET_RESERVED_SLUGS
from groundswell.openreferral.checking import (
    SOURCE_PREFIX,
    Planned,
    PlannedLocation,
    PlannedOrganisation,
    PlannedTerm,
)
from groundswell.openreferral.models import AssetTerm, ImportedOrganisation, Taxonomy, TaxonomyTerm
from groundswell.organisations.models import Organisation, OrganisationKind, OrganisationStatus
from groundswell.topics.models import Topic

BATCH = 500


@dataclass
class Written:
    services_created: int = 0
    services_updated: int = 0
    organisations_created: int = 0
    organisations_updated: int = 0
    locations_created: int = 0
    locations_updated: int = 0
    # Content items of every asset written (to index for search), and the assets an earlier
    # import wrote whose own details this one changed (their followers are told).
    item_ids: tuple[int, ...] = ()
    changed_asset_ids: tuple[int, ...] = ()


def _imported(queryset: Any) -> Any:
    # Every publisher's rows: the same record from a renamed publisher is still the same record.
    return queryset.filter(source__startswith=SOURCE_PREFIX)


class _Slugs:
    """Unique slugs for many new rows with one query (the taken ones are read once)."""

    def __init__(self, taken: Iterable[str], reserved: Iterable[str] = ()) -> None:
        self.taken = set(taken) | set(reserved)

    def make(self, name: str, fallback: str, limit: int) -> str:
        base = slugify(name)[: limit - 8].strip("-") or fallback
        slug, n = base, 1
        while slug in self.taken:
            n += 1
            slug = f"{base}-{n}"
        self.taken.add(slug)
        return slug


def _update(model: Any, rows: list[Any], fields: list[str]) -> None:
    """Save `fields` of many rows: one UPDATE statement run for each row (executemany).

    Not QuerySet.bulk_update: it writes a CASE with a WHEN per row for every field, and
    re-importing 2,000 services took 10 s with it against under 2 s this way
    (bench/oruk_bench.py --again)."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    columns = [model._meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    # Only quoted table and column names from the model's own meta go into the text; every
    # value is a parameter.
    sql = "UPDATE {} SET {} WHERE {} = %s".format(  # noqa: S608
        quote(model._meta.db_table),
        ", ".join(f"{quote(field.column)} = %s" for field in columns),
        quote(model._meta.pk.column),
    )
    params = [
        [field.get_db_prep_save(getattr(row, field.attname), connection) for field in columns]
        + [row.pk]
        for row in rows
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(params), BATCH):
            cursor.executemany(sql, params[start : start + BATCH])


def _organisation_kind(name: str) -> str:
    lowered = name.lower()
    if "council" in lowered:
        return OrganisationKind.COUNCIL
    if "nhs" in lowered or "trust" in lowered:
        return OrganisationKind.NHS_TRUST
    if "surgery" in lowered or "medical practice" in lowered:
        return OrganisationKind.GP_PRACTICE
    if "charity" in lowered:
        return OrganisationKind.CHARITY
    return OrganisationKind.OTHER


def _organisations(
    planned: list[Planned], source: str, written: Written
) -> dict[str, Organisation]:
    """The organisation for each source id, created or updated."""
    wanted: dict[str, PlannedOrganisation] = {}
    for service in planned:
        if service.organisation is not None:
            wanted.setdefault(service.organisation.source_id, service.organisation)
    found: dict[str, Organisation] = {}
    new: list[tuple[PlannedOrganisation, Organisation]] = []
    changed: list[Organisation] = []
    slugs: _Slugs | None = None
    for source_id, plan in wanted.items():
        org = plan.existing
        if org is not None and plan.is_ours:
            # One of this site's own organisations (an id we exported): linked, never changed.
            found[source_id] = org
            continue
        if org is None:
            if slugs is None:
                from groundswell.organisations.services import RESERVED_SLUGS

                slugs = _Slugs(Organisation.objects.values_list("slug", flat=True), RESERVED_SLUGS)
            org = Organisation(
                name=plan.name,
                slug=slugs.make(plan.name, "organisation", 140),
                kind=_organisation_kind(plan.name),
                description=plan.description,
                contact_email=plan.email,
                website=plan.website,
                status=OrganisationStatus.ACTIVE,
                created_by=None,
            )
            new.append((plan, org))
        else:
            org.name, org.description = plan.name, plan.description
            org.contact_email, org.website = plan.email, plan.website
            changed.append(org)
        found[source_id] = org
    Organisation.objects.bulk_create([org for _plan, org in new], batch_size=BATCH)
    ImportedOrganisation.objects.bulk_create(
        [
            ImportedOrganisation(organisation=org, source=source, source_id=plan.source_id)
            for plan, org in new
        ],
        batch_size=BATCH,
    )
    if changed:
        now = timezone.now()
        for org in changed:
            org.updated_at = now
        _update(
            Organisation, changed, ["name", "description", "contact_email", "website", "updated_at"]
        )
        ImportedOrganisation.objects.filter(organisation__in=changed).update(
            source=source, imported_at=now
        )
    written.organisations_created += len(new)
    written.organisations_updated += len(changed)
    return found


def _locations(planned: list[Planned], source: str, written: Written) -> dict[str, Location]:
    wanted: dict[str, PlannedLocation] = {}
    for service in planned:
        for location in service.locations:
            wanted.setdefault(location.source_id, location)
    existing = {
        row.source_id: row for row in _imported(Location.objects).filter(source_id__in=list(wanted))
    }
    new: list[Location] = []
    changed: list[Location] = []
    for source_id, plan in wanted.items():
        row = existing.get(source_id) or Location(source=source, source_id=source_id)
        row.name, row.address_1, row.city, row.postcode = (
            plan.name,
            plan.address_1,
            plan.city,
            plan.postcode,
        )
        row.latitude, row.longitude, row.place = plan.latitude, plan.longitude, plan.place
        row.source = source
        (changed if row.pk else new).append(row)
        existing[source_id] = row
    Location.objects.bulk_create(new, batch_size=BATCH)
    _update(
        Location,
        changed,
        ["name", "address_1", "city", "postcode", "latitude", "longitude", "place", "source"],
    )
    written.locations_created += len(new)
    written.locations_updated += len(changed)
    return existing


def _terms(planned: list[Planned]) -> dict[str, TaxonomyTerm]:
    """Imported taxonomies and terms, created or updated; our own topics' terms are not stored
    (they are topics)."""
    terms: dict[str, PlannedTerm] = {}
    for service in planned:
        for term in service.terms:
            if term.topic_id is None:
                terms.setdefault(term.uuid, term)
    taxonomies = {
        str(row.uuid): row
        for row in Taxonomy.objects.filter(uuid__in={t.taxonomy_uuid for t in terms.values()})
    }
    new_taxonomies = []
    for term in terms.values():
        if term.taxonomy_uuid not in taxonomies:
            taxonomy = Taxonomy(uuid=term.taxonomy_uuid, name=term.taxonomy_name)
            taxonomies[term.taxonomy_uuid] = taxonomy
            new_taxonomies.append(taxonomy)
    Taxonomy.objects.bulk_create(new_taxonomies)
    stored = {str(row.uuid): row for row in TaxonomyTerm.objects.filter(uuid__in=list(terms))}
    topics = {topic.name.lower(): topic.pk for topic in Topic.objects.current()}
    new: list[TaxonomyTerm] = []
    changed: list[TaxonomyTerm] = []
    for uuid, plan in terms.items():
        row = stored.get(uuid) or TaxonomyTerm(uuid=uuid)
        row.taxonomy = taxonomies[plan.taxonomy_uuid]
        row.name, row.description, row.code = plan.name, plan.description, plan.code
        row.term_uri, row.parent_uuid = plan.term_uri, plan.parent_uuid
        if row.topic_id is None:
            # The explicit mapping: a topic of the same name; an administrator's later choice
            # in the Django admin is kept by the next import.
            row.topic_id = topics.get(plan.name.lower()) or topics.get(plan.code.lower())
        (changed if row.pk else new).append(row)
        stored[uuid] = row
    TaxonomyTerm.objects.bulk_create(new, batch_size=BATCH)
    _update(
        TaxonomyTerm,
        changed,
        ["taxonomy", "name", "description", "code", "term_uri", "parent_uuid", "topic"],
    )
    return stored


def write(*, planned: list[Planned], source: str) -> Written:
    """Write `planned` services from `source` ("Open Referral UK: <publisher>"). Runs inside the
    caller's transaction (services.oruk_import owns it), so a failure part way leaves nothing."""
    assert transaction.get_connection().in_atomic_block  # noqa: S101 (the caller owns it)
    written = Written()
    organisations = _organisations(planned, source, written)
    locations = _locations(planned, source, written)
    terms = _terms(planned)
    now = timezone.now()

    existing = {
        asset.source_id: asset
        for asset in _imported(Asset.objects).filter(
            source_id__in=[service.source_id for service in planned]
        )
    }
    slugs: _Slugs | None = None
    new: list[Asset] = []
    changed: list[Asset] = []
    details_changed: list[int] = []
    for service in planned:
        asset = existing.get(service.source_id)
        before = _details(asset) if asset is not None else None
        if asset is None:
            if slugs is None:
                slugs = _Slugs(Asset.objects.values_list("slug", flat=True), ASSET_RESERVED_SLUGS)
            asset = Asset(
                source_id=service.source_id,
                slug=slugs.make(service.name, "service", 180),
                audience=Audience.PUBLIC,
                created_by=None,
            )
        asset.source = source
        asset.kind = service.kind
        asset.name, asset.description = service.name, service.description
        asset.contact_email, asset.website = service.email, service.website
        asset.accessibility = service.accessibility
        asset.place = service.place
        if service.organisation is not None:
            asset.organisation = organisations[service.organisation.source_id]
        elif asset.pk is None:
            asset.organisation = None
        # else: an organisation a claim set is kept when the file names none (as
        # assets.services.asset_save_imported does); the owner is never touched.
        asset.status = Status.PUBLISHED if service.published else Status.WITHDRAWN
        asset.last_reviewed_at = service.reviewed_at or now
        if before is not None and before != _details(asset):
            details_changed.append(asset.pk)
        asset.updated_at = now
        (changed if asset.pk else new).append(asset)
        existing[service.source_id] = asset
    Asset.objects.bulk_create(new, batch_size=BATCH)
    _update(
        Asset,
        changed,
        [
            "source",
            "kind",
            "name",
            "description",
            "contact_email",
            "website",
            "accessibility",
            "place",
            "organisation",
            "status",
            "last_reviewed_at",
            "updated_at",
        ],
    )
    written.services_created, written.services_updated = len(new), len(changed)

    # What hangs off each service is replaced by what the file says now.
    _replace_children([asset.pk for asset in changed])
    links: list[AssetLocation] = []
    openings: list[OpeningTime] = []
    asset_terms: list[AssetTerm] = []
    topic_links: set[tuple[int, int]] = set()
    through = Asset.topics.through
    for service in planned:
        asset = existing[service.source_id]
        links.extend(
            AssetLocation(asset=asset, location=locations[loc.source_id])
            for loc in {loc.source_id: loc for loc in service.locations}.values()
        )
        openings.extend(
            OpeningTime(asset=asset, weekday=o.weekday, opens=o.opens, closes=o.closes, note=o.note)
            for o in service.openings
        )
        for term in service.terms:
            if term.topic_id is not None:
                topic_links.add((asset.pk, term.topic_id))
                continue
            stored = terms[term.uuid]
            asset_terms.append(AssetTerm(asset=asset, term=stored))
            if stored.topic_id is not None:
                topic_links.add((asset.pk, stored.topic_id))
    AssetLocation.objects.bulk_create(links, batch_size=BATCH, ignore_conflicts=True)
    OpeningTime.objects.bulk_create(openings, batch_size=BATCH)
    AssetTerm.objects.bulk_create(asset_terms, batch_size=BATCH, ignore_conflicts=True)
    through.objects.bulk_create(
        [through(asset_id=a, topic_id=t) for a, t in sorted(topic_links)],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    _organisation_places(organisations, planned)
    written.item_ids = tuple(asset.item_id for asset in [*new, *changed])
    written.changed_asset_ids = tuple(details_changed)
    return written


_DETAILS = (
    "kind",
    "name",
    "description",
    "contact_email",
    "website",
    "accessibility",
    "place_id",
    "organisation_id",
    "status",
)


def _details(asset: Asset) -> tuple[object, ...]:
    return tuple(getattr(asset, name) for name in _DETAILS)


def _replace_children(asset_ids: list[int]) -> None:
    for start in range(0, len(asset_ids), BATCH):
        chunk = asset_ids[start : start + BATCH]
        AssetLocation.objects.filter(asset_id__in=chunk).delete()
        OpeningTime.objects.filter(asset_id__in=chunk).delete()
        AssetTerm.objects.filter(asset_id__in=chunk).delete()
        Asset.topics.through.objects.filter(asset_id__in=chunk).delete()


def _organisation_places(organisations: dict[str, Organisation], planned: list[Planned]) -> None:
    """An imported organisation serves the places its services are in (its page and the
    organisations' place filter say so). This site's own organisations are left as they are."""
    through = Organisation.places.through
    pairs = set()
    for service in planned:
        if service.organisation is None or service.organisation.is_ours:
            continue
        pairs.add((organisations[service.organisation.source_id].pk, service.place.pk))
    through.objects.bulk_create(
        [through(organisation_id=o, place_id=p) for o, p in sorted(pairs)],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
