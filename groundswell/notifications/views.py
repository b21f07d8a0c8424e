"""The inbox, the settings page and the unsubscribe link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from groundswell.core.http import AuthenticatedHttpRequest
from groundswell.notifications import permissions, preferences, registry, selectors, services
from groundswell.notifications.forms import PreferencesForm
from groundswell.notifications.tokens import read_token


@login_required
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    page, entries = selectors.inbox_page(request.user, request.GET.get("page"))
    return render(
        request,
        "notifications/inbox.html",
        {
            "page": page,
            "entries": entries,
            "has_unread": any(e.notification.is_unread for e in entries),
        },
    )


@login_required
def open_notification(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Follow a notification: it is marked read, then you go to the thing (if you may still
    see it) or back to the inbox."""
    notification = permissions.get_notification_for_user(request.user, pk)
    services.notification_mark_read(user=request.user, notification=notification)
    entry = selectors.entries([notification], request.user)[0]
    if entry.url and url_has_allowed_host_and_scheme(entry.url, allowed_hosts=None):
        return HttpResponseRedirect(entry.url)
    messages.info(request, _("That is no longer available."))
    return redirect("notifications:inbox")


@require_POST
@login_required
def mark_read(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    notification = permissions.get_notification_for_user(request.user, pk)
    services.notification_mark_read(user=request.user, notification=notification)
    return redirect(_back_to_inbox(request))


@require_POST
@login_required
def mark_all_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    count = services.notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All your notifications are marked as read."))
    return redirect(_back_to_inbox(request))


def _back_to_inbox(request: HttpRequest) -> str:
    page = request.POST.get("page", "")
    url = reverse("notifications:inbox")
    return f"{url}?page={int(page)}" if page.isdigit() and 1 < int(page) < 100000 else url


@require_http_methods(["GET", "POST"])
@login_required
def settings_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    choices = preferences.choices_for(request.user)
    emails_off = preferences.emails_off(request.user)
    form = PreferencesForm(request.POST or None, choices=choices, emails_off=emails_off)
    if request.method == "POST" and form.is_valid():
        services.preferences_save(user=request.user, choices=form.chosen())
        services.emails_set_off(user=request.user, off=form.cleaned_data["emails_off"])
        messages.success(request, _("Your notification choices are saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every notification email. GET shows a button; POST turns the emails off,
    with no session and no CSRF token: mail programs send `List-Unsubscribe=One-Click` here
    (RFC 8058). The signed token can only ever turn emails off."""
    found = read_token(token)
    user = (
        get_user_model().objects.filter(pk=found.user_id, is_active=True).first() if found else None
    )
    if found is None or user is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=404)
    ntype = registry.find_type(found.type_key) if found.type_key else None
    if request.method == "POST":
        everything = request.POST.get("scope") == "all" or ntype is None
        services.unsubscribe(user=user, type_key="" if everything else found.type_key)
        return render(
            request,
            "notifications/unsubscribed.html",
            {"ntype": None if everything else ntype},
        )
    return render(request, "notifications/unsubscribe.html", {"ntype": ntype, "token": token})
