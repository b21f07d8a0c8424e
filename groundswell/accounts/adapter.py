from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from groundswell.core.clientaddr import client_address


class AccountAdapter(DefaultAccountAdapter):
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
