from django.contrib import admin

from groundswell.collaboration.models import CoAuthor, ResourceRevision, Suggestion


@admin.register(CoAuthor)
class CoAuthorAdmin(admin.ModelAdmin[CoAuthor]):
    list_display = ("story", "member", "organisation", "status", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("story", "member", "organisation", "invited_by")


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin[Suggestion]):
    list_display = ("story", "status", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("story", "suggester", "decided_by")


@admin.register(ResourceRevision)
class ResourceRevisionAdmin(admin.ModelAdmin[ResourceRevision]):
    list_display = ("story", "source", "created_at")
    raw_id_fields = ("story", "editor", "organisation", "accepted_by", "suggestion")
