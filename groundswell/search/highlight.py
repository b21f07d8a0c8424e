"""Safe HTML for highlighted titles and snippets.

Backends return plain text with START/STOP sentinels around matches. The text is escaped piece by
piece and only then wrapped in <mark>: whatever the database sends back, the only markup on the
page is ours, and every <mark> is closed.
"""

from __future__ import annotations

import re

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from groundswell.search.backends import START, STOP

_SPLIT_RE = re.compile(f"([{START}{STOP}])")


def to_html(text: str) -> SafeString:
    """Escape `text` and turn sentinel-delimited matches into <mark> elements."""
    pairs: list[tuple[str, str]] = []  # (plain text before, marked text)
    plain = ""
    inside = False
    for part in _SPLIT_RE.split(text):
        if part == START:
            inside = True
        elif part == STOP:
            inside = False
        elif inside and part:
            pairs.append((plain, part))
            plain = ""
        else:
            plain += part
    return format_html_join("", "{}<mark>{}</mark>", pairs) + format_html("{}", plain)
