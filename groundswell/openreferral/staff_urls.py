"""/staff/open-referral/: config/urls.py includes this as
path("staff/open-referral/", include("groundswell.openreferral.staff_urls"))."""

from django.urls import path

from groundswell.openreferral import staff_views

app_name = "staff_openreferral"
urlpatterns = [
    path("", staff_views.import_file, name="import"),
]
