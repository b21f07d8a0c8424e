"""Links to the site's own pages from any template:

    {% load sitepages %}
    {% site_page_link "guidelines" %}                     -> <a href="/pages/guidelines/">Community guidelines</a>
    {% translate "our community guidelines" as text %}{% site_page_link "guidelines" text %}
    {% site_page_url "privacy" as privacy_url %}

The title is the page's own (as an administrator wrote it), read without a query.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from groundswell.sitepages import identity
from groundswell.sitepages.models import PageSlug

register = template.Library()


def _check(slug: str) -> str:
    if slug not in PageSlug.values:
        raise template.TemplateSyntaxError(
            f"site_page_link: no site page {slug!r} (one of {', '.join(PageSlug.values)})"
        )
    return slug


@register.simple_tag
def site_page_url(slug: str) -> str:
    return identity.page_url(_check(slug))


@register.simple_tag
def site_page_link(slug: str, text: str = "") -> SafeString:
    slug = _check(slug)
    return format_html(
        '<a href="{}">{}</a>', identity.page_url(slug), text or identity.page_title(slug)
    )
