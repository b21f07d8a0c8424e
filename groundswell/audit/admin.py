from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from groundswell.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit log is append-only: administrators can read it, nobody can change it here."""

    list_display = ("created_at", "actor_label", "action", "target_type", "target_id", "ip_address")
    list_filter = ("action",)
    search_fields = ("actor_label", "target_id")
    date_hierarchy = "created_at"
    readonly_fields = (
        "actor",
        "actor_label",
        "action",
        "target_type",
        "target_id",
        "details",
        "ip_address",
        "created_at",
    )

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
