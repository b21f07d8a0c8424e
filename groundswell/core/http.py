from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from groundswell.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """The request type of views behind login_required: request.user is a real User."""

    user: User


def verify_email_first(request: HttpRequest, message: str = "") -> HttpResponse:
    """Send a member whose email address is not verified yet to the email page, saying why
    (`message`, or the general words)."""
    messages.warning(
        request,
        message or _("Please verify your email address first. Check your inbox for the link."),
    )
    return redirect("account_email")
