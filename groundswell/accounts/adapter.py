from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.encoding import force_str

from groundswell.core.clientaddr import client_address


def site_name() -> str:
    """The site's name for account emails and their subjects: sitepages' one owner of it
    (imported here, late, because sitepages builds on accounts)."""
    from groundswell.sitepages.identity import site_name as current_site_name

    return current_site_name()


def on_site(url: str) -> str:
    """A link for an email: the site's own address (SITE_URL) with the link's path, whatever
    host the request that sent the email came in on."""
    parts = urlsplit(url)
    if not parts.scheme:
        return url
    site = urlsplit(settings.SITE_URL)
    return urlunsplit((site.scheme, site.netloc, parts.path, parts.query, parts.fragment))


def user_display(user: Any) -> str:
    """How allauth names a person (ACCOUNT_USER_DISPLAY): their display name, never the
    internal username they never chose."""
    return str(getattr(user, "public_name", "") or "")


def recipient_name(email: str, user: Any = None) -> str:
    """The display name of whoever holds this address, or "" when nobody does. Always looked up,
    so an email to a taken address costs what one to a new address does (accounts/signup.py)."""
    address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
    holder = address.user if address is not None else user
    return str(getattr(holder, "display_name", "") or "")


# allauth's "you have signed in" message, which a staff member on their way to setting up
# two-step sign-in would see above "you must set up two-step sign-in".
LOGGED_IN_MESSAGE = "account/messages/logged_in.txt"


class AccountAdapter(DefaultAccountAdapter):
    def get_from_email(self) -> str:
        from groundswell.sitepages.identity import from_email  # sitepages builds on accounts

        return from_email()

    def format_email_subject(self, subject: str) -> str:
        return f"[{site_name()}] {force_str(subject)}"

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Every account email says the site's name, greets the person by their display name
        where we know it, and links to the site's own address (SITE_URL)."""
        ctx: dict[str, Any] = {
            "site_name": site_name(),
            "site_url": settings.SITE_URL,
            "recipient_name": recipient_name(email, context.get("user")),
        }
        ctx.update(context)
        for key, value in context.items():
            if key.endswith("_url") and isinstance(value, str):
                ctx[key] = on_site(value)
        super().send_mail(template_prefix, email, ctx)

    def get_email_confirmation_url(self, request: HttpRequest, emailconfirmation: Any) -> str:
        return on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key: str) -> str:
        return on_site(super().get_reset_password_from_key_url(key))

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: str | None = None,
        message_context: dict[str, Any] | None = None,
        extra_tags: str = "",
        message: str | None = None,
    ) -> None:
        if message_template == LOGGED_IN_MESSAGE and _must_set_up_two_step(request):
            # The next page tells them they are signed in and what to do: one message, not two
            # that seem to disagree.
            return
        super().add_message(request, level, message_template, message_context, extra_tags, message)

    def get_client_ip(self, request: HttpRequest) -> str:
        """The site's one rule for the client's address (core/clientaddr.py), so allauth's
        sign-up and sign-in limits count each visitor behind our proxies separately. allauth
        groups IPv6 addresses by /64 itself (ALLAUTH_RATE_LIMIT_IPV6_PREFIX)."""
        return client_address(request)

    def get_reauthentication_methods(self, user: AbstractBaseUser | AnonymousUser) -> list[dict]:
        """Someone with two-step sign-in reauthenticates with it (a code from their app or a
        recovery code), never with their password alone. allauth offers the password first and
        the code as an alternative; its reauthentication pages and AccountMiddleware use only
        what this returns, so the password page sends them on to the code page."""
        methods = super().get_reauthentication_methods(user)
        if any(method["id"] == "mfa_reauthenticate" for method in methods):
            return [method for method in methods if method["id"] != "reauthenticate"]
        return methods


def _must_set_up_two_step(request: HttpRequest) -> bool:
    """Staff who are about to be sent to set up two-step sign-in (moderation's StaffMFAMiddleware).
    Imported here: moderation builds on accounts, not the other way round."""
    from groundswell.moderation import permissions

    user = getattr(request, "user", None)
    return bool(
        user is not None and permissions.requires_mfa(user) and not permissions.has_totp(user)
    )


class MFAAdapter(DefaultMFAAdapter):
    """Authenticator apps list the account under the site's current name (not the name the
    server started with), so a renamed site shows its new name for codes set up afterwards."""

    def get_totp_issuer(self) -> str:
        return site_name()
