"""Opaque keyset cursors: URL-safe base64 of the sort key of the last item on a page.

A cursor comes back from the client, so it is untrusted input. Decoding checks everything the
database will be asked to compare with (a date that exists once converted to UTC, whole numbers
within a 64-bit column, no NUL characters), so a cursor either names a position or is refused
with InvalidCursor, never a database error. HTML lists start at the first page; the API answers
400 (api/pagination.py).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re

# The range of PostgreSQL's bigint and SQLite's INTEGER.
MIN_INT = -(2**63)
MAX_INT = 2**63 - 1
# Longer than any cursor we hand out; decoding a longer one is wasted work.
MAX_CURSOR_CHARS = 1000

_INT_RE = re.compile(r"-?[0-9]{1,19}")


class InvalidCursor(ValueError):
    """The cursor was not one we handed out, or names no position the database can look up."""


def encode(*parts: object) -> str:
    raw = "|".join(str(p) for p in parts)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(cursor: str, parts: int) -> list[str]:
    """The cursor's `parts` pieces; the first may contain '|', the others may not."""
    if len(cursor) > MAX_CURSOR_CHARS:
        raise InvalidCursor("too long")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InvalidCursor("not base64 of UTF-8") from None
    if "\x00" in raw:  # PostgreSQL refuses NUL in text, with an error
        raise InvalidCursor("NUL character")
    pieces = raw.rsplit("|", parts - 1) if parts > 1 else [raw]
    if len(pieces) != parts:
        raise InvalidCursor(f"expected {parts} parts")
    return pieces


def as_int(value: str, *, minimum: int = MIN_INT, maximum: int = MAX_INT) -> int:
    """ASCII digits with an optional minus, within [minimum, maximum] (a 64-bit column's range)."""
    if not _INT_RE.fullmatch(value):
        raise InvalidCursor("not a whole number")
    number = int(value)
    if not max(minimum, MIN_INT) <= number <= min(maximum, MAX_INT):
        raise InvalidCursor("number out of range")
    return number


def as_id(value: str) -> int:
    """A primary key: 1 to the largest bigint."""
    return as_int(value, minimum=1)


def as_datetime(value: str) -> dt.datetime:
    """An ISO 8601 time with an offset, returned in UTC.

    Django hands the database UTC, and a time near the ends of the calendar can fall outside it
    once converted (9999-12-31T23:59:59-23:59 is in the year 10000): that is refused here rather
    than raising OverflowError in the middle of a query.
    """
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        raise InvalidCursor("not an ISO 8601 time") from None
    if when.tzinfo is None or when.utcoffset() is None:
        raise InvalidCursor("a time without an offset")
    try:
        return when.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        raise InvalidCursor("a time outside the calendar in UTC") from None
