"""Rendered list cards kept in this process and reused while everything a card could show is
the same: the offers and needs list and the community asset list (issue 14: 20 or 25 cards a
page were the biggest part of those pages' Python time for signed-in members, who never get the
page cache). Stories keep their own store (stories/cards.py), which this follows.

Why a kept card is never stale: the key is the template, every value the row was read with (each
loaded column of the row and of each related row loaded with it, and each row of every
prefetched relation), the time zone, the language and the address prefix. A card is rendered
from its row alone (no other context), and one whose rendering ran a query (a deferred column, a
relation not read with the page) is not kept, so nothing it shows comes from outside its key. An
edit, a renamed author, organisation, place or topic, a new opening time changes the key; rows a
viewer may not see are not in the lists at all. The store is per process: templates and
settings only change with a restart.
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

# A card is one or two KB: a few megabytes per process at most.
MAX_CARDS = 4000

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
    return (model, *(values.get(name) for name in names))


def _loaded(obj: Model, seen: frozenset[int] = frozenset()) -> tuple[Any, ...]:
    """The row, the rows joined to it and the rows prefetched for it, all the way down. A row
    already on the way here (a prefetched opening time points back at its asset) is not read
    again: its values are in the key already."""
    if id(obj) in seen:
        return ()
    seen = seen | {id(obj)}
    related = obj._state.fields_cache
    prefetched = getattr(obj, "_prefetched_objects_cache", {})
    return (
        _row(obj),
        tuple(
            (name, None if related[name] is None else _loaded(related[name], seen))
            for name in sorted(related)
        ),
        tuple(
            (name, tuple(_loaded(row, seen) for row in prefetched[name]))
            for name in sorted(prefetched)
        ),
    )


def card_key(template_name: str, obj: Model, extra: tuple[Any, ...] = ()) -> tuple[Any, ...]:
    return (
        template_name,
        timezone.get_current_timezone_name(),
        translation.get_language(),
        get_script_prefix(),
        get_urlconf(),
        _loaded(obj),
        # Rows prefetched `to_attr` (a plain list on the object), named by the caller.
        tuple(tuple(_loaded(row) for row in getattr(obj, name, None) or ()) for name in extra),
    )


def _render(template_name: str, name: str, obj: Model) -> tuple[SafeString, bool]:
    """The card, and whether it was made from the row's loaded values alone (no query ran)."""
    ran: list[str] = []

    def spy(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        ran.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(spy):
        html = get_template(template_name).render({name: obj})
    return SafeString(html), not ran


def card(template_name: str, name: str, obj: Model, *, to_attr: tuple[str, ...] = ()) -> SafeString:
    """`template_name` rendered with {name: obj}, from the store when the same card was rendered
    before. `to_attr`: attributes holding rows prefetched as plain lists, which the card reads."""
    key = card_key(template_name, obj, to_attr)
    try:
        html = _cards.get(key)
    except TypeError:  # a value that cannot be a key (a JSON list, say): render every time
        return _render(template_name, name, obj)[0]
    if html is not None:
        return html
    html, pure = _render(template_name, name, obj)
    if pure:
        with _lock:
            if len(_cards) >= MAX_CARDS:
                _cards.clear()
            _cards[key] = html
    return html


def forget_all() -> None:
    """Empty this process's store (tests)."""
    with _lock:
        _cards.clear()
