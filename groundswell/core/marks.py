"""Per-viewer marks in a page that many signed-in members share.

A signed-in member's story page differs from the next member's in a few small places only: which
reaction buttons are pressed, whether they follow the story, the edit links on their own comments,
the counts (which move without a content-version bump), the CSRF token, the CSP nonce and fresh
idempotency keys for the forms. Templates mark those places with the tags in
`core/templatetags/groundswell.py` (`mark_choice`, `mark_if`, `mark_value`, `new_uuid`):

* rendered for one viewer (`Marks`), a tag prints what that viewer sees, from a set of *flags*
  ("react:story-5:helped", "own:12", "following");
* rendered shared (`SharedMarks`), it prints a slot holding every alternative, and `fill()` later
  picks each viewer's alternative with one pass of a regular expression.

Both go through the same tags and the same flags, so a filled page is the page the viewer would
have got rendered for them (tests compare the two byte for byte, apart from tokens).

Slots start with NUL and a key derived from SECRET_KEY, so text in a page (which never holds
NUL: input is cleaned of control characters) cannot pose as one.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from django.utils.crypto import salted_hmac


@cache
def _prefix() -> str:
    return (
        "\x00" + salted_hmac("groundswell.core.marks", "slot", algorithm="sha256").hexdigest()[:16]
    )


@cache
def _slot_re() -> re.Pattern[str]:
    p = re.escape(_prefix())
    return re.compile(
        rf"{p}(?:\?([^\x00]*)\x00(.*?){p}\|\x00(.*?){p}/\x00|:([^\x00]*)\x00|#\x00)", re.S
    )


class Marks:
    """The marks of one viewer: a flag is on when it is in `flags`."""

    def __init__(self, flags: set[str] | frozenset[str] = frozenset()) -> None:
        self.flags = flags

    def choice(self, key: str, yes: Callable[[], str], no: Callable[[], str]) -> str:
        return yes() if key in self.flags else no()

    def value(self, key: str, real: object) -> str:
        return str(real)

    def uuid(self) -> str:
        return str(uuid.uuid4())


class SharedMarks(Marks):
    """Marks for a page shared by many viewers: every mark becomes a slot for `fill()`."""

    def choice(self, key: str, yes: Callable[[], str], no: Callable[[], str]) -> str:
        p = _prefix()
        on, off = yes(), no()
        if p + "?" in on or p + "?" in off:
            raise ValueError(f"marks cannot nest (in {key!r})")
        return f"{p}?{_clean_key(key)}\x00{on}{p}|\x00{off}{p}/\x00"

    def value(self, key: str, real: object) -> str:
        return slot(key)

    def uuid(self) -> str:
        return _prefix() + "#\x00"


NO_MARKS = Marks()


def _clean_key(key: str) -> str:
    if "\x00" in key:
        raise ValueError("a mark's key cannot hold NUL")
    return key


def slot(key: str) -> str:
    """A value slot, filled by `fill(values={key: ...})`."""
    return f"{_prefix()}:{_clean_key(key)}\x00"


def fill(body: str, *, flags: set[str] | frozenset[str], values: Mapping[str, str]) -> str:
    """The shared page as one viewer sees it. A value slot missing from `values` is an error:
    a page must never go out with a hole in it."""

    def one(match: re.Match[str]) -> str:
        key, yes, no, name = match.groups()
        if key is not None:  # a branch may hold value slots (a CSRF token, say), never a choice
            return _slot_re().sub(one, yes if key in flags else no)
        if name is not None:
            return values[name]
        return str(uuid.uuid4())

    return _slot_re().sub(one, body)


# Counts in the navigation that are each member's own (unread notifications, unread messages).
# A page shared by many members leaves a "count:<name>" slot for each; the app that owns the
# count registers how to read it, and the shared page fills it for the member it is sent to.
_personal_counts: dict[str, Callable[[Any], int]] = {}


def register_personal_count(slot_key: str, count: Callable[[Any], int]) -> None:
    if not slot_key.startswith("count:"):
        raise ValueError(f"A personal count's slot starts with 'count:', not {slot_key!r}")
    _personal_counts[slot_key] = count


def personal_counts(user: Any) -> dict[str, str]:
    """{slot: this member's count} for every registered count (one query each)."""
    return {key: str(count(user)) for key, count in _personal_counts.items()}


def personal_count_keys() -> list[str]:
    return list(_personal_counts)


def personal_count(slot_key: str, user: Any) -> int:
    """One registered count for this member (0 when no app registered it)."""
    count = _personal_counts.get(slot_key)
    return count(user) if count is not None else 0
