"""The OpenAPI description and the documentation page."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_openapi_is_version_3_1_and_describes_every_route():
    schema = Client().get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    assert schema["components"]["securitySchemes"]["PersonalAccessToken"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "gs_ personal access token",
    }
    expected = {
        ("get", "/api/stories"), ("post", "/api/stories"),
        ("get", "/api/stories/{story_id}"), ("patch", "/api/stories/{story_id}"),
        ("get", "/api/stories/{story_id}/consent"),
        ("post", "/api/stories/{story_id}/publish"), ("post", "/api/stories/{story_id}/withdraw"),
        ("get", "/api/stories/{story_id}/comments"), ("post", "/api/stories/{story_id}/comments"),
        ("patch", "/api/comments/{comment_id}"), ("delete", "/api/comments/{comment_id}"),
        ("get", "/api/search"), ("get", "/api/topics"), ("get", "/api/places"),
        ("get", "/api/me"), ("get", "/api/me/stories"),
    }  # fmt: skip
    found = {(method, path) for path, ops in schema["paths"].items() for method in ops}
    # The api app's own routes; each app that registers a router (organisations, follows,
    # notifications, messages...) checks its own in its tests.
    assert expected <= found
    for app_prefix in ("/api/organisations", "/api/follows", "/api/notifications"):
        assert any(path.startswith(app_prefix) for _, path in found), app_prefix
    # Reads work without a token; writes need one.
    assert {} in schema["paths"]["/api/stories"]["get"]["security"]
    assert schema["paths"]["/api/stories"]["post"]["security"] == [{"PersonalAccessToken": []}]
    # Inputs forbid unknown fields, so mass assignment is refused.
    for name in ("StoryIn", "StoryPatch", "CommentIn", "CommentPatch", "PublishIn"):
        assert schema["components"]["schemas"][name]["additionalProperties"] is False


def test_docs_page_loads_only_local_files_under_the_site_csp():
    response = Client().get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    # Every script and stylesheet is a file from our own static folder; no inline code.
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith("/") and not s.startswith("//") for s in sources), sources
    for script in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
        attributes, body = script
        assert 'type="application/json"' in attributes or not body.strip()
    assert '"validatorUrl": null' in html
    assert '<html lang="en-GB">' in html and "<noscript>" in html
