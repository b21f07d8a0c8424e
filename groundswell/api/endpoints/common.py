"""Pieces shared by the endpoint modules, the api app's and the domain apps' (each app's api.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from groundswell.api import schemas
from groundswell.api.errors import field_error
from groundswell.places.models import Place
from groundswell.topics.models import Topic

ERRORS_READ: dict[int, Any] = {
    401: schemas.ErrorOut,
    422: schemas.ValidationErrorOut,
    429: schemas.ErrorOut,
}
ERRORS_WRITE: dict[int, Any] = {
    **ERRORS_READ,
    400: schemas.ErrorOut,  # a body that is not JSON
    403: schemas.ErrorOut,
    404: schemas.ErrorOut,
    413: schemas.ErrorOut,
}


def responses(
    ok: dict[int, Any], *extra: int, write: bool = False, cursor: bool = False
) -> dict[int, Any]:
    """The documented responses of an operation: its success, the common errors, and extras.
    A list that takes a `cursor` answers 400 (with the validation shape) to one it never gave."""
    base = dict(ERRORS_WRITE if write else ERRORS_READ)
    if cursor:
        base[400] = schemas.ValidationErrorOut
    for status in extra:
        base.setdefault(status, schemas.ErrorOut)
    return {**base, **ok}


def find_topic(slug: str, *, source: str) -> Topic:
    """The topic a request names by slug, or a 422 on the field that named it."""
    found = Topic.objects.filter(slug=slug).first()
    if found is None:
        raise field_error("topic", f"There is no topic '{slug}'. See /api/topics.", source=source)
    return found


def find_place(slug: str, *, source: str, field: str = "place") -> Place:
    """The place a request names by slug, or a 422 on the field that named it."""
    found = Place.objects.filter(slug=slug).first()
    if found is None:
        raise field_error(field, f"There is no place '{slug}'. See /api/places.", source=source)
    return found


def choose_place(slug: str, *, source: str, keep: Place | int | None = None) -> Place:
    """The place a write files something under: one still offered, or `keep` (the place the
    thing being edited has now, even if since retired). A 422 on `place` otherwise."""
    found = Place.objects.for_choice(keep=[keep]).filter(slug=slug).first()
    if found is None:
        find_place(slug, source=source)  # no such place at all: say so
        raise field_error(
            "place", f"The place '{slug}' is no longer offered. See /api/places.", source=source
        )
    return found


def choose_topics(slugs: Iterable[str], *, keep: Iterable[Topic | int] = ()) -> list[Topic]:
    """The topics a write files something under, in the order given: ones still offered, or
    in `keep` (those the thing being edited has now). A 422 on `topics` naming the others."""
    wanted = list(dict.fromkeys(slugs))
    found = {t.slug: t for t in Topic.objects.for_choice(keep=keep).filter(slug__in=wanted)}
    missing = [s for s in wanted if s not in found]
    if missing:
        raise field_error(
            "topics",
            f"Unknown or retired topics: {', '.join(missing)}. See /api/topics.",
        )
    return [found[s] for s in wanted]
