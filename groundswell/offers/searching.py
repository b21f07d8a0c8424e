"""Offers and needs in search (groundswell.search): what the index holds and keeping it in step.
The Type filter offers "Offers" and "Needs"; a document's kind tag is its side."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from groundswell.content.registry import SearchEntry
from groundswell.offers.models import Offer, Side
from groundswell.search import registry as search_registry
from groundswell.search import services as search_services
from groundswell.search.models import filter_tags

TYPES = ((Side.OFFER.value, _("Offers")), (Side.NEED.value, _("Needs")))


def offer_entry(post: Offer) -> SearchEntry | None:
    """Listed posts (open, matched or done; not hidden), found by their audience."""
    if not post.is_listed:
        return None
    return SearchEntry(
        audience=post.audience,
        published_at=post.created_at,
        title=post.title,
        text=post.body,
        tags=filter_tags(
            kind=post.side,
            topic_ids=[t.pk for t in post.topics.all()],
            place_path=post.place.path,
        ),
    )


def _facts(post: Offer) -> search_registry.HitFacts:
    return search_registry.HitFacts(
        type_label=str(post.get_side_display()), place_name=post.place.name
    )


def register() -> None:
    search_registry.register(
        search_registry.SearchKind(
            key="offer",
            index_related=("place",),
            index_prefetch=("topics",),
            facts=_facts,
            facts_related=("place",),
            types=TYPES,
        )
    )


def index_offer(post_id: int) -> None:
    """Index a post if it may be found, or remove it."""
    search_services.index_items(Offer.objects.filter(pk=post_id).values_list("item_id", flat=True))
