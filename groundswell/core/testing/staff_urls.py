"""The site's URLs with the issue-13 staff screens under /staff/, for tests, until config/urls.py
includes them (then this adds nothing: a namespace already there is not added twice).

Use with `@pytest.mark.urls("groundswell.core.testing.staff_urls")`.
"""

from django.urls import include, path

from config.urls import urlpatterns as site_patterns

STAFF = [
    ("staff_topics", path("staff/topics/", include("groundswell.topics.staff_urls"))),
    ("staff_places", path("staff/places/", include("groundswell.places.staff_urls"))),
    (
        "staff_helplines",
        path("staff/help-lines/", include("groundswell.safeguarding.staff_urls")),
    ),
    ("staff_members", path("staff/members/", include("groundswell.accounts.staff_urls"))),
]
_present = {getattr(p, "namespace", None) for p in site_patterns}

urlpatterns = [p for name, p in STAFF if name not in _present] + list(site_patterns)
handler404 = "groundswell.core.views.page_not_found"
handler500 = "groundswell.core.views.server_error"
