"""The help lines staff screen: administrators manage the national ones and any local one;
organisers the ones for the places they look after (groundswell.places.permissions)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from groundswell.core.formerrors import add_errors
from groundswell.core.http import AuthenticatedHttpRequest
from groundswell.core.staff import has_admin_powers
from groundswell.places.permissions import organiser_roots, places_managed_by
from groundswell.safeguarding import permissions, services
from groundswell.safeguarding.models import Helpline
from groundswell.safeguarding.staff_forms import HelplineForm


def _require(request: AuthenticatedHttpRequest) -> None:
    if not permissions.can_manage_helplines(request.user):
        raise PermissionDenied


@never_cache
@login_required
def helpline_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(request)
    qs = Helpline.objects.select_related("place").order_by("place__path", "order", "name")
    is_admin = has_admin_powers(request.user)
    if not is_admin:
        mine = Q()
        for root in organiser_roots(request.user):
            mine |= Q(place__path__startswith=root.path)
        # Organisers see the national lines too (read only): what people see beside theirs.
        qs = qs.filter(mine | Q(place__isnull=True))
    lines = list(qs)
    return render(
        request,
        "safeguarding/staff/helplines.html",
        {
            "national": [line for line in lines if line.place_id is None],
            "local": [line for line in lines if line.place_id is not None],
            "is_admin": is_admin,
            "section": "helplines",
        },
    )


def _form(request: AuthenticatedHttpRequest, line: Helpline | None) -> HelplineForm:
    initial = (
        {
            "name": line.name,
            "contact": line.contact,
            "description": line.description,
            "place": line.place_id,
            "order": line.order,
            "is_active": line.is_active,
        }
        if line
        else {"order": 100, "is_active": True}
    )
    return HelplineForm(
        request.POST or None,
        initial=initial,
        # A help line kept in a place since retired stays there unless moved.
        places=places_managed_by(request.user)
        .for_choice(keep=[line.place_id if line else None])
        .order_by("path"),
        national=has_admin_powers(request.user),
    )


def _edit(request: AuthenticatedHttpRequest, line: Helpline | None) -> HttpResponse:
    form = _form(request, line)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.helpline_save(
                line=line, data=form.cleaned_data, actor=request.user, request=request
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is saved.") % {"name": saved.name})
            return redirect("staff_helplines:list")
    return render(
        request,
        "safeguarding/staff/helpline_form.html",
        {"form": form, "line": line, "section": "helplines"},
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
def helpline_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(request)
    return _edit(request, None)


@never_cache
@login_required
def helpline_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require(request)
    line = get_object_or_404(Helpline.objects.select_related("place"), pk=pk)
    if not permissions.can_manage_helpline(request.user, line):
        raise PermissionDenied
    return _edit(request, line)
