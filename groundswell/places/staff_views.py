"""The places staff screen: administrators look after the whole tree, organisers the places they
were given and everything below them (groundswell.places.permissions)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from groundswell.core.formerrors import add_errors
from groundswell.core.http import AuthenticatedHttpRequest
from groundswell.core.staff import has_admin_powers
from groundswell.places import permissions, services
from groundswell.places.models import Place
from groundswell.places.staff_forms import PlaceForm


def _require_places(request: AuthenticatedHttpRequest) -> None:
    if not permissions.can_manage_any_place(request.user):
        raise PermissionDenied


def _place_for(request: AuthenticatedHttpRequest, pk: int) -> Place:
    """The place, 404 if there is none; 403 if it is not one the person looks after."""
    place = get_object_or_404(Place.objects.select_related("parent"), pk=pk)
    if not permissions.can_manage_place(request.user, place):
        raise PermissionDenied
    return place


@never_cache
@login_required
def place_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_places(request)
    places = list(
        permissions.places_managed_by(request.user)
        .only("id", "name", "slug", "level", "path", "parent_id", "retired_at")
        .order_by("path")
    )
    top = min((p.depth for p in places), default=0)
    rows = [(p, p.depth - top, "\u2014 " * (p.depth - top)) for p in places]
    return render(
        request,
        "places/staff/list.html",
        {
            "rows": rows,
            "is_admin": has_admin_powers(request.user),
            "roots": permissions.organiser_roots(request.user),
            "section": "places",
        },
    )


@never_cache
@login_required
def place_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_places(request)
    parent_id = request.POST.get("parent") or request.GET.get("parent") or ""
    parent: Place | None = None
    if parent_id:
        if not parent_id.isdigit():
            raise Http404("No such place")
        parent = _place_for(request, int(parent_id))
    elif not has_admin_powers(request.user):
        raise PermissionDenied  # only administrators add nations
    return _place_form(request, None, parent)


@never_cache
@login_required
def place_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require_places(request)
    place = _place_for(request, pk)
    return _place_form(request, place, place.parent)


def _place_form(
    request: AuthenticatedHttpRequest, place: Place | None, parent: Place | None
) -> HttpResponse:
    """Add a place under `parent` (place None) or edit one: the same form, the service's refusals
    beside the fields."""
    initial = {"name": place.name, "description": place.description} if place else None
    form = PlaceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ("name", "description")}
        try:
            if place is None:
                saved = services.place_add(
                    parent=parent, **fields, actor=request.user, request=request
                )
                done = _("%(place)s is added.")
            else:
                saved = services.place_update(
                    place=place, **fields, actor=request.user, request=request
                )
                done = _("%(place)s is saved.")
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, done % {"place": saved.name})
            return redirect("staff_places:list")
    return render(
        request,
        "places/staff/form.html",
        {"form": form, "parent": parent, "place": place, "section": "places"},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
@login_required
def place_retire(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    _require_places(request)
    place = _place_for(request, pk)
    restore = bool(request.POST.get("restore"))
    try:
        services.place_retire(place=place, actor=request.user, restore=restore, request=request)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        if restore:
            messages.success(request, _("%(place)s is offered again.") % {"place": place.name})
        else:
            messages.success(
                request,
                _(
                    "%(place)s is retired: nobody can choose it any more. What is already there "
                    "keeps it."
                )
                % {"place": place.name},
            )
    return redirect("staff_places:list")
