"""Rendered story cards (stories/_card.html), kept in this process and reused while everything the
card could show is the same.

A list page shows 20 cards and rendering them was the biggest part of its Python time; the same
newest stories appear on the home page, topic and place pages and many members' Following pages.

Why a kept card is never stale: the key is every value the card's story was read with (each
column selectors.with_card_data loaded for the story, its author, place and organisation, and
each of its topics), the time zone, the language and the address prefix. The card is rendered from the story alone
(no other context), and one whose rendering ran a query (a deferred column, a relation not read
with the page) is not kept, so nothing it shows can come from outside its key. A hidden or
withdrawn story is not in the lists at all; an edit, a new count, a renamed author, organisation,
place or topic changes the key. The store is per process: templates and settings only change with
a restart.
"""

from __future__ import annotations

import threading
from typing import Any

from django.db import connection
from django.db.models import Model
from django.template.loader import get_template
from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone, translation
from django.utils.safestring import SafeString

# About 1.5 KB a card: a few megabytes per process at most.
MAX_CARDS = 4000
TEMPLATE = "stories/_card.html"

_cards: dict[tuple[Any, ...], SafeString] = {}
_lock = threading.Lock()
_attnames: dict[type[Model], tuple[str, ...]] = {}


def _row(obj: Model | None) -> tuple[Any, ...] | None:
    """The values `obj` was read with (None for a column not read)."""
    if obj is None:
        return None
    model = type(obj)
    names = _attnames.get(model)
    if names is None:
        names = _attnames[model] = tuple(f.attname for f in model._meta.concrete_fields)
    values = obj.__dict__
    return tuple(values.get(name) for name in names)


def card_key(story: Any) -> tuple[Any, ...]:
    related = story._state.fields_cache
    return (
        timezone.get_current_timezone_name(),
        translation.get_language(),
        get_script_prefix(),
        get_urlconf(),
        _row(story),
        tuple((name, _row(related[name])) for name in sorted(related)),
        tuple(_row(topic) for topic in getattr(story, "card_topics", None) or ()),
    )


def _render(story: Any) -> tuple[SafeString, bool]:
    """The card, and whether it was made from the story's loaded values alone (no query ran)."""
    ran: list[str] = []

    def spy(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        ran.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(spy):
        html = get_template(TEMPLATE).render({"story": story})
    return SafeString(html), not ran


def story_card(story: Any) -> SafeString:
    """The card for a story read by selectors.with_card_data."""
    key = card_key(story)
    try:
        html = _cards.get(key)
    except TypeError:  # a value that cannot be a key (a JSON list, say): render every time
        return _render(story)[0]
    if html is not None:
        return html
    html, pure = _render(story)
    if pure and hasattr(story, "card_topics"):
        with _lock:
            if len(_cards) >= MAX_CARDS:
                _cards.clear()
            _cards[key] = html
    return html


def forget_all() -> None:
    """Empty this process's store (tests)."""
    with _lock:
        _cards.clear()
