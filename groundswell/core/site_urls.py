"""Core's own pages (core/urls.py is the fast_reverse helper, not a URLconf)."""

from django.urls import path

from groundswell.core import design

app_name = "core"

urlpatterns = [
    path("design/", design.design_page, name="design"),
]
