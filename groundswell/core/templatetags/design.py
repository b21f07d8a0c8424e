"""The site's own colours on every page (base.html), and the design system page's helpers."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from groundswell.core.design import Pair, contrast_pairs, stylesheet_tokens
from groundswell.lib.contrast import normalise_hex

register = template.Library()


@register.simple_tag
def brand_style(brand: object, brand_dark: object, nonce: object) -> SafeString:
    """{% brand_style SITE_BRAND SITE_BRAND_DARK csp_nonce %}: a <style> setting --brand and
    --brand-dark, or nothing when neither is a colour. Only well-formed hex colours are printed,
    so a stored value can never add CSS of its own."""
    declarations = [
        f"--{name}: {colour};"
        for name, value in (("brand", brand), ("brand-dark", brand_dark))
        if value and (colour := normalise_hex(str(value)))
    ]
    if not declarations:
        return mark_safe("")  # noqa: S308 (nothing to print)
    css = mark_safe(":root { " + " ".join(declarations) + " }")  # noqa: S308 (hex colours only)
    if nonce is None:
        return format_html("<style>{}</style>", css)
    return format_html('<style nonce="{}">{}</style>', nonce, css)


@register.simple_tag
def site_contrast(brand: object, brand_dark: object) -> list[Pair]:
    """{% site_contrast SITE_BRAND SITE_BRAND_DARK as pairs %}: the colour pairs the site uses,
    with their contrast ratios, for the colours it shows now (its own when they are set)."""
    site_colours = {
        name: str(value) for name, value in (("brand", brand), ("brand-dark", brand_dark)) if value
    }
    return contrast_pairs(stylesheet_tokens(), site_colours)


@register.simple_tag
def class_names(*names: str) -> SafeString:
    """{% class_names "button" "button-secondary" %}: the class names a component uses, as code."""
    return format_html_join(" ", "<code>.{}</code>", ((name,) for name in names))
