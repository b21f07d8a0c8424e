"""manage.py oruk_export writes the format the import reads, valid against the same schemas,
and an export imported again updates rather than duplicates."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command

from groundswell.assets.models import Asset, Location, OpeningTime
from groundswell.core.testing.factories import TopicFactory
from groundswell.openreferral import reading, services, standard
from groundswell.openreferral.models import AssetTerm
from groundswell.openreferral.tests.conftest import as_package, oruk_service
from groundswell.organisations.models import Organisation
from groundswell.places.testing import Tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(places: Tree) -> list[dict]:
    TopicFactory(name="Lunch clubs", slug="lunch-clubs")
    records = [oruk_service(f"Service {n}") for n in range(3)]
    report = services.oruk_import(
        package=as_package(*records), publisher="Leeds", actor=None, file_name="f.json"
    )
    assert not report.errors
    return records


def _snapshot() -> list[tuple]:
    return sorted(
        (
            a.source_id,
            a.name,
            a.description,
            a.place_id,
            a.organisation_id,
            tuple(sorted(a.opening_times.values_list("weekday", "opens", "closes"))),
            tuple(sorted(a.locations.values_list("source_id", "postcode", "latitude"))),
            tuple(sorted(a.topics.values_list("name", flat=True))),
        )
        for a in Asset.objects.all()
    )


def test_json_export_validates_and_imports_back_as_updates(
    imported: list[dict], tmp_path: Path
) -> None:
    path = tmp_path / "export.json"
    call_command("oruk_export", "--output", str(path))
    exported = json.loads(path.read_text())
    assert len(exported) == 3
    for service in exported:
        assert standard.errors(service, "service") == []
    assert {s["id"] for s in exported} == {r["id"] for r in imported}

    before = _snapshot()
    counts = (Asset.objects.count(), Location.objects.count(), Organisation.objects.count())
    report = services.oruk_import(
        package=reading.from_path(path), publisher="Leeds", actor=None, file_name="export.json"
    )
    assert report.errors == []
    assert report.counts()["services_updated"] == 3 and report.counts()["services_created"] == 0
    assert (Asset.objects.count(), Location.objects.count(), Organisation.objects.count()) == counts
    assert _snapshot() == before
    assert AssetTerm.objects.count() == 3


def test_csv_export_is_a_package_the_import_reads(imported: list[dict], tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    call_command("oruk_export", "--format", "csv", "--output", str(path))
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        assert {"services.csv", "organizations.csv", "locations.csv", "schedules.csv"} <= names
    package = reading.from_path(path)
    assert len(package.services) == 3
    for service in package.services:
        assert standard.errors(service, "service") == []
    before = _snapshot()
    report = services.oruk_import(
        package=package, publisher="Leeds", actor=None, file_name="export.zip"
    )
    assert report.errors == [] and report.counts()["services_updated"] == 3
    assert _snapshot() == before
    assert OpeningTime.objects.count() == 6


def test_export_to_standard_output(imported: list[dict]) -> None:
    out = io.StringIO()
    call_command("oruk_export", stdout=out)
    assert len(json.loads(out.getvalue())) == 3


def test_our_own_services_in_an_export_are_left_as_they_are(
    places: Tree, owner, tmp_path: Path
) -> None:
    from groundswell.assets import services as asset_services

    asset_services.asset_create(
        actor=owner,
        data=asset_services.AssetInput(
            kind="institution",
            name="Moss Side Health Centre",
            description="GP surgery.",
            place=places.manchester,
            website="https://example.org",
        ),
        check_limit=False,
    )
    path = tmp_path / "ours.json"
    call_command("oruk_export", "--output", str(path))
    report = services.oruk_import(
        package=reading.from_path(path), publisher="Us", actor=None, file_name="ours.json"
    )
    assert len(report.skipped) == 1 and report.errors == []
    assert Asset.objects.count() == 1
