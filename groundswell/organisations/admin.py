from django.contrib import admin

from groundswell.organisations.models import Membership, Organisation


class MembershipInline(admin.TabularInline[Membership, Organisation]):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]
    readonly_fields = ["joined_at"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "kind", "status", "verified_at"]
    list_filter = ["kind", "status"]
    search_fields = ["name"]
    readonly_fields = ["verified_at", "verified_by", "verified_by_name", "created_by", "created_at"]
    inlines = [MembershipInline]
