"""Read-only views for administrators: metadata only, never the files or tokens."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from groundswell.privacy.models import DataExport, DeletionReceipt


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DataExport)
class DataExportAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "user",
        "status",
        "created_at",
        "finished_at",
        "downloaded_at",
        "item_count",
    ]
    list_filter = ["status"]
    fields = [
        "user",
        "status",
        "created_at",
        "started_at",
        "finished_at",
        "link_expires_at",
        "downloaded_at",
        "item_count",
        "size_bytes",
        "error",
    ]


@admin.register(DeletionReceipt)
class DeletionReceiptAdmin(ReadOnlyAdmin):
    list_display = ["account_number", "reason", "mode", "created_at"]
    list_filter = ["reason", "mode"]
    fields = ["account_number", "reason", "mode", "counts", "created_at"]
