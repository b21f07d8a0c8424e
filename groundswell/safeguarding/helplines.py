"""The one way to read help lines (Helpline rows) for a page: `helplines_for(place_id)`.

They are shown where someone's words suggest they may need support: the page where a story is
published, after a comment or a message, and to moderators on the alerts page. Those pages must
not wait on the database for them, so every active help line is kept in this process's memory
(CACHES["local"]) as plain rows, with the places each local one covers worked out in advance:
a warm read costs no query. A change on the staff screen (services.helpline_save) drops this
process's copy when it commits; other processes read the change within CACHE_SECONDS.

If the database has no active national help line at all (the table emptied by hand, say), the
lines from settings or the UK defaults (conf.fallback_helplines) are shown instead: a crisis
page never shows none.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import caches
from django.db import transaction

from groundswell.safeguarding import conf

CACHE_ALIAS = "local"
CACHE_KEY = "safeguarding:helplines:1"
# How long another process may show help lines as they were before a change.
CACHE_SECONDS = 60


@dataclass(frozen=True, slots=True)
class Line:
    name: str
    contact: str
    description: str
    order: int = 0
    place_name: str = ""  # "" for a national line


@dataclass(frozen=True, slots=True)
class _Kept:
    national: tuple[Line, ...]
    # place id -> the local lines shown there (its own and its ancestors')
    local: dict[int, tuple[Line, ...]]


def _load() -> _Kept:
    from groundswell.places.models import Place
    from groundswell.safeguarding.models import Helpline

    national: list[Line] = []
    local: dict[int, list[Line]] = {}
    rows = Helpline.objects.active().select_related("place").order_by("order", "name", "id")
    for row in rows:
        if row.place is None:
            national.append(Line(row.name, row.contact, row.description, row.order))
            continue
        line = Line(row.name, row.contact, row.description, row.order, row.place.name)
        for place_id in Place.objects.within(row.place).values_list("id", flat=True):
            local.setdefault(place_id, []).append(line)
    if not national:
        national = [
            Line(each["name"], each["contact"], each["description"], n)
            for n, each in enumerate(conf.fallback_helplines())
        ]
    return _Kept(tuple(national), {k: tuple(v) for k, v in local.items()})


def _kept() -> _Kept:
    cache = caches[CACHE_ALIAS]
    kept = cache.get(CACHE_KEY)
    if not isinstance(kept, _Kept):
        kept = _load()
        cache.set(CACHE_KEY, kept, CACHE_SECONDS)
    return kept


def helplines_for(place_id: int | None = None) -> list[Line]:
    """The help lines to show someone in this place (None: anywhere): the national ones and any
    for the place or a place it is in, in their order."""
    kept = _kept()
    if place_id is None or place_id not in kept.local:
        return list(kept.national)
    return sorted([*kept.national, *kept.local[place_id]], key=lambda line: (line.order, line.name))


def forget() -> None:
    """Drop this process's copy once the writing transaction commits."""
    transaction.on_commit(lambda: caches[CACHE_ALIAS].delete(CACHE_KEY))
