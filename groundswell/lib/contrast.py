"""Colour contrast as WCAG 2.2 defines it (success criterion 1.4.3): no Django state."""

from __future__ import annotations

import re

_HEX = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")

WHITE = "#ffffff"
# WCAG 2.2 AA for normal-size text.
AA_NORMAL_TEXT = 4.5


def normalise_hex(value: str) -> str | None:
    """A colour written "#1A2b3c", "1a2b3c" or "#abc", as "#1a2b3c"; None for anything else."""
    match = _HEX.fullmatch((value or "").strip())
    if match is None:
        return None
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return f"#{digits}"


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """Relative luminance of an sRGB colour given as hex (WCAG's definition)."""
    hex_colour = normalise_hex(colour)
    if hex_colour is None:
        raise ValueError(f"not a hex colour: {colour!r}")
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """(L1 + 0.05) / (L2 + 0.05), the lighter colour over the darker: from 1 to 21."""
    a, b = relative_luminance(first), relative_luminance(second)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def shown_ratio(ratio: float) -> str:
    """A ratio as people read it, rounded down so that 4.499 never reads as passing: "4.4:1"."""
    return f"{int(ratio * 10) / 10:g}:1"
