"""Safe HTML for highlighted titles and snippets.

Backends return plain text with START/STOP sentinels around matches. Each piece of text is
escaped and only then wrapped in <mark>: whatever the database sends back, the only markup on the
page is ours, and every <mark> is closed.
"""

from __future__ import annotations

import re
from html import escape

from django.utils.safestring import SafeString, mark_safe

from groundswell.search.backends import START, STOP

_SPLIT_RE = re.compile(f"([{START}{STOP}])")


def to_html(text: str) -> SafeString:
    """Escape `text` and turn sentinel-delimited matches into <mark> elements."""
    out: list[str] = []
    inside = False
    for part in _SPLIT_RE.split(text):
        if part == START:
            inside = True
        elif part == STOP:
            inside = False
        elif part:
            out.append(f"<mark>{escape(part)}</mark>" if inside else escape(part))
    # Every piece of text above went through escape(); the only tags are the <mark>s added here.
    return mark_safe("".join(out))  # noqa: S308
