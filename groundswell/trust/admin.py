from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from groundswell.trust.models import TrustProfile


@admin.register(TrustProfile)
class TrustProfileAdmin(admin.ModelAdmin):
    """Read-only: levels and verifications change through the moderator page, which audit-logs them."""

    list_display = (
        "user",
        "level",
        "level_locked_by_moderator",
        "professional_title",
        "recalculated_at",
    )
    list_filter = ("level", "level_locked_by_moderator")
    search_fields = ("user__email", "user__display_name")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
