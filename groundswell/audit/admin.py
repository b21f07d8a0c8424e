from __future__ import annotations

from django.contrib import admin

from groundswell.audit.models import AuditEvent
from groundswell.core.admin import ReadOnlyAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
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
