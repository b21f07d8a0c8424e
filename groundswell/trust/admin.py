from __future__ import annotations

from django.contrib import admin

from groundswell.core.admin import ReadOnlyAdmin
from groundswell.trust.models import TrustProfile


@admin.register(TrustProfile)
class TrustProfileAdmin(ReadOnlyAdmin):
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
