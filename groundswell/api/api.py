"""The REST API: /api/ (OpenAPI 3.1 at /api/openapi.json, interactive docs at /api/docs)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase
from ninja.operation import Operation

from groundswell.api import errors
from groundswell.api.endpoints import catalogue, me, search
from groundswell.api.routers import registered_routers

DESCRIPTION = """
Read and search the stories, ideas and resources people share, and share your own.

Reading needs no account: you see what anyone can see. With a personal access token
(`Authorization: Bearer gs_...`, created on your profile page) you see what you see when
signed in, and a token with write access can create and change your own stories and comments.
The same privacy rules apply as on the website. See docs/api.md.
"""


class LocalDocs(DocsBase):
    """Swagger UI from our own static files (no CDN), on a page that works under the site's
    Content-Security-Policy: the settings are JSON data, the scripts are files, nothing inline."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        settings = {
            "url": self.get_openapi_url(api, kwargs),
            "layout": "BaseLayout",
            "deepLinking": True,
            # Swagger UI otherwise sends the schema to validator.swagger.io for a badge.
            "validatorUrl": None,
        }
        return render(request, "api/docs.html", {"api": api, "swagger_settings": settings})


class GroundswellAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        return operation.view_func.__name__

    def create_response(
        self,
        request: HttpRequest,
        data: Any,
        *,
        status: int | None = None,
        temporal_response: HttpResponse | None = None,
    ) -> HttpResponse:
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        # What a member sees depends on who they are: never let a shared cache keep it.
        patch_vary_headers(response, ["Authorization", "Cookie"])
        principal = getattr(request, "auth", None)
        user = getattr(principal, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
        return response


api = GroundswellAPI(
    title="Groundswell API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs=LocalDocs(),
    docs_url="/docs",
)
errors.install(api)
for module in (catalogue, search, me):
    api.add_router("", module.router)
# Routers the domain apps register from their AppConfig.ready() (api/routers.py): stories and
# comments, organisations, follows, notifications, messages...
for app_router in registered_routers():
    api.add_router("", app_router)
