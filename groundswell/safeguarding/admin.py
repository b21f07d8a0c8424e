from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from groundswell.safeguarding.models import SafeguardingAlert


@admin.register(SafeguardingAlert)
class SafeguardingAlertAdmin(admin.ModelAdmin):
    """Read-only: moderators acknowledge alerts on /safeguarding/alerts/, which audit-logs it."""

    list_display = (
        "id",
        "story_id",
        "comment_id",
        "kinds",
        "is_high",
        "created_at",
        "acknowledged_at",
    )
    list_filter = ("is_high", ("acknowledged_at", admin.EmptyFieldListFilter))

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
