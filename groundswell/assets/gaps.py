"""The organisers' gap view (/staff/gaps/): places where stories raise a topic and no listing
on the asset map serves it.

A row is a place and a topic where
- published stories or ideas in the place, or in a place within it, have the topic, and
- no visible asset with the topic is in the place, within it, or in a wider place containing it
  (a county-wide service serves every town in the county; a café in one town means the
  county is not wholly without).

Only counts are shown: no titles, no authors, nothing about the people who wrote. Stories are
read from the search index (groundswell.search), never from the stories app: each findable
story has one SearchDocument whose filter tags name its kind, its topics and its place with
every place above it ("kstory t3 t7 p1 p4 p17", search.models.filter_tags), and only
published stories that no moderator hid are there. Assets are read through
`Asset.objects.visible_to` (the one rule).

The whole site's table is worked out at most once every CACHE_SECONDS per process (it reads
every story's tags once) and each request narrows it to the places the person looks after.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from groundswell.assets.models import Asset
from groundswell.core.http import AuthenticatedHttpRequest
from groundswell.core.staff import (
    has_admin_powers,
    has_organiser_powers,
    has_staff_powers,
    is_moderator,
    is_organiser,
)
from groundswell.core.urls import fast_reverse
from groundswell.places import permissions as place_permissions
from groundswell.places.models import Place
from groundswell.search.models import SearchDocument
from groundswell.topics.models import Topic

# The kinds of story that raise a need: people's own stories and their ideas (not resources,
# which are themselves a kind of answer, nor organisations' updates).
STORY_KINDS = ("story", "idea")
CACHE_SECONDS = 300
CACHE_KEY = "assets:gaps:v1"
ROW_LIMIT = 200

PlaceChain = tuple[int, ...]


@dataclass(frozen=True)
class Gap:
    place: Place
    topic: Topic
    stories: int

    @property
    def add_url(self) -> str:
        """The add-a-listing form, with this place and topic already chosen."""
        query = urlencode({"place": self.place.pk, "topics": self.topic.pk})
        return f"{fast_reverse('assets:add')}?{query}"


def _parse_tags(tags: str) -> tuple[str, list[int], PlaceChain]:
    """A document's kind, topics and place chain (widest first) from its filter tags."""
    kind = ""
    topics: list[int] = []
    places: list[int] = []
    for token in tags.split():
        head, rest = token[:1], token[1:]
        if head == "k":
            kind = rest
        elif head == "t" and rest.isdigit():
            topics.append(int(rest))
        elif head == "p" and rest.isdigit():
            places.append(int(rest))
    return kind, topics, tuple(places)


def _chain(path: str) -> PlaceChain:
    return tuple(int(part) for part in path.strip("/").split("/") if part)


def story_counts() -> Counter[tuple[PlaceChain, int]]:
    """How many findable stories and ideas have each topic, in each place and everything
    below it: {(place chain, topic id): count}."""
    counts: Counter[tuple[PlaceChain, int]] = Counter()
    tags = (
        SearchDocument.objects.filter(kind="story")
        .values_list("tags", flat=True)
        .iterator(chunk_size=2000)
    )
    for text in tags:
        kind, topics, chain = _parse_tags(text)
        if kind not in STORY_KINDS or not topics or not chain:
            continue
        for depth in range(1, len(chain) + 1):
            prefix = chain[:depth]
            for topic in topics:
                counts[(prefix, topic)] += 1
    return counts


def served_places(viewer: Any) -> tuple[set[tuple[PlaceChain, int]], set[tuple[PlaceChain, int]]]:
    """For each topic, the places that have a visible asset serving it (`at`) and every place
    with one in it or below it (`within`)."""
    at: set[tuple[PlaceChain, int]] = set()
    within: set[tuple[PlaceChain, int]] = set()
    rows = (
        Asset.objects.visible_to(viewer)
        .filter(topics__isnull=False)
        .values_list("place__path", "topics")
        .distinct()
    )
    for place_path, topic in rows:
        chain = _chain(place_path)
        at.add((chain, topic))
        for depth in range(1, len(chain) + 1):
            within.add((chain[:depth], topic))
    return at, within


def gap_table(viewer: Any) -> list[tuple[int, int, int]]:
    """Every gap on the site as (place id, topic id, stories), in no order. Kept for
    CACHE_SECONDS: a new listing or story shows here within minutes, not at once."""
    cache = caches["local"]
    table: list[tuple[int, int, int]] | None = cache.get(CACHE_KEY)
    if table is not None:
        return table
    at, within = served_places(viewer)
    table = []
    for (chain, topic), count in story_counts().items():
        if (chain, topic) in within:
            continue
        if any((chain[:depth], topic) in at for depth in range(1, len(chain))):
            continue
        table.append((chain[-1], topic, count))
    cache.set(CACHE_KEY, table, CACHE_SECONDS)
    return table


def can_see_gaps(user: Any) -> bool:
    """Who has the screen in their staff menu: moderators, administrators and organisers."""
    return is_moderator(user) or is_organiser(user)


def sees_every_place(user: Any) -> bool:
    return has_staff_powers(user) or has_admin_powers(user)


class PlaceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        # Indented by depth so the list reads as nation > region > town.
        return "\u2014 " * obj.depth + obj.name


class GapFilterForm(forms.Form):
    place = PlaceField(
        queryset=Place.objects.none(),
        required=False,
        label=gettext_lazy("Place"),
        help_text=gettext_lazy("Show gaps in this place and the places within it."),
        empty_label=gettext_lazy("Every place you look after"),
        error_messages={
            "invalid_choice": gettext_lazy("Choose one of the places you look after from the list.")
        },
    )

    def __init__(self, *args: Any, places: QuerySet[Place], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places.only(  # type: ignore[attr-defined]
            "id", "name", "path", "level"
        ).order_by("path")


def gaps_for(user: Any, within: Place | None) -> tuple[list[Gap], int]:
    """The gaps this person may see (their places, or every place for moderators and
    administrators), inside `within` when given: the ROW_LIMIT largest and how many in all."""
    table = gap_table(user)
    if sees_every_place(user):
        roots: list[PlaceChain] = []
    else:
        roots = [_chain(p.path) for p in place_permissions.organiser_roots(user)]
        if not roots:
            return [], 0
    scope = _chain(within.path) if within is not None else None
    place_chains = dict(Place.objects.values_list("id", "path"))
    kept: list[tuple[int, int, int]] = []
    for place_id, topic_id, count in table:
        chain = _chain(place_chains.get(place_id, ""))
        if not chain:
            continue
        if roots and not any(chain[: len(root)] == root for root in roots):
            continue
        if scope is not None and chain[: len(scope)] != scope:
            continue
        kept.append((place_id, topic_id, count))
    # Largest first; among equals, wider places before the places within them.
    kept.sort(key=lambda row: (-row[2], _chain(place_chains[row[0]]), row[1]))
    shown = kept[:ROW_LIMIT]
    places = Place.objects.select_related("parent").in_bulk({row[0] for row in shown})
    topics = Topic.objects.in_bulk({row[1] for row in shown})
    gaps = [
        Gap(place=places[p], topic=topics[t], stories=n)
        for p, t, n in shown
        if p in places
        and t in topics
        and places[p].retired_at is None
        and topics[t].retired_at is None
    ]
    return gaps, len(kept)


@never_cache
@login_required
def gap_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The table of gaps, largest first, with a place filter."""
    user = request.user
    if not (has_staff_powers(user) or has_organiser_powers(user)):
        raise PermissionDenied
    places = (
        Place.objects.current()
        if sees_every_place(user)
        else place_permissions.places_managed_by(user).filter(retired_at__isnull=True)
    )
    form = GapFilterForm(request.GET or None, places=places)
    within = form.cleaned_data.get("place") if form.is_bound and form.is_valid() else None
    gaps: list[Gap] = []
    total = 0
    if not form.is_bound or form.is_valid():
        gaps, total = gaps_for(user, within)
    return render(
        request,
        "assets/gaps.html",
        {
            "form": form,
            "gaps": gaps,
            "total": total,
            "limited": total > len(gaps),
            "within": within,
            "has_places": sees_every_place(user) or bool(place_permissions.organiser_roots(user)),
            "section": "asset_gaps",
        },
    )


app_name = "staff_gaps"
urlpatterns = [path("", gap_view, name="gaps")]
