"""A URLconf with a view that fails, to test the 500 page."""

from django.http import HttpRequest, HttpResponse
from django.urls import path


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret database password in a traceback")


urlpatterns = [path("boom/", boom)]
handler500 = "groundswell.core.views.server_error"
