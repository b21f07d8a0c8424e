"""The site's own pages for everyone, and the administrators' screens for them and for the
site's name, logo and colours."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from groundswell.core import pagecache, uploads
from groundswell.core.http import AuthenticatedHttpRequest
from groundswell.lib.contrast import WHITE, contrast_ratio, normalise_hex, shown_ratio
from groundswell.lib.markdown import render_markdown
from groundswell.sitepages import identity, logos, permissions, selectors, services
from groundswell.sitepages.forms import SiteIdentityForm, SitePageForm
from groundswell.sitepages.models import PageSlug, SiteIdentity, SitePageRevision

View = Callable[..., HttpResponseBase]


def _slug_or_404(slug: str) -> str:
    if slug not in PageSlug.values:
        raise Http404("No such page")
    return slug


@pagecache.cache_for_anonymous(scopes=(pagecache.SITE,))
def page(request: HttpRequest, slug: str) -> HttpResponse:
    """Anyone may read the site's pages. One nobody has written yet says so (footer links
    never lead to a 404)."""
    slug = _slug_or_404(slug)
    site_page = selectors.page_or_none(slug)
    context = {
        "slug": slug,
        "site_page": site_page,
        "title": site_page.title if site_page else str(PageSlug(slug).label),
        "body_html": render_markdown(site_page.body) if site_page else "",
        "can_edit": permissions.can_manage_site(request.user),
    }
    return render(request, "sitepages/page.html", context)


def logo(request: HttpRequest, name: str) -> FileResponse:
    """The current logo. Its name changes with every upload, so it may be kept for a year."""
    row = SiteIdentity.objects.filter(pk=SiteIdentity.SINGLE_ID).only("logo").first()
    stored = row.logo.name if row is not None and row.logo else ""
    if not stored or stored.rsplit("/", 1)[-1] != name:
        raise Http404("No such logo")
    try:
        handle = row.logo.open("rb")  # type: ignore[union-attr]
    except FileNotFoundError as exc:
        raise Http404("No such logo") from exc
    extension = name.rsplit(".", 1)[-1]
    response = FileResponse(handle, content_type=logos.CONTENT_TYPES.get(extension, "image/png"))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    # Opened on its own, an SVG is a document: nothing in it may run or load anything.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    return response


# --- Staff screens ----------------------------------------------------------------------------


def admin_required(view: View) -> View:
    """Administrators on a session that passed two-step sign-in; an administrator who has not
    entered a code yet is asked for one and brought back."""

    @wraps(view)
    @never_cache
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not permissions.is_site_admin(request.user):
            raise PermissionDenied
        if not permissions.can_manage_site(request.user):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
        return view(request, *args, **kwargs)

    return wrapped


@admin_required
def staff_pages(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "sitepages/staff_pages.html",
        {"rows": selectors.staff_page_rows(), "section": "site_pages"},
    )


@admin_required
def staff_page_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Edit a page; "Preview" shows it as visitors will see it without saving."""
    slug = _slug_or_404(slug)
    site_page = selectors.page_or_none(slug)
    preview_html = ""
    status = 200
    if request.method == "POST":
        form = SitePageForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            if request.POST.get("action") == "preview":
                preview_html = render_markdown(data["body"])
            else:
                try:
                    revision = services.site_page_save(
                        page_slug=slug,
                        title=data["title"],
                        body=data["body"],
                        note=data["note"],
                        actor=request.user,
                        request=request,
                    )
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    if revision is None:
                        messages.info(request, _("Nothing changed: the page already says this."))
                    else:
                        messages.success(
                            request,
                            _("Saved. “%(title)s” now reads as you wrote it.")
                            % {"title": data["title"]},
                        )
                    return redirect("sitepages:staff_pages")
        if form.errors:
            status = 400
    else:
        form = SitePageForm(
            initial={
                "title": site_page.title if site_page else str(PageSlug(slug).label),
                "body": site_page.body if site_page else "",
            }
        )
    context = {
        "form": form,
        "slug": slug,
        "label": PageSlug(slug).label,
        "site_page": site_page,
        "preview_html": preview_html,
        "section": "site_pages",
    }
    return render(request, "sitepages/staff_page_edit.html", context, status=status)


@admin_required
def staff_page_history(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    slug = _slug_or_404(slug)
    site_page = selectors.page_or_none(slug)
    revisions = list(selectors.revisions_of(site_page)) if site_page else []
    context = {
        "slug": slug,
        "label": PageSlug(slug).label,
        "site_page": site_page,
        "revisions": revisions,
        "section": "site_pages",
    }
    return render(request, "sitepages/staff_page_history.html", context)


def _revision_or_404(slug: str, pk: int) -> SitePageRevision:
    return get_object_or_404(
        SitePageRevision.objects.select_related("page", "editor"), pk=pk, page__slug=slug
    )


@admin_required
def staff_revision(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    revision = _revision_or_404(_slug_or_404(slug), pk)
    page_now = revision.page
    context = {
        "slug": slug,
        "revision": revision,
        "body_html": render_markdown(revision.body),
        "is_current": page_now.title == revision.title and page_now.body == revision.body,
        "section": "site_pages",
    }
    return render(request, "sitepages/staff_revision.html", context)


@require_POST
@admin_required
def staff_revision_restore(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    revision = _revision_or_404(_slug_or_404(slug), pk)
    if services.site_page_restore(revision=revision, actor=request.user, request=request) is None:
        messages.info(request, _("Nothing changed: the page already says this."))
    else:
        messages.success(request, _("Restored. The page reads as it did in that version."))
    return redirect("sitepages:staff_page_history", slug=slug)


def _ratio_rows(brand: str, brand_dark: str) -> list[dict[str, Any]]:
    rows = []
    for label, colour in (
        (_("White text on the brand colour"), brand),
        (_("White text on the dark brand colour, and it on white"), brand_dark),
    ):
        hex_colour = normalise_hex(colour)
        if hex_colour is None:
            continue
        ratio = contrast_ratio(WHITE, hex_colour)
        rows.append({"label": label, "ratio": shown_ratio(ratio), "passes": ratio >= 4.5})
    return rows


@admin_required
def staff_identity(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The site's name, tagline, logo and colours. "Preview" (and any refusal) shows a sample
    header in the colours entered, with their contrast ratios, without saving."""
    current = identity.site_identity()
    row = SiteIdentity.objects.filter(pk=SiteIdentity.SINGLE_ID).first()
    has_logo = bool(row and row.logo)
    shown = {
        "name": current.name,
        "tagline": current.tagline,
        "brand": current.brand,
        "brand_dark": current.brand_dark,
    }
    previewing = False
    status = 200
    if request.method == "POST":
        form = SiteIdentityForm(
            request.POST, request.FILES, has_logo=has_logo, oversized=uploads.oversized(request)
        )
        valid = form.is_valid()
        shown = {key: str(request.POST.get(key, "")).strip() for key in shown}
        previewing = True
        if valid and request.POST.get("action") != "preview":
            data = form.cleaned_data
            try:
                saved = services.site_identity_save(
                    name=data["name"],
                    tagline=data["tagline"],
                    brand=data["brand"],
                    brand_dark=data["brand_dark"],
                    logo=data["logo"],
                    remove_logo=bool(data.get("remove_logo")),
                    actor=request.user,
                    request=request,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                if saved is None:
                    messages.info(request, _("Nothing changed."))
                else:
                    messages.success(request, _("Saved. Every page now uses the new settings."))
                return redirect("sitepages:staff_identity")
        if form.errors:
            status = 400
    else:
        form = SiteIdentityForm(initial=shown, has_logo=has_logo)
    brand = normalise_hex(shown["brand"]) or current.brand
    brand_dark = normalise_hex(shown["brand_dark"]) or current.brand_dark
    context = {
        "form": form,
        "current": current,
        "previewing": previewing,
        "file_chosen": bool(request.FILES.get("logo")),
        "sample": {**shown, "brand": brand, "brand_dark": brand_dark},
        "ratios": _ratio_rows(shown["brand"], shown["brand_dark"]),
        "section": "site_identity",
    }
    return render(request, "sitepages/staff_identity.html", context, status=status)
