"""The Open Referral UK read API at /openreferral/: the profile's paths, open to anyone with no
key, `Access-Control-Allow-Origin: *` on every response (the profile asks for it), public
services only (selectors.public_services), JSON shaped by serialising.py.

Plain views rather than the site's django-ninja API: that API is for members' tokens and our own
shapes, while this one follows someone else's specification field for field and needs no auth.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet, Value
from django.db.models.functions import Replace, Upper
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse

from groundswell.assets.models import Asset, AssetLocation, OpeningTime
from groundswell.openreferral import ids, selectors, serialising, standard
from groundswell.topics.models import Topic

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500
CACHE_SECONDS = 300
_DAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
_DAY_NAMES = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

Body = dict[str, Any] | HttpResponse


class BadParameter(Exception):
    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name, self.reason = name, reason


def _cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = "*"
    response["Access-Control-Max-Age"] = "86400"
    return response


def _error(status: int, message: str) -> HttpResponse:
    return _cors(JsonResponse({"status": status, "message": message}, status=status))


def endpoint(view: Callable[..., Body]) -> Callable[..., HttpResponse]:
    """GET (and HEAD, OPTIONS) only, CORS on every response, a cacheable JSON body with an ETag
    (a repeat request with If-None-Match gets 304), bad parameters answered 400, not 500."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS":
            return _cors(HttpResponse(status=204))
        if request.method not in ("GET", "HEAD"):
            response = _error(405, "Only GET is offered.")
            response["Allow"] = "GET, HEAD, OPTIONS"
            return response
        try:
            data = view(request, *args, **kwargs)
        except BadParameter as exc:
            return _error(400, str(exc))
        if isinstance(data, HttpResponse):
            return _cors(data)
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        tag = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
        if request.headers.get("If-None-Match") == tag:
            response = HttpResponse(status=304)
        else:
            response = HttpResponse(body, content_type="application/json")
        response["ETag"] = tag
        response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
        return _cors(response)

    wrapped.csrf_exempt = True  # type: ignore[attr-defined]
    return wrapped


def _int(request: HttpRequest, name: str, default: int, *, low: int, high: int) -> int:
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise BadParameter(name, "must be a whole number") from exc
    if not low <= value <= high:
        raise BadParameter(name, f"must be between {low} and {high}")
    return value


def _paged(
    request: HttpRequest, rows: QuerySet[Any], make: Callable[[Any], dict[str, Any]]
) -> dict[str, Any]:
    number = _int(request, "page", 1, low=1, high=1_000_000)
    size = _int(request, "per_page", DEFAULT_PER_PAGE, low=1, high=MAX_PER_PAGE)
    total = rows.count()
    start = (number - 1) * size
    contents = [make(row) for row in rows[start : start + size]] if start < total else []
    return serialising.page(contents, total=total, number=number, size=size)


def _time(request: HttpRequest, name: str) -> dt.time | None:
    raw = request.GET.get(name, "")
    if not raw:
        return None
    try:
        return dt.time.fromisoformat(raw)
    except ValueError as exc:
        raise BadParameter(name, "must be a time such as 09:30") from exc


def _filtered_services(request: HttpRequest) -> QuerySet[Asset]:
    services = selectors.filter_services(
        selectors.public_services(),
        search=request.GET.get("search", "").strip()[:200],
        taxonomy_term_id=request.GET.get("taxonomy_term_id", "").strip(),
        taxonomy_id=request.GET.get("taxonomy_id", "").strip(),
        organization_id=request.GET.get("organization_id", "").strip(),
    )
    day_raw = request.GET.get("day", "").strip()
    start, end = _time(request, "start_time"), _time(request, "end_time")
    if day_raw or start or end:
        day = (
            _DAYS.get(day_raw.upper()[:2]) if len(day_raw) == 2 else _DAY_NAMES.get(day_raw.lower())
        )
        if day_raw and day is None:
            raise BadParameter("day", "must be a day such as MO or Monday")
        times = OpeningTime.objects.filter(asset_id=OuterRef("pk"))
        if day is not None:
            times = times.filter(weekday=day)
        if start is not None:
            times = times.filter(opens__gte=start)
        if end is not None:
            times = times.filter(closes__lte=end)
        services = services.filter(Exists(times))
    # minimum_age and maximum_age are accepted but do not narrow: we keep no ages for services.
    return services


@endpoint
def root(request: HttpRequest) -> dict[str, Any]:
    return {
        "version": standard.HSDS_VERSION,
        "profile": getattr(
            settings, "OPENREFERRAL_PROFILE_URL", "https://github.com/OpenReferralUK/uk-profile"
        ),
        "openapi_url": request.build_absolute_uri(reverse("openreferral:openapi")),
    }


@endpoint
def openapi(request: HttpRequest) -> dict[str, Any]:
    """The profile's own OpenAPI description, as vendored (schemas/README.md)."""
    return standard.openapi()


@endpoint
def services(request: HttpRequest) -> dict[str, Any]:
    rows = selectors.with_details(_filtered_services(request), full=False).order_by("name", "id")
    return _paged(request, rows, serialising.service_summary)


@endpoint
def service_detail(request: HttpRequest, service_id: str) -> dict[str, Any] | HttpResponse:
    asset = selectors.service_by_id(service_id)
    if asset is None:
        return _error(404, "No public service has this id.")
    return serialising.service_full(asset)


def _links(request: HttpRequest) -> QuerySet[AssetLocation]:
    links = AssetLocation.objects.filter(asset__in=_filtered_services(request)).select_related(
        "location", "asset__organisation", "asset__organisation__oruk_source"
    )
    postcode = request.GET.get("postcode", "").replace(" ", "").upper()[:10]
    if postcode:
        # Postcodes are kept as written: compared without spaces, whole or by the outward code.
        links = links.annotate(
            bare_postcode=Replace(Upper("location__postcode"), Value(" "), Value(""))
        ).filter(bare_postcode__startswith=postcode)
    return links.order_by("asset__name", "id")


@endpoint
def service_at_locations(request: HttpRequest) -> dict[str, Any]:
    return _paged(request, _links(request), serialising.service_at_location_summary)


@endpoint
def service_at_location_detail(request: HttpRequest, link_id: str) -> dict[str, Any] | HttpResponse:
    pk = ids.parse(link_id, ids.SERVICE_AT_LOCATION)
    link = (
        AssetLocation.objects.filter(pk=pk, asset__in=selectors.public_services())
        .select_related("location")
        .first()
        if pk is not None
        else None
    )
    if link is None:
        return _error(404, "No public service at a location has this id.")
    asset = selectors.service_by_id(serialising.service_id(link.asset))
    if asset is None:
        return _error(404, "No public service at a location has this id.")
    return {
        "id": ids.make(ids.SERVICE_AT_LOCATION, link.pk),
        "service_id": serialising.service_id(asset),
        "location_id": selectors.location_id(link.location),
        "location": serialising.location(link.location),
        "service": serialising.service_full(asset),
    }


def _all_taxonomies() -> list[dict[str, Any]]:
    return [serialising.topics_taxonomy()] + [
        serialising.taxonomy(row) for row in selectors.taxonomies()
    ]


@endpoint
def taxonomies(request: HttpRequest) -> dict[str, Any]:
    every = _all_taxonomies()
    number = _int(request, "page", 1, low=1, high=1_000_000)
    size = _int(request, "per_page", DEFAULT_PER_PAGE, low=1, high=MAX_PER_PAGE)
    chunk = every[(number - 1) * size : number * size]
    return serialising.page(chunk, total=len(every), number=number, size=size)


@endpoint
def taxonomy_detail(request: HttpRequest, taxonomy_id: str) -> dict[str, Any] | HttpResponse:
    for row in _all_taxonomies():
        if row["id"] == taxonomy_id:
            return row
    return _error(404, "No taxonomy has this id.")


@endpoint
def taxonomy_terms(request: HttpRequest) -> dict[str, Any]:
    """Our current topics (the "Groundswell topics" taxonomy), then the imported terms."""
    number = _int(request, "page", 1, low=1, high=1_000_000)
    size = _int(request, "per_page", DEFAULT_PER_PAGE, low=1, high=MAX_PER_PAGE)
    taxonomy_id = request.GET.get("taxonomy_id", "").strip()
    topics = Topic.objects.current().order_by("name", "id")
    terms = selectors.taxonomy_terms()
    if taxonomy_id:
        if taxonomy_id == ids.TOPICS_TAXONOMY_ID:
            terms = terms.none()
        else:
            topics = topics.none()
            terms = (
                terms.filter(taxonomy__uuid=taxonomy_id)
                if ids.is_uuid(taxonomy_id)
                else terms.none()
            )
    topic_total, term_total = topics.count(), terms.count()
    start, stop = (number - 1) * size, number * size
    contents = (
        [serialising.topic_term(topic) for topic in topics[start:stop]]
        if start < topic_total
        else []
    )
    if len(contents) < size and stop > topic_total:
        first = max(0, start - topic_total)
        contents += [
            serialising.imported_term(term) for term in terms[first : first + size - len(contents)]
        ]
    return serialising.page(contents, total=topic_total + term_total, number=number, size=size)


@endpoint
def taxonomy_term_detail(request: HttpRequest, term_id: str) -> dict[str, Any] | HttpResponse:
    topic_pk = ids.parse(term_id, ids.TOPIC)
    if topic_pk is not None:
        topic = Topic.objects.current().filter(pk=topic_pk).first()
        if topic is not None:
            return serialising.topic_term(topic)
    elif ids.is_uuid(term_id):
        term = selectors.taxonomy_terms().filter(uuid=term_id).first()
        if term is not None:
            return serialising.imported_term(term)
    return _error(404, "No taxonomy term has this id.")
