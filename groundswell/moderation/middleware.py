"""Staff must use a second factor.

Anyone whose role is moderator or admin (or who is Django staff or a superuser) and has no
authenticator app is sent to set one up before any other page. Staff pages (the moderation area,
the staff screens, the design page and the Django admin) also need this session to have passed
MFA: at sign-in, or by setting up the app in this session (a code from the new app proves what a
code at sign-in proves, so nobody types a second code a minute later). A session that has not is
asked for a code first.

Organisers use the staff screens too, but nothing else of theirs needs a second factor: they are
sent to set up or use two-step sign-in only when they open a staff screen (ORGANISER_PATH_PREFIXES),
not on every page as moderators are.

It is also the one place that grants staff powers for a request (groundswell/core/staff.py): to
a moderator or an organiser, and only when the session passed MFA. A session that used only a
password gets what a member gets. Each power's own predicate says who may use it
(has_staff_powers is for moderators only).

Where someone was going when sent to set up the app is kept in the session (AFTER_SETUP_KEY), so
the recovery codes page that ends the set-up offers the way on (templates/mfa/recovery_codes).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from groundswell.accounts.models import SiteRole
from groundswell.core import staff
from groundswell.moderation import permissions

# Paths that need an MFA-verified session, not only an authenticator app.
STAFF_PATH_PREFIXES = (
    "/moderation/",
    "/django-admin/",
    "/trust/",
    "/safeguarding/",
    "/staff/",
    "/design/",
)
# The staff paths organisers use: the only pages where they need two-step sign-in.
ORGANISER_PATH_PREFIXES = ("/staff/",)
# Session key: the page someone was on their way to when sent to set up two-step sign-in.
AFTER_SETUP_KEY = "staff_mfa_next"
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
        stopped = self.check(request)
        if stopped is not None:
            return stopped
        response = self.get_response(request)
        self.count_setup_as_second_step(request, response)
        return response

    def check(self, request: HttpRequest) -> HttpResponse | None:
        user = request.user
        if permissions.requires_mfa(user):
            return self.check_staff(request)
        if user.is_authenticated and user.site_role == SiteRole.ORGANISER:
            return self.check_organiser(request)
        return None

    def check_staff(self, request: HttpRequest) -> HttpResponse | None:
        """Moderators and administrators: an authenticator app before anything else, and a
        second step in this session before staff pages."""
        user = request.user
        if permissions.can_act_as_moderator(request):
            staff.grant_staff_powers(user)
        path = request.path_info
        if path.startswith(self.exempt_prefixes()):
            return None
        self.forget_arrival(request)
        if not permissions.has_totp(user):
            # No message: the set-up page itself says why and how (templates/mfa/totp).
            return self.send_to_setup(request)
        if path.startswith(STAFF_PATH_PREFIXES) and not permissions.session_passed_mfa(request):
            return self.ask_for_code(request)
        return None

    def check_organiser(self, request: HttpRequest) -> HttpResponse | None:
        """Organisers: staff powers once the session passed MFA; the app and the second step
        asked for only on the staff pages they use."""
        user = request.user
        passed = permissions.session_passed_mfa(request)
        if passed and permissions.has_totp(user):
            staff.grant_staff_powers(user)
        if not request.path_info.startswith(ORGANISER_PATH_PREFIXES):
            return None
        self.forget_arrival(request)
        if not permissions.has_totp(user):
            return self.send_to_setup(request)
        if not passed:
            return self.ask_for_code(request)
        return None

    def send_to_setup(self, request: HttpRequest) -> HttpResponse:
        going_to = request.get_full_path()
        # Only a page on this site ("//elsewhere" is a path too, and a link to another site).
        if (
            request.method == "GET"
            and not request.headers.get("HX-Request")
            and url_has_allowed_host_and_scheme(going_to, allowed_hosts=None)
        ):
            request.session[AFTER_SETUP_KEY] = going_to
        return redirect("mfa_activate_totp")

    @staticmethod
    def forget_arrival(request: HttpRequest) -> None:
        """They reached the page they were going to: the set-up's way on is no longer needed."""
        if request.session.get(AFTER_SETUP_KEY) == request.get_full_path():
            del request.session[AFTER_SETUP_KEY]

    def count_setup_as_second_step(self, request: HttpRequest, response: HttpResponseBase) -> None:
        """Setting up the app ends with a code from it: this session has now shown the second
        factor, as a sign-in with it would have. allauth records only sign-ins and
        reauthentications, so without this the page the person was going to asks for another
        code (a new one: allauth refuses a code used once) straight after the set-up."""
        if not (
            request.method == "POST"
            and response.status_code == 302
            and request.user.is_authenticated
            and request.path_info == reverse("mfa_activate_totp")
            and not permissions.session_passed_mfa(request)
        ):
            return
        app = Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).first()
        if app is not None:
            record_authentication(request, request.user, "mfa", id=app.pk, type=app.type)

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
        messages.info(request, _("Staff pages need a code from your authenticator app."))
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
