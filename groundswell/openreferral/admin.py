from django.contrib import admin

from groundswell.openreferral.models import ImportedOrganisation, Taxonomy, TaxonomyTerm


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(admin.ModelAdmin[TaxonomyTerm]):
    # The explicit mapping of imported terms to our topics is corrected here.
    list_display = ("name", "taxonomy", "code", "topic")
    list_filter = ("taxonomy",)
    list_editable = ("topic",)
    search_fields = ("name", "code")
    raw_id_fields = ()


@admin.register(Taxonomy)
class TaxonomyAdmin(admin.ModelAdmin[Taxonomy]):
    list_display = ("name", "uuid", "version")


@admin.register(ImportedOrganisation)
class ImportedOrganisationAdmin(admin.ModelAdmin[ImportedOrganisation]):
    list_display = ("organisation", "source", "source_id", "imported_at")
    search_fields = ("source", "source_id", "organisation__name")
    raw_id_fields = ("organisation",)
