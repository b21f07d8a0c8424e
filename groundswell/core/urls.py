"""reverse() for the links printed many times on a page.

Django's reverse() walks the URL resolver on every call: about 40 µs, and a feed page prints over
a hundred links (cards, places, topics, navigation). `fast_reverse` asks reverse() once per view
name, script prefix and urlconf for a URL with placeholder arguments and then only fills them in.
Arguments that are ids or slugs (ASCII letters, digits, "-" and "_") need no quoting; anything
else, and anything a converter would refuse (letters for an id), goes through reverse() itself.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

_SAFE_ARG = re.compile(r"[-A-Za-z0-9_]+")
# Digits only, so int and slug converters both accept them; long enough never to occur in a URL.
_PLACEHOLDERS = tuple(f"7319468250{i:02d}" for i in range(6))


@lru_cache(maxsize=512)
def _pieces(
    prefix: str, urlconf: str | None, viewname: str, nargs: int
) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """The URL split around its arguments, and which arguments must be digits (int converter)."""
    placeholders = _PLACEHOLDERS[:nargs]
    url = reverse(viewname, urlconf=urlconf, args=placeholders)
    pieces: list[str] = []
    for placeholder in placeholders:
        before, found, url = url.partition(placeholder)
        if not found:
            raise ValueError(f"{viewname} does not print its arguments in order")
        pieces.append(before)
    pieces.append(url)
    digits_only = []
    for i in range(nargs):
        lettered = [*placeholders[:i], "x" + placeholders[i], *placeholders[i + 1 :]]
        try:
            reverse(viewname, urlconf=urlconf, args=lettered)
        except NoReverseMatch:
            digits_only.append(True)
        else:
            digits_only.append(False)
    return tuple(pieces), tuple(digits_only)


def fast_reverse(viewname: str, *args: int | str) -> str:
    """The same string as reverse(viewname, args=args), faster when called again."""
    texts = [str(arg) for arg in args]
    if len(texts) > len(_PLACEHOLDERS) or not all(_SAFE_ARG.fullmatch(t) for t in texts):
        return reverse(viewname, args=args)
    try:
        pieces, digits_only = _pieces(get_script_prefix(), get_urlconf(), viewname, len(texts))
    except ValueError:
        return reverse(viewname, args=args)
    if any(digits and not text.isdigit() for text, digits in zip(texts, digits_only, strict=True)):
        return reverse(viewname, args=args)  # raises NoReverseMatch, as {% url %} would
    out = [pieces[0]]
    for text, piece in zip(texts, pieces[1:], strict=True):
        out += [text, piece]
    return "".join(out)


def site_url() -> str:
    """The site's own address (settings.SITE_URL), without a trailing slash."""
    from django.conf import settings

    return str(settings.SITE_URL).rstrip("/")


def absolute_url(path: str) -> str:
    """An absolute link for an email or a feed: `path` (from reverse()) on SITE_URL.

    Emails and feeds are read away from the request that made them, so their links come from the
    configured address, never from the Host header or django.contrib.sites (which said
    example.com). A link that is already absolute is returned as it is."""
    if "://" in path or path.startswith("mailto:"):
        return path
    return site_url() + "/" + path.lstrip("/")
