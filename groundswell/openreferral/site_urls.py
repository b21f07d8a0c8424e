"""Both of this app's addresses in one include, so config/urls.py needs one line:
path("", include("groundswell.openreferral.site_urls")). The read API is at /openreferral/, the
staff screen at /staff/open-referral/ (two-step sign-in: moderation/middleware.py covers /staff/).
"""

from django.urls import include, path

urlpatterns = [
    path("openreferral/", include("groundswell.openreferral.urls")),
    path("staff/open-referral/", include("groundswell.openreferral.staff_urls")),
]
