"""Permission matrix: every data-rights URL x persona -> expected status.

Everything here is about a person's own data, so moderators, organisers and administrators get
exactly what members get: nobody can see, download or withdraw anyone else's.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from groundswell.privacy import services
from groundswell.privacy.tests.factories import body_of, write_story

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "member", "author", "moderator", "organiser", "admin"]
LOGIN = "login"  # a redirect to the sign-in page


@pytest.fixture
def world(owner):
    story = write_story(owner, title="Owner's story")
    export, token = services.export_request(user=owner)
    services.export_build(export_id=export.pk)
    return {"story": story, "export": export, "token": token}


MATRIX = [
    ("data page", "get", lambda w: reverse("privacy:data"), {"anonymous": LOGIN, "default": 200}),
    (
        "ask for an export",
        "post",
        lambda w: reverse("privacy:data"),
        {"anonymous": LOGIN, "default": 302},
    ),
    (
        "download the owner's export",
        "get",
        lambda w: reverse("privacy:download", args=[w["export"].pk, w["token"]]),
        {"anonymous": LOGIN, "author": 200, "default": 404},
    ),
    (
        "download with a wrong token",
        "get",
        lambda w: reverse("privacy:download", args=[w["export"].pk, "wrong"]),
        {"anonymous": LOGIN, "default": 404},
    ),
    (
        "consents page",
        "get",
        lambda w: reverse("privacy:consents"),
        {"anonymous": LOGIN, "default": 200},
    ),
    (
        "withdraw the owner's story",
        "post",
        lambda w: reverse("privacy:consent_withdraw", args=[w["story"].pk]),
        {"anonymous": LOGIN, "author": 302, "default": 404},
    ),
    (
        "delete page",
        "get",
        lambda w: reverse("privacy:delete"),
        {"anonymous": LOGIN, "default": 200},
    ),
    (
        "delete without choosing",
        "post",
        lambda w: reverse("privacy:delete"),
        {"anonymous": LOGIN, "default": 400},
    ),
    ("deleted page", "get", lambda w: reverse("privacy:deleted"), {"default": 200}),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("name", "method", "url", "expected"), MATRIX, ids=[row[0] for row in MATRIX]
)
def test_permission_matrix(world, as_persona, persona, name, method, url, expected):
    client = as_persona(persona)
    response = getattr(client, method)(url(world))
    body_of(response)
    want = expected.get(persona, expected["default"])
    if want == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith(
            reverse("account_login")
        ), name
    else:
        assert response.status_code == want, (
            f"{name} as {persona}: {response.status_code} != {want}"
        )
        if want == 302:
            assert not response["Location"].startswith(reverse("account_login")), name
