"""What the Open Referral read API and the export serve: public services only.

Who may see an asset is decided once, by `Asset.objects.visible_to` (assets.models); here it is
asked for an anonymous visitor, never re-implemented. On top of it Open Referral serves only
services (institutions and groups, never a person's gift) of organisations that are active, or
of no organisation.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from groundswell.assets.models import Asset, AssetKind, AssetLocation, Location
from groundswell.openreferral import ids
from groundswell.openreferral.checking import SOURCE_PREFIX
from groundswell.openreferral.models import AssetTerm, Taxonomy, TaxonomyTerm
from groundswell.organisations.models import OrganisationStatus
from groundswell.topics.models import Topic

SERVICE_KINDS = (AssetKind.INSTITUTION, AssetKind.ASSOCIATION)


def public_services() -> QuerySet[Asset]:
    return (
        Asset.objects.visible_to(None)
        .filter(kind__in=SERVICE_KINDS)
        .filter(Q(organisation__isnull=True) | Q(organisation__status=OrganisationStatus.ACTIVE))
    )


def with_details(services: QuerySet[Asset], *, full: bool) -> QuerySet[Asset]:
    """Load what a service's Open Referral form shows in a fixed number of queries."""
    services = services.select_related("organisation", "organisation__oruk_source")
    if not full:
        return services
    return services.prefetch_related(
        Prefetch(
            "asset_locations",
            queryset=AssetLocation.objects.select_related("location").order_by("id"),
        ),
        "opening_times",
        Prefetch("topics", queryset=Topic.objects.order_by("name")),
        Prefetch(
            "openreferral_terms",
            queryset=AssetTerm.objects.select_related("term__taxonomy").order_by("id"),
        ),
    )


def filter_services(
    services: QuerySet[Asset],
    *,
    search: str = "",
    taxonomy_term_id: str = "",
    taxonomy_id: str = "",
    organization_id: str = "",
) -> QuerySet[Asset]:
    """The profile's own filter parameters. An id that names nothing matches nothing."""
    if search:
        services = services.filter(Q(name__icontains=search) | Q(description__icontains=search))
    if taxonomy_term_id:
        topic_pk = ids.parse(taxonomy_term_id, ids.TOPIC)
        if topic_pk is not None:
            services = services.filter(
                Exists(
                    Asset.topics.through.objects.filter(asset_id=OuterRef("pk"), topic_id=topic_pk)
                )
            )
        elif ids.is_uuid(taxonomy_term_id):
            services = services.filter(
                Exists(
                    AssetTerm.objects.filter(asset_id=OuterRef("pk"), term__uuid=taxonomy_term_id)
                )
            )
        else:
            services = services.none()
    if taxonomy_id:
        if taxonomy_id == ids.TOPICS_TAXONOMY_ID:
            services = services.filter(
                Exists(Asset.topics.through.objects.filter(asset_id=OuterRef("pk")))
            )
        elif ids.is_uuid(taxonomy_id):
            services = services.filter(
                Exists(
                    AssetTerm.objects.filter(
                        asset_id=OuterRef("pk"), term__taxonomy__uuid=taxonomy_id
                    )
                )
            )
        else:
            services = services.none()
    if organization_id:
        org_pk = ids.parse(organization_id, ids.ORGANISATION)
        if org_pk is not None:
            services = services.filter(organisation_id=org_pk)
        elif ids.is_uuid(organization_id):
            services = services.filter(organisation__oruk_source__source_id=organization_id)
        else:
            services = services.none()
    return services


def service_by_id(service_id: str) -> Asset | None:
    """A public service by its Open Referral id: ours (derived from the key) or an imported
    one's own id."""
    services = with_details(public_services(), full=True)
    pk = ids.parse(service_id, ids.SERVICE)
    if pk is not None:
        return services.filter(pk=pk, source="").first()
    if not ids.is_uuid(service_id):
        return None
    return services.filter(source__startswith=SOURCE_PREFIX, source_id=service_id).first()


def public_service_locations() -> QuerySet[AssetLocation]:
    return AssetLocation.objects.filter(asset__in=public_services())


def location_id(location: Location) -> str:
    if location.source.startswith(SOURCE_PREFIX) and ids.is_uuid(location.source_id):
        return location.source_id
    return ids.make(ids.LOCATION, location.pk)


def taxonomies() -> list[Taxonomy]:
    return list(Taxonomy.objects.order_by("name", "id"))


def taxonomy_terms() -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.select_related("taxonomy").order_by("name", "id")
