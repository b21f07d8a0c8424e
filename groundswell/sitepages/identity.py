"""The site's name, tagline, logo and colours, and its pages' titles: the one place they are read.

Every page shows them (header, footer, <title>), so they are kept in this process's memory
(CACHES["local"]) and a warm page costs no query for them. A save ends the copy in the process
that saved (services call `forget()`, now and again when the transaction commits); other server
processes read afresh within SITE_IDENTITY_CACHE_SECONDS (30 by default). Visitors' stored pages
end at once: both tables bump the page cache's `site` scope (apps.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.cache import caches
from django.urls import reverse

from groundswell.sitepages.models import PageSlug, SiteIdentity, SitePage

CACHE_ALIAS = "local"
CACHE_KEY = "sitepages:snapshot:1"
# The stylesheet's own colours (static/css/groundswell.css), used until an administrator chooses.
DEFAULT_BRAND = "#0b6e4f"
DEFAULT_BRAND_DARK = "#07513a"


@dataclass(frozen=True, slots=True)
class Identity:
    name: str
    tagline: str
    logo_url: str | None
    brand: str
    brand_dark: str


@dataclass(frozen=True, slots=True)
class _Snapshot:
    identity: Identity
    # (slug, title as written, or "" for a page nobody has written yet), every slug.
    titles: tuple[tuple[str, str], ...]


def _cache_seconds() -> int:
    return int(getattr(settings, "SITE_IDENTITY_CACHE_SECONDS", 30))


def _default_identity() -> Identity:
    return Identity(
        name=str(settings.SITE_NAME),
        tagline="",
        logo_url=None,
        brand=DEFAULT_BRAND,
        brand_dark=DEFAULT_BRAND_DARK,
    )


def _load() -> _Snapshot:
    row = SiteIdentity.objects.filter(pk=SiteIdentity.SINGLE_ID).first()
    written = dict(SitePage.objects.values_list("slug", "title"))
    if row is None:
        identity = _default_identity()
    else:
        identity = Identity(
            name=row.name,
            tagline=row.tagline,
            logo_url=logo_url(row.logo.name) if row.logo and row.logo.name else None,
            brand=row.brand,
            brand_dark=row.brand_dark,
        )
    return _Snapshot(
        identity=identity, titles=tuple((slug, written.get(slug, "")) for slug in PageSlug.values)
    )


def _snapshot() -> _Snapshot:
    cache = caches[CACHE_ALIAS]
    snapshot = cache.get(CACHE_KEY)
    if not isinstance(snapshot, _Snapshot):
        snapshot = _load()
        cache.set(CACHE_KEY, snapshot, timeout=_cache_seconds())
    return snapshot


def remember_fresh_site() -> None:
    """Keep what a site with no identity row and no pages shows, without reading the database.
    For tests, whose database starts empty: their pages then cost what a warm process's do
    (every write goes through the services, which forget this)."""
    snapshot = _Snapshot(
        identity=_default_identity(), titles=tuple((slug, "") for slug in PageSlug.values)
    )
    caches[CACHE_ALIAS].set(CACHE_KEY, snapshot, timeout=_cache_seconds())


def forget() -> None:
    """End this process's copy (after a save)."""
    caches[CACHE_ALIAS].delete(CACHE_KEY)


def logo_url(stored_name: str) -> str:
    """The address of a stored logo. Its file name is new with every upload, so the address
    changes whenever the logo does and browsers may keep it."""
    return reverse("sitepages:logo", args=[stored_name.rsplit("/", 1)[-1]])


def site_identity() -> Identity:
    """The site's name, tagline, logo and colours as visitors see them now."""
    return _snapshot().identity


def site_name() -> str:
    """The site's name, for emails, feeds, file names and anything else that says it."""
    return _snapshot().identity.name


def page_title(slug: str) -> str:
    """A page's title as written, or its usual title if nobody has written it yet."""
    written = dict(_snapshot().titles).get(slug, "")
    return written or str(PageSlug(slug).label)


def page_url(slug: str) -> str:
    return reverse("sitepages:page", kwargs={"slug": slug})


def footer_pages() -> list[tuple[str, str]]:
    """(title, url) of the six pages, in the order the footer lists them."""
    return [
        (title or str(PageSlug(slug).label), page_url(slug)) for slug, title in _snapshot().titles
    ]


def email_subject_prefix() -> str:
    """What every email's subject starts with: "[Site name] "."""
    return f"[{site_name()}] "


def from_email() -> str:
    """The From of every email: the address set where the site is installed (DEFAULT_FROM_EMAIL),
    under the site's current name, so "Riverside Community Health Network <no-reply@…>"."""
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return formataddr((site_name(), address))
