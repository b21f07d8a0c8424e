"""The Open Referral staff screen: an administrator uploads a file, checks it (dry run) or
imports it, and sees what came in and every record that did not, by its id, with the reason."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from groundswell.core.http import AuthenticatedHttpRequest
from groundswell.core.staff import has_admin_powers
from groundswell.core.uploads import oversized
from groundswell.openreferral import reading, services
from groundswell.openreferral.forms import ImportForm


@never_cache
@login_required
def import_file(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not has_admin_powers(request.user):
        raise PermissionDenied
    report = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if "file" in oversized(request):
            form.add_error(
                "file",
                _(
                    "This file is over %(mb)s MB, the most this page takes. Import it with "
                    "manage.py oruk_import instead."
                )
                % {"mb": settings.STORY_IMAGE_MAX_BYTES // (1024 * 1024)},
            )
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                package = reading.from_bytes(upload.read(), upload.name or "")
            except reading.Unreadable as exc:
                form.add_error("file", str(exc))
            else:
                # Importing the same file twice updates what the first import wrote (keyed by
                # the publisher's ids), so a double submit brings no duplicates.
                report = services.oruk_import(
                    package=package,
                    publisher=form.cleaned_data["publisher"],
                    actor=request.user,
                    file_name=upload.name or "upload",
                    default_place=form.cleaned_data["default_place"],
                    dry_run=form.cleaned_data["dry_run"],
                    request=request,
                )
    else:
        form = ImportForm()
    status = 400 if request.method == "POST" and form.errors else 200
    return render(
        request,
        "openreferral/staff/import.html",
        {"form": form, "report": report, "section": "openreferral"},
        status=status,
    )
