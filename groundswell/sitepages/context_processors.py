from __future__ import annotations

from django.http import HttpRequest

from groundswell.sitepages import identity


def site(request: HttpRequest) -> dict[str, object]:
    """The site's name, tagline, logo, colours and footer links on every page. No query once this
    process has them (identity.py)."""
    current = identity.site_identity()
    return {
        "SITE_NAME": current.name,
        "SITE_TAGLINE": current.tagline,
        "SITE_LOGO_URL": current.logo_url,
        "SITE_BRAND": current.brand,
        "SITE_BRAND_DARK": current.brand_dark,
        "site_footer_pages": identity.footer_pages(),
    }
