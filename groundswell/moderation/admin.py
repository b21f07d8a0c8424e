"""Read-only admin views for administrators. Changes go through the moderation pages (services)."""

from __future__ import annotations

from django.contrib import admin

from groundswell.core.admin import ReadOnlyAdmin
from groundswell.moderation.models import Appeal, ModerationDecision, PreModerationRule, Report


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = (
        "id",
        "reason",
        "item_id",
        "profile_user_id",
        "created_at",
        "resolved_at",
        "outcome",
    )
    list_filter = ("reason", "outcome", ("resolved_at", admin.EmptyFieldListFilter))
    date_hierarchy = "created_at"
    list_select_related = False


@admin.register(PreModerationRule)
class PreModerationRuleAdmin(ReadOnlyAdmin):
    list_display = ("id", "place", "topic", "note", "created_at")
    list_select_related = ("place", "topic")


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ("id", "status", "item_id", "created_at", "decided_at")
    list_filter = ("status",)


@admin.register(ModerationDecision)
class ModerationDecisionAdmin(ReadOnlyAdmin):
    list_display = ("id", "action", "item_id", "created_at")
    list_filter = ("action",)
