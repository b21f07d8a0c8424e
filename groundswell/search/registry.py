"""What search may be told about a kind beyond its content manifest (all of it optional).

A kind becomes searchable by giving its manifest (groundswell.content.registry.ContentKind) a
`search_entry`; nothing here is needed for that. A kind that wants more registers a SearchKind
from its AppConfig.ready(), as stories does::

    from groundswell.search import registry as search_registry

    search_registry.register(search_registry.SearchKind(
        key="offer",
        index_related=("place",),
        facts=lambda offer: search_registry.HitFacts(type_label="Offer", place_name=...),
    ))

This app never imports the kinds: it reads these and the content manifests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext
from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class HitFacts:
    """How a result reads beside its byline: "Idea by Sam · Wales"."""

    # What it is; "" means the manifest's label, capitalised ("Comment").
    type_label: str = ""
    # Where it is about; "" for nowhere in particular (a hit in a context, such as a comment on a
    # story, takes its context's place).
    place_name: str = ""


@dataclass(frozen=True)
class SearchKind:
    # The content kind's key (ContentKind.key).
    key: str
    # Relations the manifest's `search_entry` reads, loaded with each batch being indexed, so
    # indexing a thousand rows costs a few queries rather than a thousand.
    index_related: tuple[str, ...] = ()
    index_prefetch: tuple[str, ...] = ()
    # The result's type and place (HitFacts), and the relations they read (loaded with the page).
    facts: Callable[[Any], HitFacts] | None = None
    facts_related: tuple[str, ...] = ()
    # Choices for the search page's Type filter: (value, label), where a document carries the
    # value as its kind tag (models.kind_tag); and what the filter reads when none is chosen.
    types: tuple[tuple[str, StrOrPromise], ...] = ()
    any_type_label: StrOrPromise = ""


_kinds: dict[str, SearchKind] = {}


def register(kind: SearchKind) -> SearchKind:
    _kinds[kind.key] = kind
    return kind


def unregister(key: str) -> None:
    """For tests that register a kind of their own."""
    _kinds.pop(key, None)


def get(key: str) -> SearchKind:
    """The kind's registration, or an empty one (every field at its default)."""
    return _kinds.get(key) or SearchKind(key=key)


def type_choices() -> tuple[StrOrPromise, list[tuple[str, StrOrPromise]]]:
    """The Type filter: what it reads when no type is chosen, and the choices of every kind."""
    with_types = [kind for kind in _kinds.values() if kind.types]
    choices = [choice for kind in with_types for choice in kind.types]
    if len(with_types) == 1 and with_types[0].any_type_label:
        return with_types[0].any_type_label, choices
    return gettext("Any type"), choices
