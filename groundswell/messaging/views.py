"""Messages: thin views over permissions, services and selectors."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from groundswell.accounts.models import User
from groundswell.core.http import AuthenticatedHttpRequest
from groundswell.messaging import permissions, selectors, services
from groundswell.messaging.forms import MessageForm, ReportForm, ResolveForm
from groundswell.messaging.models import ConversationKind, Message, MessageReport, ReportStatus
from groundswell.organisations.models import Organisation
from groundswell.safeguarding.models import SafeguardingAlert
from groundswell.safeguarding.services import review_text
from groundswell.trust.ratelimit import rate_limit

SAFETY_NOTE = gettext_lazy("A moderator is contacting you about your safety.")


def _add_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _after_send(message: Message) -> HttpResponse:
    url = reverse("messaging:conversation", args=[message.conversation_id])
    if review_text(message.body).shows_support:
        # Help lines first, as after a story or a comment (moderators are told who, not what).
        return redirect(f"{url}?sent={message.pk}#support")
    return redirect(f"{url}#message-{message.pk}")


@never_cache
@login_required
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "messaging/inbox.html", {"rows": selectors.inbox(request.user)})


def _recipient(request: AuthenticatedHttpRequest) -> tuple[services.Recipient, str]:
    """Who "new message" is for, from ?to=<handle> or ?org=<slug> (and ?alert=<id> for a
    moderator); 404 for anyone the sender can't write to."""
    source = request.GET  # the form posts back to the same address
    handle = source.get("to", "")[:40]
    slug = source.get("org", "")[:140]
    alert_raw = source.get("alert", "")[:19]
    if slug:
        org = Organisation.objects.filter(slug=slug).first()
        if org is None or not permissions.can_message_organisation(request.user, org):
            raise Http404("No such organisation")
        return services.Recipient(organisation=org), org.name
    person = User.objects.filter(handle=handle, is_active=True).first() if handle else None
    if person is None or person.pk == request.user.pk:
        raise Http404("No such member")
    if alert_raw:
        if not alert_raw.isdigit():
            raise Http404("No such alert")
        alert = SafeguardingAlert.objects.filter(pk=int(alert_raw)).first()
        if (
            alert is None
            or (alert.person_id is not None and alert.person_id != person.pk)
            or not permissions.can_contact_about_safety(request.user, person)
        ):
            raise Http404("No such alert")
        return services.Recipient(person=person, alert_id=alert.pk), person.public_name
    return services.Recipient(person=person), person.public_name


@never_cache
@login_required
@rate_limit("message")
def new(request: AuthenticatedHttpRequest) -> HttpResponse:
    to, name = _recipient(request)
    refusal = None
    if to.person is not None and to.alert_id is None:
        refusal = permissions.person_refusal(request.user, to.person)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and refusal is None and form.is_valid():
        try:
            message = services.message_start(
                sender=request.user,
                to=to,
                body=form.cleaned_data["body"],
                submission_key=form.cleaned_data.get("submission_key"),
            )
        except services.NotAllowed as exc:
            refusal = str(exc)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return _after_send(message)
    return render(
        request,
        "messaging/new.html",
        {
            "form": form,
            "to": to,
            "name": name,
            "refusal": refusal,
            "safety_note": SAFETY_NOTE if to.alert_id else "",
        },
        status=403 if refusal and request.method == "POST" else 200,
    )


@never_cache
@login_required
@rate_limit("message")
def conversation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access = permissions.get_conversation_for_user(request.user, pk)
    refusal = permissions.reply_refusal(access)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and refusal is None and form.is_valid():
        try:
            message = services.message_send(
                access=access,
                body=form.cleaned_data["body"],
                submission_key=form.cleaned_data.get("submission_key"),
            )
        except services.NotAllowed as exc:
            refusal = str(exc)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return _after_send(message)
    views = selectors.messages_for(access)
    sent = None
    sent_raw = request.GET.get("sent", "")
    if sent_raw.isdigit():
        sent = next((v for v in views if v.pk == int(sent_raw) and v.is_mine), None)
    if request.method == "GET":
        services.conversation_mark_read(access=access)
    conv = access.conversation
    return render(
        request,
        "messaging/conversation.html",
        {
            "access": access,
            "conversation": conv,
            "title": selectors.conversation_title(access),
            "messages_shown": views,
            "form": form,
            "refusal": refusal,
            "sent": sent,
            "safety_note": SAFETY_NOTE
            if conv.kind == ConversationKind.SAFETY and conv.started_by_id != request.user.pk
            else "",
            "other": access.others[0]
            if conv.kind != ConversationKind.ORGANISATION and access.others
            else None,
        },
        status=403 if refusal and request.method == "POST" else 200,
    )


def _message_in(access: permissions.Access, message_id: int) -> Message:
    message = Message.objects.filter(pk=message_id, conversation=access.conversation).first()
    if message is None:
        raise Http404("No such message")
    message.conversation = access.conversation
    return message


@never_cache
@login_required
@rate_limit("report")
def report(request: AuthenticatedHttpRequest, pk: int, message_id: int) -> HttpResponse:
    access = permissions.get_conversation_for_user(request.user, pk)
    message = _message_in(access, message_id)
    if not permissions.can_report(access, message):
        raise Http404("No such message")
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.message_report(
                access=access,
                message=message,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Thank you. A moderator will look at this message. They see only the message "
                    "you reported, not the rest of your conversation."
                ),
            )
            return redirect("messaging:conversation", pk=access.conversation.pk)
    return render(
        request,
        "messaging/report.html",
        {
            "form": form,
            "access": access,
            "message_view": next(v for v in selectors.messages_for(access) if v.pk == message.pk),
        },
    )


def _moderator(request: AuthenticatedHttpRequest) -> None:
    if not permissions.can_review_reports(request.user):
        raise Http404("Not found")


@never_cache
@login_required
def reported(request: AuthenticatedHttpRequest) -> HttpResponse:
    _moderator(request)
    return render(request, "messaging/reported.html", {"reports": selectors.open_reports()})


@never_cache
@login_required
def reported_message(request: AuthenticatedHttpRequest, report_id: int) -> HttpResponse:
    """One reported message, and nothing else of its conversation. Every look is audited."""
    _moderator(request)
    found = (
        MessageReport.objects.select_related(
            "message__sender", "message__conversation__organisation"
        )
        .filter(pk=report_id)
        .first()
    )
    if found is None:
        raise Http404("No such report")
    form = ResolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if found.status != ReportStatus.OPEN:
            messages.info(request, _("Another moderator has already decided on this report."))
            return redirect("messaging:reported")
        services.report_resolve(
            report=found,
            moderator=request.user,
            hide=form.cleaned_data["decision"] == "hide",
            request=request,
        )
        messages.success(request, _("Done. The report is closed."))
        return redirect("messaging:reported")
    services.report_view_record(report=found, moderator=request.user, request=request)
    message = found.message
    return render(
        request,
        "messaging/reported_message.html",
        {
            "report": found,
            "message_obj": message,
            "author": selectors.sender_name(message, for_staff=True),
            "other_reports": MessageReport.objects.filter(
                message=message, status=ReportStatus.OPEN
            ).count(),
            "form": form,
        },
    )


@require_POST
@login_required
def mark_read(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    access = permissions.get_conversation_for_user(request.user, pk)
    services.conversation_mark_read(access=access)
    return redirect("messaging:inbox")
