"""Staff must use a second factor.

Anyone whose role is moderator or admin (or who is Django staff or a superuser) and has no
authenticator app is sent to set one up before any other page. Staff pages (the moderation area
and the Django admin) also need this session to have passed MFA at sign-in; if it has not (for
example, straight after setting up the app), they are asked for a code first.

It is also the one place that grants a moderator staff powers for a request (seeing hidden
content, the audited reveal: groundswell/core/staff.py), and only when the session passed MFA.
A session that used only a password gets what a member gets.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from groundswell.core import staff
from groundswell.moderation import permissions

# Paths that need an MFA-verified session, not only an authenticator app.
STAFF_PATH_PREFIXES = ("/moderation/", "/django-admin/", "/trust/", "/safeguarding/")
# Views elsewhere that need one too: looking behind a pseudonym or an anonymous post.
STAFF_VIEW_NAMES = frozenset({"stories:reveal_author"})


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
        if permissions.can_act_as_moderator(request):
            staff.grant_staff_powers(user)
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
            return self.ask_for_code(request)
        return None

    def process_view(
        self, request: HttpRequest, view_func: object, view_args: object, view_kwargs: object
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or match.view_name not in STAFF_VIEW_NAMES:
            return None
        if not permissions.requires_mfa(request.user) or permissions.session_passed_mfa(request):
            return None
        return self.ask_for_code(request)

    def ask_for_code(self, request: HttpRequest) -> HttpResponse:
        messages.info(request, "Enter a code from your authenticator app to open staff pages.")
        if request.method == "GET":
            next_url = request.get_full_path()
        else:
            # A form can't be replayed after the code: go back to the page it was on.
            referer = request.META.get("HTTP_REFERER", "")
            safe = url_has_allowed_host_and_scheme(
                referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            )
            next_url = referer if safe else "/"
        query = urlencode({"next": next_url})
        return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
