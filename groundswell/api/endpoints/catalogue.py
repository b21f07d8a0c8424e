"""Topics and places: the vocabularies stories are filed under."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router

from groundswell.api import schemas, serializers
from groundswell.api.auth import READ_AUTH, READ_SECURITY
from groundswell.api.endpoints.common import find_place, responses
from groundswell.api.pagination import cursor_id, decode_cursor, encode_cursor
from groundswell.places.models import Place, PlaceLevel
from groundswell.topics.models import Topic

router = Router(tags=["Topics and places"])


@router.get(
    "/topics",
    response=responses({200: schemas.TopicPage}, cursor=True),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="Topics, by name",
)
def topic_list(request: HttpRequest, params: Query[schemas.PageParams]) -> dict[str, Any]:
    """The topics offered for new stories: retired ones are left out (stories already tagged
    with them keep them)."""
    qs = Topic.objects.for_choice().order_by("name", "id")
    if params.cursor:
        name, last = decode_cursor(params.cursor, 2)
        qs = qs.filter(Q(name__gt=name) | Q(name=name, id__gt=cursor_id(last)))
    items = list(qs[: params.limit + 1])
    next_cursor = None
    if len(items) > params.limit:
        last_item = items[params.limit - 1]
        next_cursor = encode_cursor(last_item.name, last_item.pk)
    return {
        "items": [serializers.topic(t) for t in items[: params.limit]],
        "next_cursor": next_cursor,
    }


class PlaceFilters(schemas.PageParams):
    level: PlaceLevel = schemas.optional(description="nation, region, county or neighbourhood.")
    parent: schemas.Slug = schemas.optional(description="Only places directly inside this one.")
    within: schemas.Slug = schemas.optional(description="This place and everywhere inside it.")


@router.get(
    "/places",
    response=responses({200: schemas.PlacePage}, cursor=True),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="Places: nations, regions, counties and cities, neighbourhoods",
)
def place_list(request: HttpRequest, filters: Query[PlaceFilters]) -> dict[str, Any]:
    """In tree order: each place is followed by the places inside it. Retired places are left
    out (stories already in them keep them)."""
    qs = Place.objects.for_choice().order_by("path", "id")
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.parent:
        qs = qs.filter(parent=find_place(filters.parent, source="query", field="parent"))
    if filters.within:
        qs = qs.within(find_place(filters.within, source="query", field="within"))
    if filters.cursor:
        path, last = decode_cursor(filters.cursor, 2)
        qs = qs.filter(Q(path__gt=path) | Q(path=path, id__gt=cursor_id(last)))
    items = list(qs[: filters.limit + 1])
    next_cursor = None
    if len(items) > filters.limit:
        last_item = items[filters.limit - 1]
        next_cursor = encode_cursor(last_item.path, last_item.pk)
    return {
        "items": [serializers.place(p) for p in items[: filters.limit]],
        "next_cursor": next_cursor,
    }
