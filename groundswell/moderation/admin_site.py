"""The Django admin, for administrators only, behind the site's own sign-in with MFA.

There is no separate admin password form: the admin's login page sends people to allauth's
sign-in (which asks for the second factor), and only administrators whose session passed MFA
get in. Installed with `groundswell.moderation.admin_apps.AdminConfig` in INSTALLED_APPS, which
replaces `django.contrib.admin` (Django's documented way to override the default site).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from groundswell.moderation import permissions


class GroundswellAdminSite(admin.AdminSite):
    site_header = "Groundswell administration"
    site_title = "Groundswell administration"

    def has_permission(self, request: HttpRequest) -> bool:
        return permissions.can_act_as_admin(request)

    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        if request.user.is_authenticated:
            if self.has_permission(request):
                return redirect(reverse("admin:index", current_app=self.name))
            # Signed in but not an administrator (StaffMFAMiddleware handles missing MFA first).
            raise PermissionDenied
        return redirect_to_login(next_url, login_url=reverse("account_login"))
