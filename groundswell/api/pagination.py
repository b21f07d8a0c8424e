"""Opaque keyset cursors for the API (groundswell/lib/cursors.py decodes and checks them).

A cursor that does not decode to a position the list understands is refused with 400 (rather
than silently restarting at the first page, or failing in the database), so a client never loops
over the same page and never sees a server error for a cursor it made up.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext
from ninja.errors import ValidationError as NinjaValidationError

from groundswell.api.schemas import MAX_ID
from groundswell.lib import cursors

encode_cursor = cursors.encode


def invalid_cursor() -> NinjaValidationError:
    """Answered 400, as every issue is about the cursor (api/errors.py)."""
    return NinjaValidationError(
        [
            {
                "loc": ["query", "cursor"],
                "msg": gettext(
                    "This cursor is not valid. Use the next_cursor of the previous page."
                ),
                "type": "cursor_invalid",
            }
        ]
    )


def decode_cursor(cursor: str, parts: int) -> list[str]:
    """The cursor's parts; the first may contain '|', the others may not."""
    try:
        return cursors.decode(cursor, parts)
    except cursors.InvalidCursor:
        raise invalid_cursor() from None


def cursor_id(value: str) -> int:
    try:
        return cursors.as_int(value, minimum=1, maximum=MAX_ID)
    except cursors.InvalidCursor:
        raise invalid_cursor() from None


def cursor_datetime(value: str) -> dt.datetime:
    try:
        return cursors.as_datetime(value)
    except cursors.InvalidCursor:
        raise invalid_cursor() from None
