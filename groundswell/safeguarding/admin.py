from __future__ import annotations

from django.contrib import admin

from groundswell.core.admin import ReadOnlyAdmin
from groundswell.safeguarding.models import SafeguardingAlert


@admin.register(SafeguardingAlert)
class SafeguardingAlertAdmin(ReadOnlyAdmin):
    """Read-only: moderators acknowledge alerts on /safeguarding/alerts/, which audit-logs it."""

    list_display = (
        "id",
        "item_id",
        "source",
        "kinds",
        "is_high",
        "created_at",
        "acknowledged_at",
    )
    list_filter = ("is_high", ("acknowledged_at", admin.EmptyFieldListFilter))
