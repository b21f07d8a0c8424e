"""Reads for pages and the API: the filtered list (keyset pages, newest first), suggested
matches for both sides, the thanks a helper chose to show, and the needs waiting for help."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from groundswell.lib import cursors
from groundswell.offers import permissions
from groundswell.offers.models import Match, Offer, OfferQuerySet, Side, Status
from groundswell.places.models import Place
from groundswell.topics.models import Topic

# What a card (offers/_card.html) reads; the body and moderation fields stay in the database.
CARD_FIELDS = (
    "id",
    "item_id",
    "side",
    "category",
    "author_id",
    "organisation_id",
    "title",
    "place_id",
    "days",
    "times",
    "reach",
    "travel_km",
    "audience",
    "status",
    "is_hidden",
    "response_count",
    "created_at",
    "author__id",
    "author__display_name",
    "author__handle",
    "place__id",
    "place__name",
    "place__slug",
    "organisation__id",
    "organisation__name",
    "organisation__slug",
)


@dataclass(frozen=True)
class OfferFilters:
    side: str = ""
    category: str = ""
    topic: Topic | None = None
    place: Place | None = None
    # "" is open or matched (what can still be answered or is under way).
    status: str = ""

    @property
    def any(self) -> bool:
        return bool(self.side or self.category or self.topic or self.place or self.status)


@dataclass
class OfferPage:
    items: list[Offer]
    next_cursor: str | None
    is_first: bool


def with_card_data(qs: QuerySet[Offer]) -> QuerySet[Offer]:
    return (
        qs.select_related("author", "place", "organisation")
        .only(*CARD_FIELDS)
        .prefetch_related(
            Prefetch(
                "topics", queryset=Topic.objects.only("id", "name", "slug"), to_attr="card_topics"
            )
        )
    )


def filtered(viewer: Any, filters: OfferFilters) -> OfferQuerySet:
    qs: OfferQuerySet = Offer.objects.visible_to(viewer)
    if filters.side:
        qs = qs.filter(side=filters.side)
    if filters.category:
        qs = qs.filter(category=filters.category)
    qs = qs.filter(status=filters.status) if filters.status else qs.exclude(status=Status.DONE)
    if filters.topic is not None:
        qs = qs.filter(topics=filters.topic)
    if filters.place is not None:
        # A subquery of the places below, so the list's index on offers does the ordering.
        below = Place.objects.filter(path__startswith=filters.place.path).values("id")
        qs = qs.filter(place_id__in=below)
    return qs


def offer_page(
    viewer: Any, filters: OfferFilters, cursor: str | None = None, size: int | None = None
) -> OfferPage:
    """One page, newest first, with an opaque keyset cursor (the last id): deep pages cost what
    the first does, and nothing counts the whole list."""
    size = size or settings.FEED_PAGE_SIZE
    last_id = None
    if cursor:
        with contextlib.suppress(cursors.InvalidCursor):
            last_id = cursors.as_id(cursors.decode(cursor, 1)[0])
    qs = filtered(viewer, filters).order_by("-id")
    if last_id is not None:
        qs = qs.filter(id__lt=last_id)
    items = list(with_card_data(qs)[: size + 1])
    next_cursor = None
    if len(items) > size:
        items = items[:size]
        next_cursor = cursors.encode(items[-1].pk)
    return OfferPage(items=items, next_cursor=next_cursor, is_first=last_id is None)


@dataclass(frozen=True)
class Suggestion:
    post: Offer
    score: float
    reasons: list[str]


def suggestions_for(post: Offer, viewer: Any, limit: int = 5) -> list[Suggestion]:
    """The suggested matches of `post` that `viewer` may see (one query)."""
    if post.is_need:
        rows = Match.objects.filter(need=post).filter(
            offer__in=Offer.objects.visible_to(viewer).filter(status=Status.OPEN)
        )
        related = "offer"
    else:
        rows = Match.objects.filter(offer=post).filter(
            need__in=Offer.objects.visible_to(viewer).filter(status=Status.OPEN)
        )
        related = "need"
    rows = rows.select_related(
        f"{related}__author", f"{related}__place", f"{related}__organisation"
    ).order_by("-score", "id")[:limit]
    return [
        Suggestion(post=getattr(m, related), score=m.score, reasons=m.reasons.split(","))
        for m in rows
    ]


def mine(user: Any) -> list[Offer]:
    """Everything the person posted (withdrawn and hidden included), newest first."""
    return list(
        Offer.objects.filter(author=user)
        .select_related("place", "organisation", "author")
        .order_by("-id")[:200]
    )


def thanks_for(helper: Any, viewer: Any, *, shown_only: bool = True) -> list[Offer]:
    """Done posts whose thanks went to `helper`: the ones they chose to show (or all of them,
    for the helper's own page), as far as `viewer` may see the post."""
    qs = Offer.objects.filter(matched_response__helper=helper, status=Status.DONE).exclude(
        thanks=""
    )
    qs = qs.filter(thanks_shown=True) & Offer.objects.visible_to(viewer) if shown_only else qs
    return list(qs.select_related("author", "organisation", "place").order_by("-done_at")[:50])


def open_by(person: Any, viewer: Any) -> list[Offer]:
    """A person's open offers (not needs: a need says something about its author's health,
    and is found by what it is about, not by who asked), posted as themselves."""
    return list(
        with_card_data(
            Offer.objects.visible_to(viewer)
            .filter(author=person, side=Side.OFFER, organisation__isnull=True)
            .exclude(status=Status.DONE)
            .order_by("-id")
        )[:50]
    )


def waiting_needs(user: Any) -> QuerySet[Offer]:
    """Needs the job surfaced that still wait for help, in the places `user` looks after."""
    qs = Offer.objects.filter(
        side=Side.NEED, status=Status.OPEN, is_hidden=False, surfaced_at__isnull=False
    ).filter(response_count=0)
    scope = permissions.waiting_scope(user)
    if scope is not None:
        qs = qs.filter(scope)
    return qs


def waiting_count(user: Any) -> int:
    if not permissions.can_see_waiting(user):
        return 0
    return waiting_needs(user).count()


def responses_for(post: Offer) -> list[Any]:
    return list(post.responses.select_related("helper").order_by("created_at", "id"))


def my_response(post: Offer, user: Any) -> Any:
    if not getattr(user, "is_authenticated", False):
        return None
    return post.responses.filter(helper=user).first()
