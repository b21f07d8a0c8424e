"""Members and roles: administrators find members and change their site role, and give
organisers their places. No health data here: nothing a member shared, no counts by topic."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from groundswell.accounts import services
from groundswell.accounts.models import SiteRole, User
from groundswell.accounts.staff_forms import MemberSearchForm, OrganiserPlacesForm, RoleForm
from groundswell.core.formerrors import add_errors
from groundswell.core.http import AuthenticatedHttpRequest
from groundswell.core.staff import has_admin_powers
from groundswell.places import permissions as place_permissions
from groundswell.places import services as place_services
from groundswell.places.models import OrganiserPlace

PAGE_SIZE = 50


def _require_admin(request: AuthenticatedHttpRequest) -> None:
    if not has_admin_powers(request.user):
        raise PermissionDenied


@never_cache
@login_required
def member_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require_admin(request)
    form = MemberSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = User.objects.filter(is_active=True)
    term = (data.get("q") or "").strip()
    if term:
        qs = qs.filter(
            Q(display_name__icontains=term)
            | Q(handle__iexact=term.lstrip("@"))
            | Q(email__icontains=term)
        )
    role = data.get("role") or ""
    if role:
        qs = qs.filter(site_role=role)
    elif not term:
        # With nothing asked, the people with a staff role: the list a new administrator needs.
        qs = qs.filter(
            Q(site_role__in=[SiteRole.ORGANISER, SiteRole.MODERATOR, SiteRole.ADMIN])
            | Q(is_superuser=True)
        )
    qs = qs.only("id", "display_name", "handle", "email", "site_role", "is_superuser").order_by(
        "display_name", "id"
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in {"q": term, "role": role}.items() if v})
    return render(
        request,
        "accounts/staff/members.html",
        {
            "form": form,
            "page": page,
            "page_query": query,
            "searched": bool(term or role),
            "section": "members",
        },
    )


def _detail(
    request: AuthenticatedHttpRequest,
    person: User,
    *,
    role_form: RoleForm | None = None,
    places_form: OrganiserPlacesForm | None = None,
    status: int = 200,
) -> HttpResponse:
    roots = list(
        OrganiserPlace.objects.filter(user=person).select_related("place").order_by("place__path")
    )
    context = {
        "person": person,
        "is_me": person.pk == request.user.pk,
        "role_form": role_form or RoleForm(initial={"role": person.site_role}),
        "places_form": places_form
        or OrganiserPlacesForm(initial={"places": [r.place_id for r in roots]}),
        "organiser_places": [r.place for r in roots],
        "section": "members",
    }
    return render(request, "accounts/staff/member.html", context, status=status)


def _person(handle: str) -> User:
    return get_object_or_404(User, handle=handle, is_active=True)


@never_cache
@login_required
def member_detail(request: AuthenticatedHttpRequest, handle: str) -> HttpResponse:
    _require_admin(request)
    return _detail(request, _person(handle))


@require_POST
@login_required
def member_role(request: AuthenticatedHttpRequest, handle: str) -> HttpResponse:
    _require_admin(request)
    person = _person(handle)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            services.user_role_set(
                user=person, role=form.cleaned_data["role"], actor=request.user, request=request
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s is now: %(role)s. They have been told.")
                % {"name": person.public_name, "role": person.get_site_role_display()},
            )
            return redirect("staff_members:detail", handle=person.handle)
    return _detail(request, person, role_form=form, status=400)


@require_POST
@login_required
def member_places(request: AuthenticatedHttpRequest, handle: str) -> HttpResponse:
    _require_admin(request)
    person = _person(handle)
    form = OrganiserPlacesForm(request.POST)
    if form.is_valid():
        try:
            place_services.organiser_places_set(
                user=person,
                places=list(form.cleaned_data["places"]),
                actor=request.user,
                request=request,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            place_permissions.forget_roots(person)
            messages.success(
                request,
                _("The places %(name)s looks after are saved.") % {"name": person.public_name},
            )
            return redirect("staff_members:detail", handle=person.handle)
    return _detail(request, person, places_form=form, status=400)
