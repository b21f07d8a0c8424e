"""Word-level differences between two texts, as escaped HTML with <ins> and <del>."""

from __future__ import annotations

import difflib
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


def _words(text: str) -> list[str]:
    return _TOKENS.findall(text)


def word_diff(before: str, after: str) -> SafeString:
    """`after` with the words taken out of `before` in <del> and the new ones in <ins>. Every
    piece of text is escaped: what members wrote is never read as markup."""
    old, new = _words(before), _words(after)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(old[a1:a2])))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(''.join(old[a1:a2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(''.join(new[b1:b2]))}</ins>")
    return mark_safe("".join(out))  # noqa: S308 (every piece escaped above)


def has_changes(before: str, after: str) -> bool:
    return before != after
