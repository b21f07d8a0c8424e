"""Pages for a person's own data: download it, see and withdraw consents, delete the account.

Asking for a copy, downloading it and deleting the account need a session that proved who it is
in the last few minutes, with the second factor where the person has one
(groundswell/accounts/reauthentication.py); the status page and its polling don't.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from groundswell.accounts.models import User
from groundswell.accounts.reauthentication import (
    reauthentication_required,
    require_recent_authentication,
)
from groundswell.core.ratelimit import RateLimited
from groundswell.privacy import permissions, selectors, services
from groundswell.privacy.forms import DeleteAccountForm
from groundswell.privacy.models import DataExport, ExportStatus
from groundswell.sitepages.identity import site_name
from groundswell.stories import services as story_services
from groundswell.stories.models import Comment, Status, Story
from groundswell.trust.ratelimit import check_request_rate

# The one-time download token lives only in the browser that asked (the database holds its hash).
EXPORT_COOKIE = "gs_export"


def _me(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not permissions.can_use_data_rights(user):
        raise PermissionDenied
    return user


def _cookie_path() -> str:
    return reverse("privacy:data")


def _download_url(request: HttpRequest, export: DataExport | None) -> str | None:
    """The download link, when this browser holds the token for this ready export."""
    if export is None or export.status != ExportStatus.READY:
        return None
    export_id, _, token = request.COOKIES.get(EXPORT_COOKIE, "").partition(":")
    if export_id != str(export.pk) or not token or services.hash_token(token) != export.token_hash:
        return None
    return reverse("privacy:download", args=[export.pk, token])


@never_cache
@login_required
def data(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    status = 200
    retry_after = None
    if request.method == "POST":
        require_recent_authentication(request)
        try:
            check_request_rate(request, "export")
            export, token = services.export_request(user=user, request=request)
        except RateLimited as exc:
            messages.error(
                request,
                _("You have asked for a copy too often. %(wait)s") % {"wait": exc.message},
            )
            status, retry_after = 429, exc.retry_after
        except services.ExportRefused as exc:
            messages.error(request, exc.messages[0])
            status = 429
        else:
            messages.success(
                request,
                _("We are preparing a copy of your data. This page shows when it is ready."),
            )
            response = redirect("privacy:data")
            response.set_cookie(
                EXPORT_COOKIE,
                f"{export.pk}:{token}",
                max_age=(settings.PRIVACY_EXPORT_LINK_MINUTES + 60) * 60,
                path=_cookie_path(),
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
            return response
    latest = selectors.latest_export(user)
    now = timezone.now()
    context: dict[str, Any] = {
        "export": latest,
        "shown_status": latest.shown_status(now) if latest else None,
        "download_url": _download_url(request, latest)
        if latest and latest.link_is_live(now)
        else None,
        "per_day": settings.PRIVACY_EXPORTS_PER_DAY,
        "link_minutes": settings.PRIVACY_EXPORT_LINK_MINUTES,
    }
    template = (
        "privacy/data.html#status" if getattr(request, "htmx", False) else "privacy/data.html"
    )
    page = render(request, template, context, status=status)
    if retry_after:
        page["Retry-After"] = str(retry_after)
    return page


@never_cache
@login_required
@reauthentication_required
def download(request: HttpRequest, pk: int, token: str) -> HttpResponseBase:
    user = _me(request)
    try:
        export, handle = services.export_claim_download(
            user=user, export_id=pk, token=token, request=request
        )
    except services.ExportLinkInvalid as exc:
        raise Http404("No such download") from exc
    except services.ExportGone as exc:
        return render(request, "privacy/export_gone.html", {"message": str(exc)}, status=410)
    day = timezone.localdate(export.finished_at or timezone.now())
    filename = f"{slugify(site_name()) or 'groundswell'}-my-data-{day:%Y-%m-%d}.zip"
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type="application/zip"
    )
    response.delete_cookie(EXPORT_COOKIE, path=_cookie_path())
    return response


@never_cache
@login_required
def consents(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    context = {
        "stories": selectors.published_with_consent(user),
        "history": selectors.consent_history(user),
    }
    return render(request, "privacy/consents.html", context)


@require_POST
@login_required
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user = _me(request)
    story = permissions.get_own_published_story(user, pk)
    if not permissions.can_withdraw_consent(user, story):
        messages.info(
            request,
            _("“%(title)s” is not published, so there is no consent to withdraw.")
            % {"title": story.title},
        )
        return redirect("privacy:consents")
    story_services.story_withdraw(story=story, actor=user)
    messages.success(
        request,
        _("You withdrew your consent. “%(title)s” is no longer visible to anyone else.")
        % {"title": story.title},
    )
    return redirect("privacy:consents")


@never_cache
@login_required
@reauthentication_required
def delete_account(request: HttpRequest) -> HttpResponse:
    user = _me(request)
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.account_delete(user=user, mode=form.cleaned_data["mode"])
        logout(request)
        return redirect("privacy:deleted")
    stories = Story.objects.filter(author=user)
    context = {
        "form": form,
        "published_count": stories.filter(status=Status.PUBLISHED).count(),
        "other_count": stories.exclude(status=Status.PUBLISHED).count(),
        "comment_count": Comment.objects.filter(author=user, is_deleted=False).count(),
    }
    return render(request, "privacy/delete.html", context, status=400 if form.errors else 200)


def deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/deleted.html")
