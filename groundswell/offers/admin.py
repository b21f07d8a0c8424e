from django.contrib import admin

from groundswell.offers.models import Match, Offer, Response


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin[Offer]):
    list_display = ("title", "side", "category", "status", "is_hidden", "created_at")
    list_filter = ("side", "status", "category", "is_hidden")
    raw_id_fields = ("author", "organisation", "place", "hidden_by", "matched_response")
    readonly_fields = ("item",)


admin.site.register(Response)
admin.site.register(Match)
