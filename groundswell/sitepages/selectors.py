"""Reads for the site's pages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from groundswell.sitepages.models import PageSlug, SitePage, SitePageRevision


def page_or_none(slug: str) -> SitePage | None:
    return SitePage.objects.filter(slug=slug).first()


def pages_by_slug() -> dict[str, SitePage]:
    return {page.slug: page for page in SitePage.objects.select_related("updated_by")}


def staff_page_rows() -> list[dict[str, Any]]:
    """Every page, written or not, in the footer's order."""
    written = pages_by_slug()
    return [
        {"slug": slug, "label": label, "page": written.get(slug)}
        for slug, label in PageSlug.choices
    ]


def revisions_of(page: SitePage) -> QuerySet[SitePageRevision]:
    return page.revisions.select_related("editor").order_by("-created_at", "-id")


def export_edits(user: Any) -> list[dict[str, Any]]:
    """For "Download my data": the versions of site pages this person wrote."""
    return [
        {
            "page": slug,
            "title": title,
            "what_changed": note,
            "text": body,
            "saved_at": created_at.isoformat(),
        }
        for slug, title, note, body, created_at in SitePageRevision.objects.filter(editor=user)
        .order_by("created_at", "id")
        .values_list("page__slug", "title", "note", "body", "created_at")
    ]
