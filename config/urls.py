from django.contrib import admin
from django.urls import include, path

from groundswell.api.api import api
from groundswell.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("api/", api.urls),
    path("members/me/tokens/", include("groundswell.api.urls")),
    path("members/me/", include("groundswell.privacy.urls")),
    path("members/", include("groundswell.accounts.urls")),
    path("", include("groundswell.moderation.urls")),
    path("", include("groundswell.sitepages.urls")),
    path("places/", include("groundswell.places.urls")),
    path("organisations/", include("groundswell.organisations.urls")),
    path("assets/", include("groundswell.assets.urls")),
    path("", include("groundswell.openreferral.site_urls")),
    path("offers-and-needs/", include("groundswell.offers.urls")),
    path("topics/", include("groundswell.topics.urls")),
    path("search/", include("groundswell.search.urls")),
    path("notifications/", include("groundswell.notifications.urls")),
    path("trust/", include("groundswell.trust.urls")),
    path("following/", include("groundswell.follows.urls")),
    path("messages/", include("groundswell.messaging.urls")),
    path("introductions/", include("groundswell.introductions.urls")),
    path("resources/", include("groundswell.collaboration.urls")),
    path("safeguarding/", include("groundswell.safeguarding.urls")),
    # Staff screens (two-step sign-in needed: moderation/middleware.py treats /staff/ as staff).
    path("staff/topics/", include("groundswell.topics.staff_urls")),
    path("staff/places/", include("groundswell.places.staff_urls")),
    path("staff/help-lines/", include("groundswell.safeguarding.staff_urls")),
    path("staff/members/", include("groundswell.accounts.staff_urls")),
    path("staff/gaps/", include("groundswell.assets.gaps")),
    path("", include("groundswell.core.site_urls")),
    path("django-admin/", admin.site.urls),
    path("", include("groundswell.stories.urls")),
]

handler404 = "groundswell.core.views.page_not_found"
handler500 = "groundswell.core.views.server_error"
