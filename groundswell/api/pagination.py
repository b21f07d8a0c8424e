"""Opaque keyset cursors: base64 of the sort key of the last item on the page.

A cursor that does not decode to what the list expects is refused with 422 (rather than
silently restarting at the first page), so a client never loops over the same page.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt

from ninja.errors import ValidationError as NinjaValidationError

from groundswell.api.schemas import MAX_ID


def encode_cursor(*parts: object) -> str:
    raw = "|".join(str(p) for p in parts)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def invalid_cursor() -> NinjaValidationError:
    return NinjaValidationError(
        [
            {
                "loc": ["query", "cursor"],
                "msg": "This cursor is not valid. Use the next_cursor of the previous page.",
                "type": "cursor_invalid",
            }
        ]
    )


def decode_cursor(cursor: str, parts: int) -> list[str]:
    """The cursor's parts; the first may contain '|', the others may not."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise invalid_cursor() from None
    if "\x00" in raw:
        raise invalid_cursor()
    pieces = raw.rsplit("|", parts - 1) if parts > 1 else [raw]
    if len(pieces) != parts:
        raise invalid_cursor()
    return pieces


def cursor_id(value: str) -> int:
    if not value.isascii() or not value.isdigit() or not 0 < int(value) <= MAX_ID:
        raise invalid_cursor()
    return int(value)


def cursor_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise invalid_cursor() from None
    if not -MAX_ID <= number <= MAX_ID:
        raise invalid_cursor()
    return number


def cursor_datetime(value: str) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        raise invalid_cursor() from None
    if when.tzinfo is None:
        raise invalid_cursor()
    return when
