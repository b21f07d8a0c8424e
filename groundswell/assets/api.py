"""Community assets in the API: this app's own router, mounted by the api app
(groundswell/api/routers.py), which keeps tokens, auth, limits and errors.

Every output field is listed on purpose: a new model field never reaches the API by accident.
A gift carries no coordinates, address or contact, and its person only as they chose to be shown.
The list reads the same filters as the web list (forms.AssetFilterForm) and the same rule
(Asset.objects.visible_to).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import AfterValidator, Field, StringConstraints

from groundswell.api.auth import READ_AUTH, READ_SECURITY, WRITE_AUTH, viewer, writer
from groundswell.api.endpoints.common import responses
from groundswell.api.errors import field_error, from_django
from groundswell.api.schemas import PAGE_SIZE_DEFAULT, PageSize, Slug, Strict, Text
from groundswell.assets import permissions, selectors, services
from groundswell.assets.forms import AssetFilterForm
from groundswell.assets.models import Asset, AssetKind, Audience
from groundswell.core.ratelimit import RateLimited
from groundswell.places.models import Place
from groundswell.topics.models import Topic

router = Router(tags=["Community assets"])

AssetSlug = Path(..., pattern=r"^[-a-zA-Z0-9_]{1,180}$", description="The asset's slug.")
KindName = Literal[tuple(AssetKind.values)]  # type: ignore[valid-type]
ListingKindName = Literal[tuple(v for v in AssetKind.values if v != "gift")]  # type: ignore[valid-type]
OpenName = Literal["now", "0", "1", "2", "3", "4", "5", "6"]


class OpeningTimeOut(Schema):
    weekday: int
    opens: dt.time
    closes: dt.time
    note: str


class AssetOut(Schema):
    slug: str
    name: str
    kind: str
    kind_label: str
    description: str
    place: str
    place_name: str
    topics: list[str]
    shown_as: str | None
    organisation: str | None
    contact_email: str
    contact_phone: str
    website: str
    accessibility: str
    latitude: float | None
    longitude: float | None
    address: str
    opening_times: list[OpeningTimeOut]
    last_checked: dt.date
    may_be_out_of_date: bool
    url: str


class AssetPageOut(Schema):
    items: list[AssetOut]
    next_page: int | None


class ListParams(Schema):
    q: Annotated[Text, StringConstraints(max_length=100)] = ""
    kind: KindName | None = None  # type: ignore[valid-type]
    topic: Slug | None = None
    place: Slug | None = None
    open: OpenName | None = None
    access: Annotated[Text, StringConstraints(max_length=100)] = ""
    page: Annotated[int, Field(ge=1, le=10_000)] = 1
    limit: PageSize = PAGE_SIZE_DEFAULT


def _local_time(value: dt.time) -> dt.time:
    """Opening times are the place's own clock (the site's time zone), never an offset."""
    if value.tzinfo is not None:
        raise ValueError(
            _("Give the time as the place's own clock time, like 09:30, with no time zone.")
        )
    return value


LocalTime = Annotated[dt.time, AfterValidator(_local_time)]


class OpeningTimeIn(Strict):
    weekday: Annotated[int, Field(ge=0, le=6)]
    opens: LocalTime
    closes: LocalTime
    note: Annotated[Text, StringConstraints(max_length=200)] = ""


class AssetIn(Strict):
    kind: ListingKindName  # type: ignore[valid-type]
    name: Annotated[Text, StringConstraints(min_length=1, max_length=160)]
    description: Annotated[Text, StringConstraints(min_length=1, max_length=4000)]
    place: Slug
    topics: list[Slug] = []
    audience: Literal["public", "members"] = "public"
    contact_email: Annotated[Text, StringConstraints(max_length=254)] = ""
    contact_phone: Annotated[Text, StringConstraints(max_length=40)] = ""
    website: Annotated[Text, StringConstraints(max_length=300)] = ""
    accessibility: Annotated[Text, StringConstraints(max_length=2000)] = ""
    address_1: Annotated[Text, StringConstraints(max_length=200)] = ""
    city: Annotated[Text, StringConstraints(max_length=100)] = ""
    postcode: Annotated[Text, StringConstraints(max_length=10)] = ""
    latitude: float | None = None
    longitude: float | None = None
    opening_times: list[OpeningTimeIn] = Field(default_factory=list, max_length=28)


def _out(request: HttpRequest, asset: Asset) -> dict[str, Any]:
    location = None
    lat = lon = None
    if not asset.is_gift:
        locations = list(asset.locations.all())
        location = locations[0] if locations else None
        with_point = [loc for loc in locations if loc.has_point]
        if with_point:
            lat, lon = with_point[0].latitude, with_point[0].longitude
    return {
        "slug": asset.slug,
        "name": asset.name,
        "kind": asset.kind,
        "kind_label": asset.get_kind_display(),
        "description": asset.description,
        "place": asset.place.slug,
        "place_name": asset.place.name,
        "topics": [t.slug for t in asset.topics.all()],
        "shown_as": asset.shown_name if asset.is_gift else None,
        "organisation": asset.organisation.slug if asset.organisation else None,
        "contact_email": asset.contact_email,
        "contact_phone": asset.contact_phone,
        "website": asset.website,
        "accessibility": asset.accessibility,
        "latitude": lat,
        "longitude": lon,
        "address": location.address if location else "",
        "opening_times": [
            {"weekday": t.weekday, "opens": t.opens, "closes": t.closes, "note": t.note}
            for t in asset.opening_times.all()
        ],
        "last_checked": asset.checked_at.date(),
        "may_be_out_of_date": asset.is_stale,
        "url": request.build_absolute_uri(reverse("assets:detail", args=[asset.slug])),
    }


@router.get(
    "/assets",
    response=responses({200: AssetPageOut}),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="Community assets, by name",
)
def asset_list(request: HttpRequest, params: Query[ListParams]) -> dict[str, Any]:
    """The same filters as the web list: `kind`, `topic` and `place` (slugs; a place includes
    every place within it), `open` ("now" in UK time, or a weekday 0 = Monday), `access` (words
    in the accessibility details) and `q` (words in the name or description)."""
    data = {k: v for k, v in params.dict().items() if k not in ("page", "limit") and v}
    form = AssetFilterForm(data)
    if data and not form.is_valid() and {"topic", "place"} & set(form.errors):
        # An unknown topic or place matches nothing, rather than everything.
        return {"items": [], "next_page": None}
    qs = form.apply(Asset.objects.visible_to(viewer(request)))
    start = (params.page - 1) * params.limit
    ids = list(
        qs.order_by("name", "id").values_list("id", flat=True)[start : start + params.limit + 1]
    )
    more = len(ids) > params.limit
    ids = ids[: params.limit]
    rows = {a.pk: a for a in selectors.with_card_data(Asset.objects.filter(pk__in=ids))}
    return {
        "items": [_out(request, rows[i]) for i in ids if i in rows],
        "next_page": params.page + 1 if more else None,
    }


@router.get(
    "/assets/{slug}",
    response=responses({200: AssetOut}, 404),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="One community asset",
)
def asset_detail(request: HttpRequest, slug: str = AssetSlug) -> dict[str, Any]:
    user = viewer(request)
    found = selectors.with_card_data(Asset.objects.visible_to(user)).filter(slug=slug).first()
    if found is None:
        raise HttpError(404, _("Not found. It may not exist, or you may not have access to it."))
    return _out(request, found)


@router.post(
    "/assets",
    response=responses({201: AssetOut}, write=True),
    auth=WRITE_AUTH,
    summary="Add a community asset (not a gift: gifts are listed on the site, with consent)",
)
def asset_create(request: HttpRequest, payload: AssetIn) -> Status[dict[str, Any]]:
    user = writer(request)
    if not permissions.can_add(user):
        raise HttpError(403, _("You can't add listings."))
    place = Place.objects.current().filter(slug=payload.place).first()
    if place is None:
        raise field_error("place", _("No such place."))
    topics = list(Topic.objects.current().filter(slug__in=payload.topics))
    if len(topics) != len(set(payload.topics)):
        raise field_error("topics", _("One or more of these topics does not exist."))
    errors = services.check_coordinates(payload.latitude, payload.longitude)
    if errors:
        name, message = next(iter(errors.items()))
        raise field_error(name, message)
    bad_times = [t for t in payload.opening_times if t.closes <= t.opens]
    if bad_times:
        raise field_error("opening_times", _("Each closing time must be after its opening time."))
    data = services.AssetInput(
        kind=payload.kind,
        name=payload.name.strip(),
        description=payload.description.strip(),
        place=place,
        topics=topics,
        audience=payload.audience if payload.audience in Audience.values else Audience.PUBLIC,
        contact_email=payload.contact_email.strip().lower(),
        contact_phone=payload.contact_phone.strip(),
        website=payload.website.strip(),
        accessibility=payload.accessibility.strip(),
        location=services.LocationInput(
            address_1=payload.address_1.strip(),
            city=payload.city.strip(),
            postcode=payload.postcode.strip().upper(),
            latitude=payload.latitude,
            longitude=payload.longitude,
        ),
        opening_times=[
            services.OpeningTimeInput(
                weekday=t.weekday, opens=t.opens, closes=t.closes, note=t.note.strip()
            )
            for t in payload.opening_times
        ],
    )
    try:
        asset = services.asset_create(actor=user, data=data)
    except RateLimited as exc:
        raise HttpError(429, exc.message) from exc
    except PermissionDenied as exc:
        raise HttpError(403, _("You can't add this listing.")) from exc
    except DjangoValidationError as exc:
        raise from_django(exc) from exc
    try:
        fresh = selectors.with_card_data(Asset.objects.filter(pk=asset.pk)).get()
    except Asset.DoesNotExist as exc:  # pragma: no cover - just created
        raise Http404 from exc
    return Status(201, _out(request, fresh))
