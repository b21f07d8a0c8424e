"""The Open Referral staff screen: administrators only (with two-step sign-in), an upload that
reports every invalid record by its id and imports the valid ones, and a dry run."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from groundswell.assets.models import Asset
from groundswell.core.staffscreens import staff_screens_for
from groundswell.openreferral.tests.conftest import oruk_service
from groundswell.places.testing import Tree, make_organiser

URL = "/staff/open-referral/"


def upload(records: list[dict], name: str = "leeds.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, json.dumps(records).encode(), "application/json")


@pytest.fixture
def organiser_here(places: Tree):
    return make_organiser("organiser_here", places.leeds)


@pytest.mark.parametrize(
    ("persona", "mfa", "expected"),
    [
        ("anonymous", True, {302}),
        ("member", True, {403}),
        ("organiser_here", True, {403}),
        ("moderator", True, {403}),
        ("admin_user", True, {200}),
        ("admin_user", False, {302, 403}),
    ],
)
def test_permission_matrix(
    persona: str, mfa: bool, expected: set[int], places: Tree, client_for, request
) -> None:
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    client = client_for(user, mfa=mfa)
    assert reverse("staff_openreferral:import") == URL
    assert client.get(URL).status_code in expected
    response = client.post(
        URL, {"file": upload([oruk_service()]), "publisher": "Leeds City Council"}
    )
    assert response.status_code in expected
    assert Asset.objects.exists() is (expected == {200})


def test_only_administrators_see_the_screen_in_the_staff_menu(admin_user, moderator) -> None:
    assert "openreferral" in [s.key for s in staff_screens_for(admin_user)]
    assert "openreferral" not in [s.key for s in staff_screens_for(moderator)]


def test_upload_reports_the_bad_record_by_id_and_imports_the_rest(
    places: Tree, client_for, admin_user
) -> None:
    good, bad = oruk_service("Good"), oruk_service("Bad", taxonomy="Made-up Codes")
    page = client_for(admin_user).post(
        URL, {"file": upload([good, bad]), "publisher": "Leeds City Council"}
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert bad["id"] in text and "unknown taxonomy Made-up Codes" in text
    assert "Records not imported" in text
    assert list(Asset.objects.values_list("source_id", flat=True)) == [good["id"]]
    assert "Open Referral UK: Leeds City Council" in text


def test_dry_run_imports_nothing(places: Tree, client_for, admin_user) -> None:
    page = client_for(admin_user).post(
        URL, {"file": upload([oruk_service()]), "publisher": "Leeds", "dry_run": "on"}
    )
    assert "nothing was imported" in page.content.decode()
    assert not Asset.objects.exists()


def test_a_malformed_file_is_an_error_beside_the_field_and_keeps_what_was_typed(
    places: Tree, client_for, admin_user
) -> None:
    broken = SimpleUploadedFile("broken.json", b"{not json", "application/json")
    page = client_for(admin_user).post(URL, {"file": broken, "publisher": "Leeds City Council"})
    assert page.status_code == 400
    text = page.content.decode()
    assert "There is a problem" in text and "not valid JSON" in text
    assert 'value="Leeds City Council"' in text
    missing = client_for(admin_user).post(URL, {"publisher": ""})
    assert "Choose the file to import." in missing.content.decode()
    assert "Say who published the file." in missing.content.decode()


def test_a_file_over_the_upload_limit_is_refused_beside_the_field(
    places: Tree, client_for, admin_user, settings
) -> None:
    settings.STORY_IMAGE_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("big.json", b"[" + b" " * (1024 * 1024 + 10) + b"]")
    page = client_for(admin_user).post(URL, {"file": big, "publisher": "Leeds"})
    assert page.status_code == 400
    assert "over 1 MB" in page.content.decode()
    assert not Asset.objects.exists()
