from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from groundswell.core.formerrors import add_errors
from groundswell.core.http import AuthenticatedHttpRequest, verify_email_first
from groundswell.core.ratelimit import RateLimited, check_rate, rate_limited_response
from groundswell.follows.selectors import connections_of
from groundswell.introductions import permissions, selectors, services
from groundswell.introductions.forms import IntroductionForm
from groundswell.trust import conf as trust_conf

# Per account, on top of the daily limit in services (which the API shares): bursts of
# attempts at the form, refused ones included.
FORM_ATTEMPTS = (20, 600)


def _check_attempts(request: AuthenticatedHttpRequest) -> None:
    if trust_conf.rate_limits_enabled():
        check_rate(f"introduction:user:{request.user.pk}", *FORM_ATTEMPTS)


@never_cache
@login_required
def introduction_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    mine = selectors.introductions_for(request.user)
    return render(
        request,
        "introductions/list.html",
        {"mine": mine, "can_introduce": permissions.can_introduce(request.user)},
    )


def _initial(request: AuthenticatedHttpRequest, handles: set[str]) -> dict[str, Any]:
    """?to=<a member's handle> or ?org=<an organisation's slug>, as the Message button does;
    ?to= with a slug works too."""
    to = request.GET.get("to", "").strip()[:140]
    org = request.GET.get("org", "").strip()[:140]
    initial: dict[str, Any] = {}
    if to in handles:
        initial["person"] = to
    elif to:
        org = org or to
    if org:
        initial["organisation"] = org
    return initial


@never_cache
@login_required
def introduction_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not permissions.can_introduce(request.user):
        return verify_email_first(request)
    connections = connections_of(request.user)
    if request.method == "POST":
        form = IntroductionForm(request.POST, connections=connections)
        try:
            _check_attempts(request)
        except RateLimited as exc:
            return rate_limited_response(request, exc)
        if form.is_valid():
            data = form.cleaned_data
            try:
                intro = services.introduction_create(
                    introducer=request.user,
                    person=data["person_user"],
                    other_person=data["other_user"],
                    organisation=data["organisation_found"],
                    note=data["note"],
                    note_to_person=data["note_to_person"],
                    note_to_other=data["note_to_other"],
                    submission_key=data.get("submission_key"),
                )
            except ValidationError as exc:
                add_errors(form, exc)
            except services.NotAllowed as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _(
                        "Your introduction is on its way. They are connected only if both "
                        "accept; we'll tell you either way."
                    ),
                )
                return redirect("introductions:detail", pk=intro.pk)
    else:
        form = IntroductionForm(
            initial=_initial(request, {p.handle for p in connections}), connections=connections
        )
    return render(
        request, "introductions/form.html", {"form": form, "has_connections": bool(connections)}
    )


@never_cache
@login_required
def introduction_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    intro = permissions.get_introduction_for_user(request.user, pk)
    return render(
        request, "introductions/detail.html", {"shown": selectors.shown(intro, request.user)}
    )


def _answer(request: AuthenticatedHttpRequest, pk: int, *, accept: bool) -> HttpResponse:
    intro = permissions.get_introduction_for_user(request.user, pk)
    if permissions.side_of(intro, request.user) is None:
        raise PermissionDenied
    try:
        intro = services.introduction_answer(introduction=intro, user=request.user, accept=accept)
    except services.NotAllowed as exc:
        messages.error(request, str(exc))
    else:
        if intro.status == "connected":
            messages.success(request, _("You both accepted: you are connected now."))
        elif accept:
            messages.success(request, _("Thank you. We'll tell you when the other side answers."))
        else:
            messages.success(
                request,
                _("Declined. We'll only tell them this introduction won't go ahead."),
            )
    return redirect("introductions:detail", pk=pk)


@require_POST
@login_required
def introduction_accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _answer(request, pk, accept=True)


@require_POST
@login_required
def introduction_decline(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _answer(request, pk, accept=False)


@require_POST
@login_required
def introduction_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    intro = permissions.get_introduction_for_user(request.user, pk)
    if not permissions.is_introducer(intro, request.user):
        raise PermissionDenied
    try:
        services.introduction_withdraw(introduction=intro, actor=request.user)
    except services.NotAllowed as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Withdrawn. They can no longer answer it."))
    return redirect("introductions:detail", pk=pk)
