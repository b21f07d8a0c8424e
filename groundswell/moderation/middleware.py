"""Staff must use a second factor.

Anyone whose role is moderator or admin (or who is Django staff or a superuser) and has no
authenticator app is sent to set one up before any other page. Staff pages (the moderation area
and the Django admin) also need this session to have passed MFA at sign-in; if it has not (for
example, straight after setting up the app), they are asked for a code first.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse

from groundswell.moderation import permissions

# Paths that need an MFA-verified session, not only an authenticator app.
STAFF_PATH_PREFIXES = ("/moderation/", "/django-admin/")


class StaffMFAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self._exempt: tuple[str, ...] | None = None

    def exempt_prefixes(self) -> tuple[str, ...]:
        """Pages staff must reach to set up or use MFA, or to leave (resolved once, lazily)."""
        if self._exempt is None:
            self._exempt = (
                settings.STATIC_URL or "/static/",
                reverse(
                    "mfa_index"
                ),  # every allauth MFA page: set up, authenticate, recovery codes
                reverse("account_logout"),
                reverse("account_login"),
                reverse("account_reauthenticate"),
                reverse("healthz"),
            )
        return self._exempt

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.check(request)
        return response if response is not None else self.get_response(request)

    def check(self, request: HttpRequest) -> HttpResponse | None:
        user = request.user
        if not permissions.requires_mfa(user):
            return None
        path = request.path_info
        if path.startswith(self.exempt_prefixes()):
            return None
        if not permissions.has_totp(user):
            if request.method == "GET":
                messages.warning(
                    request,
                    "Moderators and administrators must use two-step sign-in. "
                    "Set up an authenticator app to carry on.",
                )
            return redirect("mfa_activate_totp")
        if path.startswith(STAFF_PATH_PREFIXES) and not permissions.session_passed_mfa(request):
            if request.method == "GET":
                messages.info(
                    request, "Enter a code from your authenticator app to open staff pages."
                )
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
        return None
