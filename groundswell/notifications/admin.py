from django.contrib import admin

from groundswell.notifications.models import Digest


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin[Digest]):
    """Summaries sent: whether the job ran, never what they said."""

    list_display = ("user", "period", "period_key", "item_count", "created_at", "sent_at")
    list_filter = ["period"]
    readonly_fields = ("user", "period", "period_key", "item_count", "created_at", "sent_at")
