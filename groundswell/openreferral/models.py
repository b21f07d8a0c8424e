"""What Open Referral UK needs beyond the assets and organisations themselves.

- Where an imported organisation came from (organisations have no source fields of their own, and
  this app may not add columns to them): `ImportedOrganisation`, keyed by the publisher's id, so
  importing the same file again updates it.
- The taxonomies and terms that came with imported services (`Taxonomy`, `TaxonomyTerm`), each
  term mapped to one of our topics where a mapping exists (`TaxonomyTerm.topic`: the explicit
  table an administrator can correct in the Django admin), and which imported service carries
  which term (`AssetTerm`), so the API filters by them and the export writes them back.

Imported assets and locations carry their own `source` and `source_id` (assets.models). Our own
rows need no stored identifier: their Open Referral ids are derived from their keys (ids.py).
"""

from __future__ import annotations

from django.db import models


class ImportedOrganisation(models.Model):
    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="oruk_source"
    )
    # "Open Referral UK: <publisher>", shown as "From …" on the organisation's page.
    source = models.CharField(max_length=120)
    # The publisher's own id for the organisation (a UUID in the UK profile).
    source_id = models.CharField(max_length=200, unique=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.organisation_id} from {self.source}"


class Taxonomy(models.Model):
    """A vocabulary imported services are classified in (the LGA's service types, OpenActive's
    activity list...). Only vocabularies in OPENREFERRAL_KNOWN_TAXONOMIES are accepted."""

    uuid = models.UUIDField(unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    uri = models.CharField(max_length=500, blank=True)
    version = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "taxonomies"

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    uuid = models.UUIDField(unique=True)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.CASCADE, related_name="terms")
    name = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    code = models.CharField(max_length=200, blank=True)  # ORUK's `term`
    term_uri = models.CharField(max_length=500, blank=True)
    parent_uuid = models.UUIDField(null=True, blank=True)
    # The topic services with this term are filed under here, if any: set on import when a
    # current topic has the term's name (or OPENREFERRAL_TOPIC_MAP names one); an administrator
    # may change it in the Django admin, and a later import keeps their choice.
    topic = models.ForeignKey(
        "topics.Topic", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class AssetTerm(models.Model):
    asset = models.ForeignKey(
        "assets.Asset", on_delete=models.CASCADE, related_name="openreferral_terms"
    )
    term = models.ForeignKey(TaxonomyTerm, on_delete=models.CASCADE, related_name="asset_terms")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["asset", "term"], name="oruk_asset_term_once")
        ]

    def __str__(self) -> str:
        return f"Asset {self.asset_id}: {self.term_id}"
