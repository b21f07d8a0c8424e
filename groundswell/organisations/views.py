from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from groundswell.core import uploads
from groundswell.core.formerrors import add_errors
from groundswell.core.http import AuthenticatedHttpRequest, verify_email_first
from groundswell.core.ratelimit import RateLimited, rate_limited_response
from groundswell.core.staff import is_moderator
from groundswell.core.urls import absolute_url
from groundswell.organisations import permissions, selectors, services
from groundswell.organisations.forms import (
    FilterForm,
    InviteForm,
    JoinForm,
    OrganisationForm,
    RoleForm,
    TransferForm,
)
from groundswell.organisations.models import Invitation, JoinRequest, Membership, Organisation, Role
from groundswell.stories.permissions import has_verified_email


def _needs_verified_email(request: HttpRequest) -> HttpResponse | None:
    return None if has_verified_email(request.user) else verify_email_first(request)


def organisation_list(request: HttpRequest) -> HttpResponse:
    places = selectors.places_for_filter()
    form = FilterForm(request.GET or None, places=places)
    filters = selectors.OrganisationFilters()
    if form.is_bound and form.is_valid():
        filters = selectors.OrganisationFilters(
            q=form.cleaned_data["q"].strip(),
            kind=form.cleaned_data["kind"],
            place=form.cleaned_data["place"],
        )
    page = selectors.organisation_page(filters, request.GET.get("page"))
    query = {k: v for k, v in request.GET.items() if k != "page" and v}
    return render(
        request,
        "organisations/list.html",
        {
            "form": form,
            "page": page,
            "filters": filters,
            "query": urlencode(query),
        },
    )


@never_cache
@login_required
def to_verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Moderators: the organisations waiting to be checked. Organisers: those serving the
    places they look after (permissions.organisations_to_verify_for)."""
    if not permissions.can_see_verification_queue(request.user):
        raise Http404("Not found")
    within = (
        None
        if is_moderator(request.user)
        else permissions.organisations_to_verify_for(request.user)
    )
    page = selectors.waiting_for_verification(request.GET.get("page"), within)
    return render(
        request,
        "organisations/to_verify.html",
        {"page": page, "can_verify": permissions.can_verify(request.user)},
    )


@never_cache
@login_required
def organisation_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    refused = _needs_verified_email(request)
    if refused is not None:
        return refused
    if request.method == "POST":
        form = OrganisationForm(request.POST, request.FILES, oversized=uploads.oversized(request))
        if form.is_valid():
            try:
                org = services.organisation_create(
                    creator=request.user,
                    data=form.to_input(),
                    submission_key=form.cleaned_data.get("submission_key"),
                )
            except RateLimited as exc:
                return rate_limited_response(request, exc)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("%(name)s has its page. A moderator will check it and mark it verified.")
                    % {"name": org.name},
                )
                return redirect("organisations:detail", slug=org.slug)
    else:
        form = OrganisationForm()
    return render(request, "organisations/form.html", {"form": form, "org": None})


@login_required
def my_organisations(request: AuthenticatedHttpRequest) -> HttpResponse:
    memberships = selectors.memberships_for(request.user)
    requests = JoinRequest.objects.filter(user=request.user, status="pending").select_related(
        "organisation"
    )
    return render(
        request, "organisations/mine.html", {"memberships": memberships, "requests": requests}
    )


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    org = permissions.get_organisation_for_user(request.user, slug)
    role = permissions.role_in(request.user, org)
    context = {
        "org": org,
        "role": role,
        "member_count": selectors.member_count(org),
        "can_manage": permissions.can_manage(request.user, org),
        "can_see_members": role is not None,
        "can_verify": permissions.can_verify(request.user, org),
        "can_ask": permissions.can_ask_to_join(request.user, org),
        "pending": selectors.pending_request_for(org, request.user) if role is None else None,
        "posts": selectors.recent_posts(org, request.user),
        "can_post": permissions.can_post_as(request.user, org),
    }
    return render(request, "organisations/detail.html", context)


def organisation_logo(request: HttpRequest, slug: str) -> FileResponse:
    org = permissions.get_organisation_for_user(request.user, slug)
    if not org.logo:
        raise Http404
    try:
        handle = org.logo.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, content_type="image/png" if (org.logo.name or "").endswith(".png") else "image/jpeg"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, no-cache"
    return response


def _manageable(request: AuthenticatedHttpRequest, slug: str) -> Organisation:
    org = permissions.get_organisation_for_user(request.user, slug)
    if not permissions.can_manage(request.user, org):
        raise PermissionDenied
    return org


@never_cache
@login_required
def organisation_settings(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    org = _manageable(request, slug)
    has_logo = bool(org.logo)
    if request.method == "POST":
        form = OrganisationForm(
            request.POST,
            request.FILES,
            has_logo=has_logo,
            oversized=uploads.oversized(request),
            keep_places=list(org.places.values_list("pk", flat=True)),
            keep_topics=list(org.topics.values_list("pk", flat=True)),
        )
        if form.is_valid():
            try:
                services.organisation_update(org=org, actor=request.user, data=form.to_input())
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("organisations:detail", slug=org.slug)
    else:
        form = OrganisationForm(
            initial={
                "name": org.name,
                "kind": org.kind,
                "description": org.description,
                "places": list(org.places.all()),
                "topics": list(org.topics.all()),
                "contact_email": org.contact_email,
                "contact_phone": org.contact_phone,
                "website": org.website,
                "accessibility": org.accessibility,
                "logo_alt": org.logo_alt,
                "members_may_post": org.members_may_post,
            },
            has_logo=has_logo,
            keep_places=list(org.places.values_list("pk", flat=True)),
            keep_topics=list(org.topics.values_list("pk", flat=True)),
        )
    return render(request, "organisations/form.html", {"form": form, "org": org})


@never_cache
@login_required
def organisation_members(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    org = permissions.get_organisation_for_user(request.user, slug)
    if not permissions.can_see_members(request.user, org):
        raise PermissionDenied
    can_manage = permissions.can_manage(request.user, org)
    context = {
        "org": org,
        "members": selectors.members_of(org),
        "can_manage": can_manage,
        "is_owner": permissions.is_owner(request.user, org),
        "requests": selectors.pending_requests(org) if can_manage else (),
        "invitations": selectors.open_invitations(org) if can_manage else (),
        "role_form": RoleForm(),
    }
    return render(request, "organisations/members.html", context)


@never_cache
@login_required
def join(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    org = permissions.get_organisation_for_user(request.user, slug)
    refused = _needs_verified_email(request)
    if refused is not None:
        return refused
    if not permissions.can_ask_to_join(request.user, org):
        messages.info(request, _("You are already a member."))
        return redirect("organisations:detail", slug=org.slug)
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.join_request_create(
                org=org, user=request.user, message=form.cleaned_data["message"]
            )
        except RateLimited as exc:
            return rate_limited_response(request, exc)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(
                request,
                _("Your request is with %(name)s's admins. We'll show it here when they answer.")
                % {"name": org.name},
            )
            return redirect("organisations:detail", slug=org.slug)
    return render(request, "organisations/join.html", {"org": org, "form": form})


@require_POST
@login_required
def join_withdraw(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    org = permissions.get_organisation_for_user(request.user, slug)
    pending = selectors.pending_request_for(org, request.user)
    if pending is not None:
        services.join_request_withdraw(join_request=pending, user=request.user)
        messages.success(request, _("Your request is withdrawn."))
    return redirect("organisations:detail", slug=org.slug)


@require_POST
@login_required
def request_decide(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    org = _manageable(request, slug)
    jr = get_object_or_404(JoinRequest.objects.select_related("user"), pk=pk, organisation=org)
    accept = request.POST.get("decision") == "accept"
    if request.POST.get("decision") not in ("accept", "decline"):
        messages.error(request, _("Choose accept or decline."))
        return redirect("organisations:members", slug=org.slug)
    try:
        services.join_request_decide(join_request=jr, actor=request.user, accept=accept)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        name = jr.user.public_name
        messages.success(
            request,
            (_("%(name)s is now a member.") if accept else _("You declined %(name)s's request."))
            % {"name": name},
        )
    return redirect("organisations:members", slug=org.slug)


@never_cache
@login_required
def invite(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    org = _manageable(request, slug)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                org=org,
                actor=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                accept_url=lambda token: absolute_url(
                    reverse("organisations:invitation", args=[token])
                ),
            )
        except RateLimited as exc:
            return rate_limited_response(request, exc)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s. The link works once, for %(days)d days.")
                % {"email": form.cleaned_data["email"], "days": services.INVITATION_DAYS},
            )
            return redirect("organisations:members", slug=org.slug)
    return render(request, "organisations/invite.html", {"org": org, "form": form})


@require_POST
@login_required
def invitation_revoke(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    org = _manageable(request, slug)
    invitation = get_object_or_404(Invitation, pk=pk, organisation=org)
    services.invitation_revoke(invitation=invitation, actor=request.user)
    messages.success(
        request, _("The invitation to %(email)s is withdrawn.") % {"email": invitation.email}
    )
    return redirect("organisations:members", slug=org.slug)


@never_cache
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link in an invitation email. Signing in (or joining) comes first, then back here."""
    try:
        inv = services.invitation_from_token(token)
    except ValidationError as exc:
        return render(
            request,
            "organisations/invitation.html",
            {"problem": " ".join(exc.messages)},
            status=410,
        )
    if not request.user.is_authenticated:
        path = reverse("organisations:invitation", args=[token])
        return render(
            request,
            "organisations/invitation.html",
            {"inv": inv, "org": inv.organisation, "next": urlencode({"next": path})},
        )
    user: AuthenticatedHttpRequest = request  # type: ignore[assignment]
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=inv, user=user.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Welcome to %(name)s.") % {"name": inv.organisation.name})
            return redirect("organisations:detail", slug=inv.organisation.slug)
    return render(request, "organisations/invitation.html", {"inv": inv, "org": inv.organisation})


@never_cache
@login_required
def leave(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    org = permissions.get_organisation_for_user(request.user, slug)
    role = permissions.role_in(request.user, org)
    if role is None:
        raise PermissionDenied
    if request.method == "POST":
        successor = services.membership_leave(org=org, user=request.user)
        if role == Role.OWNER and successor is None:
            messages.success(
                request,
                _("You left %(name)s. With no admin to take it on, it is archived.")
                % {"name": org.name},
            )
        elif successor is not None:
            messages.success(
                request,
                _("You left %(name)s. %(owner)s owns it now.")
                % {"name": org.name, "owner": successor.user.public_name},
            )
        else:
            messages.success(request, _("You left %(name)s.") % {"name": org.name})
        return redirect("organisations:mine")
    successor = None
    if role == Role.OWNER:
        successor = (
            Membership.objects.filter(organisation=org, role=Role.ADMIN)
            .select_related("user")
            .order_by("joined_at", "id")
            .first()
        )
    return render(
        request, "organisations/leave.html", {"org": org, "role": role, "successor": successor}
    )


@require_POST
@login_required
def member_remove(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    org = _manageable(request, slug)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, organisation=org
    )
    try:
        services.membership_remove(org=org, actor=request.user, membership=membership)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(name)s is no longer a member.") % {"name": membership.user.public_name},
        )
    return redirect("organisations:members", slug=org.slug)


@require_POST
@login_required
def member_role(request: AuthenticatedHttpRequest, slug: str, pk: int) -> HttpResponse:
    org = permissions.get_organisation_for_user(request.user, slug)
    if not permissions.is_owner(request.user, org):
        raise PermissionDenied
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, organisation=org
    )
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose admin or member."))
        return redirect("organisations:members", slug=org.slug)
    try:
        services.membership_set_role(
            org=org, actor=request.user, membership=membership, role=form.cleaned_data["role"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(name)s is now %(role)s.")
            % {"name": membership.user.public_name, "role": membership.get_role_display().lower()},
        )
    return redirect("organisations:members", slug=org.slug)


@never_cache
@login_required
def transfer(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    org = permissions.get_organisation_for_user(request.user, slug)
    if not permissions.is_owner(request.user, org):
        raise PermissionDenied
    others = selectors.members_of(org).exclude(user=request.user)
    form = TransferForm(request.POST or None, memberships=others)
    if request.method == "POST" and form.is_valid():
        membership = form.cleaned_data["membership"]
        services.ownership_transfer(org=org, actor=request.user, membership=membership)
        messages.success(
            request,
            _("%(owner)s owns %(name)s now. You are an admin.")
            % {"owner": membership.user.public_name, "name": org.name},
        )
        return redirect("organisations:members", slug=org.slug)
    return render(request, "organisations/transfer.html", {"org": org, "form": form})


@require_POST
@login_required
def verify(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    org = permissions.get_organisation_for_user(request.user, slug)
    if not permissions.can_verify(request.user, org):
        raise PermissionDenied
    if request.POST.get("undo"):
        services.organisation_unverify(org=org, actor=request.user, request=request)
        messages.success(request, f"{org.name} is no longer marked verified.")
    else:
        services.organisation_verify(org=org, actor=request.user, request=request)
        messages.success(request, f"{org.name} is marked verified.")
    return redirect("organisations:detail", slug=org.slug)
