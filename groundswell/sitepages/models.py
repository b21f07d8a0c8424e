"""The organisation's own site: its pages (about, privacy notice...) with their history, and its
name, logo and colours. A base app like core: shared apps read it; it imports only core, lib,
audit and accounts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PageSlug(models.TextChoices):
    """The six pages every site has, in the order the footer lists them. The labels are the
    titles a page has until an administrator writes it."""

    ABOUT = "about", _("About us")
    GUIDELINES = "guidelines", _("Community guidelines")
    PRIVACY = "privacy", _("Privacy notice")
    TERMS = "terms", _("Terms of use")
    ACCESSIBILITY = "accessibility", _("Accessibility statement")
    CONTACT = "contact", _("Contact us")


class SitePage(models.Model):
    """One of the site's own pages as it reads now. Written only through
    services.site_page_save, which also keeps a SitePageRevision of every version."""

    slug = models.CharField(max_length=32, choices=PageSlug.choices, unique=True)
    title = models.CharField(max_length=120)
    body = models.TextField(help_text="Markdown.")
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.title


class SitePageRevision(models.Model):
    """A version of a page, kept for ever: one per save that changed something. The newest is
    what the page shows now. An editor who deletes their account becomes "a former
    administrator"; the words stay."""

    page = models.ForeignKey(SitePage, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=120)
    body = models.TextField()
    note = models.CharField(max_length=200, blank=True)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["page", "-created_at"], name="sitepage_rev_page_idx")]

    def __str__(self) -> str:
        return f"{self.page.slug} {self.created_at:%Y-%m-%d %H:%M}"


class SiteIdentity(models.Model):
    """The site's name, tagline, logo and colours: one row at most (id 1). Without it the site
    uses settings.SITE_NAME and the stylesheet's colours. Read through identity.site_identity()."""

    SINGLE_ID = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLE_ID, editable=False)
    name = models.CharField(max_length=80)
    tagline = models.CharField(max_length=160, blank=True)
    logo = models.FileField(upload_to="site/", blank=True)
    brand = models.CharField(max_length=7, help_text="Hex, e.g. #0b6e4f.")
    brand_dark = models.CharField(max_length=7, help_text="Hex, e.g. #07513a.")
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "site identity"
        constraints = [models.CheckConstraint(condition=Q(id=1), name="site_identity_single_row")]

    def __str__(self) -> str:
        return self.name
