from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from groundswell.core.clientaddr import client_address


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        """The site's one rule for the client's address (core/clientaddr.py), so allauth's
        sign-up and sign-in limits count each visitor behind our proxies separately. allauth
        groups IPv6 addresses by /64 itself (ALLAUTH_RATE_LIMIT_IPV6_PREFIX)."""
        return client_address(request)
