"""Moderation pages: the queue, item pages and actions, pre-moderation, roles, the audit log,
and the member-facing pages (report a profile, appeal, decisions about your posts).

Staff pages need a moderator (or admin) whose session passed MFA; StaffMFAMiddleware sends
anyone else with a staff role to set up or enter their second factor first, and the checks here
repeat that so a view can never be reached without it.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from groundswell.accounts.models import User
from groundswell.accounts.permissions import get_profile_for_user, has_verified_email
from groundswell.audit import selectors as audit_selectors
from groundswell.audit.services import audit_export_record
from groundswell.content import registry
from groundswell.core.http import AuthenticatedHttpRequest, verify_email_first
from groundswell.core.staff import is_moderator
from groundswell.moderation import forms, links, permissions, selectors, services
from groundswell.moderation.models import HELD_CAUSES, Appeal, HiddenCause, PreModerationRule
from groundswell.trust.ratelimit import rate_limit

View = Callable[..., HttpResponseBase]


def _mfa_redirect(request: HttpRequest) -> HttpResponse:
    if not permissions.has_totp(request.user):
        return redirect("mfa_activate_totp")
    return redirect(
        f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.get_full_path()})}"
    )


def _staff_view(check: Callable[[Any], bool]) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        @never_cache
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            if not (permissions.has_totp(request.user) and permissions.session_passed_mfa(request)):
                return _mfa_redirect(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


moderator_required = _staff_view(is_moderator)
admin_required = _staff_view(permissions.is_site_admin)


def _form_error(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# The queue


@moderator_required
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    filter_form = forms.QueueFilterForm(request.GET or None)
    filters = filter_form.filters()
    context: dict[str, Any] = {
        "filter_form": filter_form,
        "filters": filters,
        "counts": selectors.queue_counts(),
    }
    page_number = request.GET.get("page")
    if filters.status == "open":
        held_rows = list(selectors.held_keys(filters)[: selectors.PREVIEW_SIZE + 1])
        context["held"] = selectors.held_entries(held_rows[: selectors.PREVIEW_SIZE])
        context["more_held"] = len(held_rows) > selectors.PREVIEW_SIZE
        appeals = list(selectors.appeals_for_queue(filters)[: selectors.PREVIEW_SIZE + 1])
        context["appeals"] = selectors.with_targets(
            appeals[: selectors.PREVIEW_SIZE], part="appeal"
        )
        context["more_appeals"] = len(appeals) > selectors.PREVIEW_SIZE
        page = selectors.paginate(selectors.report_groups(filters), page_number)
        context["page"] = page
        context["reported"] = selectors.report_entries(page, resolved=False)
    elif filters.status == "held":
        page = selectors.paginate(selectors.held_keys(filters), page_number)
        context["page"] = page
        context["held"] = selectors.held_entries(list(page.object_list))
    elif filters.status == "appeals":
        page = selectors.paginate(selectors.appeals_for_queue(filters), page_number)
        context["page"] = page
        context["appeals"] = selectors.with_targets(list(page.object_list), part="appeal")
    else:
        page = selectors.paginate(selectors.report_groups(filters), page_number)
        context["page"] = page
        context["reported"] = selectors.report_entries(page, resolved=True)
    query = {
        k: v
        for k, v in {
            "status": filters.status,
            "type": filters.type,
            "reason": filters.reason,
        }.items()
        if v
    }
    context["page_query"] = urlencode(query)
    return render(request, "moderation/queue.html", context)


# Item pages


@moderator_required
def item_review(request: AuthenticatedHttpRequest, pk: int, kind: str) -> HttpResponse:
    """Review one piece of content: how its kind shows it to moderators, its reports, the
    decisions so far and what a moderator can do now."""
    item = permissions.get_item_for_moderator(kind, pk)
    content_kind = registry.get(kind)
    moderation = content_kind.moderation
    assert moderation is not None  # noqa: S101 (get_item_for_moderator checked it)
    target = {"item_id": item.item_id}
    appeals = selectors.appeals_about(**target)
    reports = selectors.reports_about(**target)
    context: dict[str, Any] = {
        "item": item,
        "obj": item,
        "type": kind,
        "kind": content_kind,
        "template": selectors.template_for(content_kind, "review"),
        "not_actionable": moderation.not_actionable(item),
        "held": item.is_hidden and item.hidden_cause in HELD_CAUSES,
        "cause_label": HiddenCause(item.hidden_cause).label if item.hidden_cause else "",
        "reports": reports,
        "has_open_reports": any(r.resolved_at is None for r in reports),
        "decisions": selectors.decisions_about(**target),
        "appeals": appeals,
        "open_appeal": next((a for a in appeals if a.is_open), None),
        "urls": {
            action: links.review_url(kind, pk, action)
            for action in ("hide", "restore", "approve", "close")
        },
        # Several forms on one page: a prefix per action keeps every id on the page unique.
        "hide_form": forms.HideForm(prefix="hide"),
        "restore_form": forms.ReasonForm(prefix="restore"),
        "approve_form": forms.ApproveForm(prefix="approve"),
        "close_form": forms.CloseReportsForm(prefix="close"),
    }
    if moderation.review_context is not None:
        context.update(moderation.review_context(item, request.user))
    return render(request, "moderation/item.html", context)


@moderator_required
def member_item(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    member = permissions.get_member_for_moderator(pk)
    reports = selectors.reports_about(profile_user=member)
    context = {
        "type": "profile",
        "member": member,
        "reports": reports,
        "has_open_reports": any(r.resolved_at is None for r in reports),
        "close_form": forms.CloseReportsForm(prefix="close"),
    }
    return render(request, "moderation/member.html", context)


def _item_url(item: Any) -> str:
    if isinstance(item, User):
        return reverse("moderation:member", args=[item.pk])
    return links.review_url(registry.kind_of(item).key, item.pk)


ACTION_TITLES = {
    "hide": gettext_lazy("Hide"),
    "restore": gettext_lazy("Show again"),
    "approve": gettext_lazy("Approve"),
    "close": gettext_lazy("Close the reports about"),
}


def _action_page(
    request: HttpRequest, *, item: Any, kind: str, action: str, form: Any, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "moderation/action.html",
        {
            "item": item,
            "type": kind,
            "label": registry.get(kind).label if kind != "profile" else _("profile"),
            "kind": None if kind == "profile" else registry.get(kind),
            "name_template": ""
            if kind == "profile"
            else selectors.template_for(registry.get(kind), "name"),
            "action": action,
            "title": ACTION_TITLES[action],
            "form": form,
            "item_url": _item_url(item),
        },
        status=status,
    )


@moderator_required
def item_hide(request: AuthenticatedHttpRequest, pk: int, kind: str) -> HttpResponse:
    item = permissions.get_item_for_moderator(kind, pk)
    form = forms.HideForm(request.POST if request.method == "POST" else None, prefix="hide")
    if request.method == "POST" and form.is_valid():
        try:
            services.item_hide(
                item=item, actor=request.user, reason=form.cleaned_data["reason"], request=request
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request, _("Hidden. The author can see your reason and may appeal once.")
            )
            return redirect(_item_url(item))
    return _action_page(
        request,
        item=item,
        kind=kind,
        action="hide",
        form=form,
        status=400 if form.is_bound else 200,
    )


def _restore(request: AuthenticatedHttpRequest, pk: int, kind: str, *, action: str) -> HttpResponse:
    item = permissions.get_item_for_moderator(kind, pk)
    form_class = forms.ApproveForm if action == "approve" else forms.ReasonForm
    form = form_class(request.POST if request.method == "POST" else None, prefix=action)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_restore(
                item=item, actor=request.user, reason=form.cleaned_data["reason"], request=request
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                _("Approved. It is visible again.")
                if action == "approve"
                else _("Shown again. The author can see your reason."),
            )
            return redirect(_item_url(item))
    return _action_page(
        request,
        item=item,
        kind=kind,
        action=action,
        form=form,
        status=400 if form.is_bound else 200,
    )


@moderator_required
def item_restore(request: AuthenticatedHttpRequest, pk: int, kind: str) -> HttpResponse:
    return _restore(request, pk, kind, action="restore")


@moderator_required
def item_approve(request: AuthenticatedHttpRequest, pk: int, kind: str) -> HttpResponse:
    return _restore(request, pk, kind, action="approve")


@moderator_required
def reports_close(request: AuthenticatedHttpRequest, pk: int, kind: str) -> HttpResponse:
    item: Any = (
        permissions.get_member_for_moderator(pk)
        if kind == "profile"
        else permissions.get_item_for_moderator(kind, pk)
    )
    form = forms.CloseReportsForm(
        request.POST if request.method == "POST" else None, prefix="close"
    )
    if request.method == "POST" and form.is_valid():
        target = {"profile_user" if kind == "profile" else "item": item}
        try:
            closed = services.reports_close(
                actor=request.user,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
                request=request,
                **target,
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                ngettext("Closed %(n)d report.", "Closed %(n)d reports.", closed) % {"n": closed},
            )
            return redirect(_item_url(item))
    return _action_page(
        request,
        item=item,
        kind=kind,
        action="close",
        form=form,
        status=400 if form.is_bound else 200,
    )


@moderator_required
def appeal_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    appeal = get_object_or_404(Appeal.objects.select_related("item", "author"), pk=pk)
    item = registry.resolve(appeal.item)
    if item is None:
        raise Http404("No such content")
    form = forms.AppealDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.appeal_decide(
                appeal=appeal,
                actor=request.user,
                overturn=form.cleaned_data["decision"] == "overturn",
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request, _("Appeal decided. The author can see your decision and reason.")
            )
            return redirect(_item_url(item))
    return render(
        request,
        "moderation/appeal_decide.html",
        {"appeal": appeal, "item": item, "form": form, "item_url": _item_url(item)},
        status=400 if form.is_bound else 200,
    )


# Pre-moderation rules


@moderator_required
def premoderation(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = forms.PreModerationRuleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.premoderation_rule_create(
                actor=request.user,
                place=form.cleaned_data.get("place"),
                topic=form.cleaned_data.get("topic"),
                note=form.cleaned_data.get("note", ""),
                request=request,
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                _("Pre-moderation is on. New members' stories there will wait for review."),
            )
            return redirect("moderation:premoderation")
    rules = PreModerationRule.objects.select_related("place", "topic", "created_by").order_by(
        "-created_at", "-id"
    )
    return render(
        request,
        "moderation/premoderation.html",
        {
            "form": form,
            "rules": rules,
            "days": settings.PREMODERATION_NEW_MEMBER_DAYS,
            "uses_trust": apps.is_installed("groundswell.trust"),
        },
        status=400 if form.is_bound else 200,
    )


@require_POST
@moderator_required
def premoderation_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(PreModerationRule, pk=pk)
    services.premoderation_rule_delete(rule=rule, actor=request.user, request=request)
    messages.success(
        request, _("Pre-moderation is off there. Stories already waiting stay in the queue.")
    )
    return redirect("moderation:premoderation")


# Audit log


def _audit_filters(form: forms.AuditFilterForm) -> audit_selectors.AuditFilters:
    data = form.cleaned_data if form.is_valid() else {}
    return audit_selectors.AuditFilters(
        action=data.get("action") or "",
        actor=data.get("actor") or "",
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
    )


@admin_required
def audit_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = forms.AuditFilterForm(request.GET or None)
    filters = _audit_filters(form)
    events, next_before = audit_selectors.audit_page(
        audit_selectors.audit_events(filters), before=request.GET.get("before")
    )
    query = {k: v for k, v in filters.as_dict().items() if v}
    next_url = f"?{urlencode({**query, 'before': next_before})}" if next_before else None
    return render(
        request,
        "moderation/audit.html",
        {
            "form": form,
            "events": events,
            "next_url": next_url,
            "export_url": f"{reverse('moderation:audit_export')}?{urlencode(query)}",
            "is_first": not request.GET.get("before"),
            "newest_url": f"?{urlencode(query)}" if query else reverse("moderation:audit"),
        },
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@admin_required
def audit_export(request: AuthenticatedHttpRequest) -> HttpResponseBase:
    """The filtered audit log as CSV. The export itself is recorded first."""
    form = forms.AuditFilterForm(request.GET or None)
    filters = _audit_filters(form)
    audit_export_record(actor=request.user, filters=filters.as_dict(), request=request)
    writer = csv.writer(_Echo())
    rows: Iterator[str] = (
        writer.writerow(row)
        for row in audit_selectors.audit_csv_rows(audit_selectors.audit_events(filters))
    )
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="audit-log-{stamp}.csv"'
    return response


# Member-facing pages


@never_cache
@login_required
@rate_limit("report")
def report_member(request: AuthenticatedHttpRequest, handle: str) -> HttpResponse:
    # The profile as this member sees it: a profile they can't see, they can't report.
    person = get_profile_for_user(request.user, handle).user
    if person.pk == request.user.pk:
        raise PermissionDenied
    if not has_verified_email(request.user):
        return verify_email_first(
            request,
            _("Please verify your email address before reporting. Check your inbox for the link."),
        )
    form = forms.ReportProfileForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.report_create(
            reporter=request.user,
            reason=form.cleaned_data["reason"],
            details=form.cleaned_data["details"],
            profile_user=person,
        )
        messages.success(
            request,
            _("Thank you. A moderator will look at this. They won't be told who reported them."),
        )
        return redirect("accounts:profile", handle=person.handle)
    return render(request, "moderation/report_member.html", {"person": person, "form": form})


def _appeal(request: AuthenticatedHttpRequest, item: Any) -> HttpResponse:
    if not permissions.can_appeal(request.user, item):
        raise PermissionDenied
    back = registry.kind_of(item).url(item)
    form = forms.AppealForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.appeal_create(
                item=item, author=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Your appeal is sent. A moderator will look at it and you'll see their "
                    "decision here."
                ),
            )
            return redirect(back)
    existing = selectors.latest_appeal(item)
    already = existing is not None and existing.hidden_at == item.hidden_at
    return render(
        request,
        "moderation/appeal.html",
        {
            "item": item,
            "kind": registry.kind_of(item),
            "form": form,
            "back": back,
            "already": already,
            "appeal": existing if already else None,
        },
        status=400 if form.is_bound else 200,
    )


@never_cache
@login_required
def appeal(request: AuthenticatedHttpRequest, pk: int, kind: str) -> HttpResponse:
    return _appeal(request, permissions.get_own_item_for_appeal(request.user, kind, pk))


@never_cache
@login_required
def my_decisions(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "moderation/my_decisions.html",
        {
            "decisions": selectors.decisions_for_author(user),
            "appeals": selectors.appeals_by_author(user),
        },
    )
