"""The rule for the site's two colours: white text must be readable on each (WCAG 2.2 AA, 4.5:1),
and the dark colour, used for links and headings on white, must be readable on white (the same
ratio). One rule, used by the form and the service."""

from __future__ import annotations

from django.utils.translation import gettext as _

from groundswell.lib.contrast import (
    AA_NORMAL_TEXT,
    WHITE,
    contrast_ratio,
    normalise_hex,
    shown_ratio,
)


def colour_errors(*, brand: str, brand_dark: str) -> dict[str, str]:
    """A plain message per field that breaks the rule (naming the ratio); empty when both pass."""
    errors: dict[str, str] = {}
    for field, value in (("brand", brand), ("brand_dark", brand_dark)):
        colour = normalise_hex(value)
        if colour is None:
            errors[field] = _("Enter a colour as a hex code, like #0b6e4f.")
            continue
        ratio = contrast_ratio(WHITE, colour)
        if ratio >= AA_NORMAL_TEXT:
            continue
        if field == "brand":
            errors[field] = _(
                "White text on %(colour)s has a contrast ratio of %(ratio)s. It needs at least "
                "4.5:1 to be readable: choose a darker colour."
            ) % {"colour": colour, "ratio": shown_ratio(ratio)}
        else:
            errors[field] = _(
                "%(colour)s on white, and white text on %(colour)s, have a contrast ratio of "
                "%(ratio)s. They need at least 4.5:1 to be readable: choose a darker colour."
            ) % {"colour": colour, "ratio": shown_ratio(ratio)}
    return errors
