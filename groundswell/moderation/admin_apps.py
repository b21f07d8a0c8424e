"""Imported while apps load, so it must not import models (the site class lives in admin_site)."""

from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    default_site = "groundswell.moderation.admin_site.GroundswellAdminSite"
