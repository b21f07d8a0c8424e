"""Assets in search (groundswell.search): findable by words, with kind, place and topic tags.
Search never imports this app: the services' asset_changed signal reindexes after commits."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from groundswell.assets.models import Asset, AssetKind, Status
from groundswell.content.registry import SearchEntry
from groundswell.search import registry as search_registry
from groundswell.search import services as search_services
from groundswell.search.models import filter_tags

_KIND_LABELS = {kind.value: kind.label for kind in AssetKind}


def asset_entry(asset: Asset) -> SearchEntry | None:
    """A published asset that is not hidden, for everyone or members (its audience)."""
    if asset.status != Status.PUBLISHED or asset.is_hidden:
        return None
    text = "\n".join(part for part in (asset.description, asset.accessibility) if part)
    return SearchEntry(
        audience=asset.audience,
        published_at=asset.created_at,
        title=asset.name,
        text=text,
        tags=filter_tags(
            kind=asset.kind,
            topic_ids=[topic.pk for topic in asset.topics.all()],
            place_path=asset.place.path,
        ),
    )


def _facts(asset: Asset) -> search_registry.HitFacts:
    return search_registry.HitFacts(
        type_label=str(_KIND_LABELS.get(asset.kind, "")), place_name=asset.place.name
    )


def register() -> None:
    search_registry.register(
        search_registry.SearchKind(
            key="asset",
            index_related=("place",),
            index_prefetch=("topics",),
            facts=_facts,
            facts_related=("place",),
            types=tuple((kind.value, kind.label) for kind in AssetKind),
            any_type_label=gettext_lazy("Community assets"),
        )
    )


def index_asset(asset_id: int) -> None:
    """Index the asset if it may be found, or remove it."""
    search_services.index_items(Asset.objects.filter(pk=asset_id).values_list("item_id", flat=True))


def on_asset_changed(sender: Any, asset_id: int, **kwargs: Any) -> None:
    index_asset(asset_id)
