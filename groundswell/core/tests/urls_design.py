"""The project's URLs plus core's own pages (groundswell.core.site_urls), until config/urls.py
includes them."""

from django.urls import include, path

from config.urls import handler404, handler500
from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("", include("groundswell.core.site_urls")), *project_urlpatterns]

__all__ = ["handler404", "handler500", "urlpatterns"]
