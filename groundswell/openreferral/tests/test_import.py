"""Importing Open Referral UK files: every record checked, the valid ones imported together, the
invalid ones reported by id with the reason, the same file again updating what it brought."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError

from groundswell.assets.models import Asset, AssetKind, Location, OpeningTime, Status
from groundswell.audit.models import AuditEvent
from groundswell.core.testing.factories import TopicFactory
from groundswell.openreferral import reading, services, writing
from groundswell.openreferral.models import AssetTerm, ImportedOrganisation, TaxonomyTerm
from groundswell.openreferral.tests.conftest import as_package, oruk_service
from groundswell.organisations.models import Organisation, OrganisationStatus
from groundswell.places.testing import Tree

pytestmark = pytest.mark.django_db


def run(*records: object, dry_run: bool = False, **kwargs: object) -> services.ImportReport:
    return services.oruk_import(
        package=as_package(*records),
        publisher="Leeds City Council",
        actor=None,
        file_name="services.json",
        dry_run=dry_run,
        **kwargs,
    )


def test_import_creates_public_assets_marked_with_their_source(places: Tree) -> None:
    TopicFactory(name="Lunch clubs", slug="lunch-clubs")
    first, second = oruk_service("Chapeltown Lunch Club"), oruk_service("Seacroft Library")
    report = run(first, second)

    assert report.counts()["services_created"] == 2 and not report.errors
    club = Asset.objects.get(source_id=first["id"])
    assert club.source == "Open Referral UK: Leeds City Council"
    assert club.status == Status.PUBLISHED and club.audience == "public"
    assert club.kind == AssetKind.ASSOCIATION  # a club is a group people join
    assert Asset.objects.get(source_id=second["id"]).kind == AssetKind.INSTITUTION
    assert club.place == places.leeds  # its address's city
    assert club.organisation is not None and club.organisation.name == "Leeds City Council"
    assert club.organisation.status == OrganisationStatus.ACTIVE
    assert club.organisation.created_by is None
    assert club.organisation.oruk_source.source_id == first["organization_id"]
    assert club.accessibility == "Step-free entrance and a hearing loop"
    assert sorted(club.opening_times.values_list("weekday", flat=True)) == [1, 3]
    location = club.locations.get()
    assert (location.postcode, location.latitude) == ("LS7 3AA", 53.8155)
    # The term is kept and mapped to the topic of the same name.
    assert [t.name for t in club.topics.all()] == ["Lunch clubs"]
    assert AssetTerm.objects.filter(asset=club, term__code="lunch-clubs").exists()
    assert Asset.objects.visible_to(None).filter(pk=club.pk).exists()
    # One organisation for both services.
    assert Organisation.objects.count() == 1


def test_importing_the_same_file_again_updates_rather_than_duplicates(places: Tree) -> None:
    record = oruk_service()
    run(record)
    record["name"] = "Chapeltown Lunch Club (Tuesdays)"
    record["schedules"][0]["byday"] = "TU"
    report = run(record)

    assert report.counts()["services_updated"] == 1
    assert report.counts()["services_created"] == 0
    assert Asset.objects.count() == 1 and Location.objects.count() == 1
    assert Organisation.objects.count() == 1 and ImportedOrganisation.objects.count() == 1
    asset = Asset.objects.get()
    assert asset.name == "Chapeltown Lunch Club (Tuesdays)"
    assert list(asset.opening_times.values_list("weekday", flat=True)) == [1]
    assert AssetTerm.objects.count() == 1 and TaxonomyTerm.objects.count() == 1


def test_a_reimport_keeps_what_moderators_and_claims_did(places: Tree, moderator) -> None:
    record = oruk_service()
    run(record)
    Asset.objects.update(is_hidden=True, hidden_cause="moderator", owner=moderator)
    run(record)
    asset = Asset.objects.get()
    assert asset.is_hidden and asset.owner == moderator


def test_partly_invalid_file_imports_the_valid_and_reports_each_invalid_by_id(
    places: Tree,
) -> None:
    good = oruk_service("Good service")
    no_name = oruk_service()
    del no_name["name"]
    bad_id = oruk_service("Bad id", service_id="not-a-uuid")
    off_globe = oruk_service("Off the globe", latitude=123.0, longitude=-1.5)
    report = run(good, no_name, bad_id, off_globe)

    assert Asset.objects.get().source_id == good["id"]
    assert report.invalid_ids == [no_name["id"], "not-a-uuid", off_globe["id"]]
    text = [str(error) for error in report.errors]
    assert f'service {no_name["id"]}: name: "name" is a required property' in text
    assert any(line.startswith("service not-a-uuid: id: ") and "uuid" in line for line in text)
    assert any(
        line.startswith(f"service {off_globe['id']}: service_at_locations.0.location.latitude")
        for line in text
    )


def test_unknown_taxonomy_is_an_invalid_record_with_a_clear_reason(places: Tree) -> None:
    record = oruk_service(taxonomy="Made-up Codes")
    report = run(record)
    assert not Asset.objects.exists()
    [error] = report.errors
    assert error.record_id == record["id"]
    assert error.field == "attributes.0.taxonomy_term.taxonomy"
    assert "unknown taxonomy Made-up Codes" in error.reason


def test_a_term_known_by_id_only_must_be_in_the_file_or_on_the_site(places: Tree) -> None:
    record = oruk_service()
    del record["attributes"][0]["taxonomy_term"]
    report = run(record)
    [error] = report.errors
    assert error.field == "attributes.0.taxonomy_term_id"
    assert "unknown taxonomy term" in error.reason
    # Once imported with its term, the id alone is enough.
    run(oruk_service())
    assert run(record).errors == []


def test_the_known_taxonomies_are_a_setting(places: Tree, settings) -> None:
    settings.OPENREFERRAL_KNOWN_TAXONOMIES = ["Made-up Codes"]
    assert run(oruk_service(taxonomy="made up codes")).errors == []
    assert run(oruk_service(taxonomy="esdServiceTypes")).errors != []


def test_a_service_we_cannot_place_needs_a_default_place(places: Tree) -> None:
    record = oruk_service(city="Atlantis")
    [error] = run(record).errors
    assert error.field == "service_at_locations"
    report = run(record, default_place=places.yorkshire)
    assert report.errors == [] and Asset.objects.get().place == places.yorkshire


def test_a_duplicated_id_in_one_file_is_reported(places: Tree) -> None:
    record = oruk_service()
    report = run(record, dict(record))
    assert report.invalid_ids == [record["id"]]
    assert "appears 2 times" in report.errors[0].reason
    assert not Asset.objects.exists()


def test_dry_run_checks_and_reports_but_writes_nothing(places: Tree) -> None:
    bad = oruk_service()
    bad["status"] = "sleeping"
    report = run(oruk_service(), bad, dry_run=True)
    assert report.valid == 1 and report.invalid_ids == [bad["id"]]
    assert not Asset.objects.exists() and not Organisation.objects.exists()
    assert AuditEvent.objects.get(action=services.AUDIT_IMPORTED).details["dry_run"] is True


def test_each_run_is_audited_with_who_the_file_and_the_counts(places: Tree, admin_user) -> None:
    services.oruk_import(
        package=as_package(oruk_service()),
        publisher="Leeds",
        actor=admin_user,
        file_name="leeds.json",
    )
    event = AuditEvent.objects.get(action=services.AUDIT_IMPORTED)
    assert event.actor == admin_user
    assert event.details["file"] == "leeds.json"
    assert event.details["services_created"] == 1


def test_a_database_error_part_way_leaves_nothing_half_written(
    places: Tree, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise DatabaseError("disk full")

    # Organisations, locations and assets are written by then; the opening times fail.
    monkeypatch.setattr(writing.OpeningTime.objects, "bulk_create", fail)
    report = run(oruk_service(), oruk_service("Another"))
    assert report.failure == "DatabaseError: disk full"
    assert not Asset.objects.exists()
    assert not Organisation.objects.exists() and not Location.objects.exists()
    assert not OpeningTime.objects.exists()


def test_inactive_services_are_kept_but_not_shown(places: Tree) -> None:
    run(oruk_service(status="defunct"))
    asset = Asset.objects.get()
    assert asset.status == Status.WITHDRAWN
    assert not Asset.objects.visible_to(None).exists()


def test_malformed_json_is_one_clear_error(tmp_path: Path, places: Tree) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('[{"id": "x", "name": ')
    with pytest.raises(CommandError, match=r"not valid JSON: line 1, column \d+"):
        call_command("oruk_import", str(broken))
    not_services = tmp_path / "other.json"
    not_services.write_text('{"hello": "world"}')
    with pytest.raises(CommandError, match="not Open Referral services"):
        call_command("oruk_import", str(not_services))


def test_one_service_and_a_paged_response_are_read_too() -> None:
    record = oruk_service()
    assert reading.from_json_bytes(json.dumps(record).encode()).services == [record]
    page = {"total_items": 1, "page_number": 1, "last_page": True, "contents": [record]}
    assert reading.from_json_bytes(json.dumps(page).encode()).services == [record]


def _csv(rows: list[dict[str, object]]) -> str:
    columns = list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    import csv

    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _package_files(bad_latitude: bool = False) -> dict[str, str]:
    service_id, org_id, location_id = (str(uuid.uuid4()) for _ in range(3))
    bad_id = str(uuid.uuid4())
    return {
        "organizations.csv": _csv(
            [{"id": org_id, "name": "Age UK Leeds", "description": "Support for older people"}]
        ),
        "services.csv": _csv(
            [
                {
                    "id": service_id,
                    "organization_id": org_id,
                    "name": "Befriending",
                    "description": "A weekly call or visit.",
                    "status": "active",
                    "minimum_age": "60",
                },
                {"id": bad_id, "organization_id": org_id, "name": "No status", "description": "x"},
            ]
        ),
        "locations.csv": _csv(
            [
                {
                    "id": location_id,
                    "location_type": "physical",
                    "name": "Age UK office",
                    "latitude": "123" if bad_latitude else "53.79",
                    "longitude": "-1.54",
                }
            ]
        ),
        "service_at_locations.csv": _csv(
            [{"id": str(uuid.uuid4()), "service_id": service_id, "location_id": location_id}]
        ),
        "addresses.csv": _csv(
            [
                {
                    "id": str(uuid.uuid4()),
                    "location_id": location_id,
                    "address_1": "Arch 1",
                    "city": "Leeds",
                    "state_province": "West Yorkshire",
                    "postal_code": "LS1 4AP",
                    "country": "GB",
                    "address_type": "physical",
                }
            ]
        ),
        "schedules.csv": _csv(
            [
                {
                    "id": str(uuid.uuid4()),
                    "service_id": service_id,
                    "freq": "WEEKLY",
                    "byday": "MO",
                    "opens_at": "10:00",
                    "closes_at": "12:00",
                }
            ]
        ),
    }


def test_csv_package_in_a_zip_validates_each_row(places: Tree, tmp_path: Path) -> None:
    archive = tmp_path / "package.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for name, text in _package_files().items():
            handle.writestr(f"oruk/{name}", text)
    out, err = io.StringIO(), io.StringIO()
    call_command("oruk_import", str(archive), "--publisher", "Age UK", stdout=out, stderr=err)

    asset = Asset.objects.get()
    assert asset.name == "Befriending" and asset.place == places.leeds
    assert asset.organisation.name == "Age UK Leeds"
    assert asset.locations.get().postcode == "LS1 4AP"
    assert list(asset.opening_times.values_list("weekday", flat=True)) == [0]
    assert 'status: "status" is a required property' in err.getvalue()
    assert "1 invalid" in out.getvalue()


def test_csv_package_in_a_folder(places: Tree, tmp_path: Path) -> None:
    for name, text in _package_files(bad_latitude=True).items():
        (tmp_path / name).write_text(text)
    out, err = io.StringIO(), io.StringIO()
    call_command("oruk_import", str(tmp_path), "--dry-run", stdout=out, stderr=err)
    assert "latitude" in err.getvalue()
    assert "would import" in out.getvalue()
    assert not Asset.objects.exists()


def test_command_reports_json_and_refuses_an_unknown_place(tmp_path: Path, places: Tree) -> None:
    path = tmp_path / "services.json"
    path.write_text(json.dumps([oruk_service(city="Nowhere")]))
    with pytest.raises(CommandError, match="No place has the slug"):
        call_command("oruk_import", str(path), "--place", "atlantis")
    out = io.StringIO()
    call_command("oruk_import", str(path), "--place", "leeds", "--json", stdout=out)
    assert json.loads(out.getvalue())["services_created"] == 1


def test_pages_say_where_imported_things_came_from(places: Tree, client) -> None:
    run(oruk_service())
    asset = Asset.objects.get()
    assert (
        "Open Referral UK: Leeds City Council"
        in client.get(f"/assets/{asset.slug}/").content.decode()
    )
    org_page = client.get(f"/organisations/{asset.organisation.slug}/").content.decode()
    assert "From Open Referral UK: Leeds City Council" in org_page


def test_followers_are_told_when_a_reimport_changes_a_service_and_search_finds_it(
    places: Tree, member, django_capture_on_commit_callbacks
) -> None:
    from groundswell.follows.models import Follow
    from groundswell.notifications.models import Notification
    from groundswell.search.models import SearchDocument

    record = oruk_service()
    with django_capture_on_commit_callbacks(execute=True):
        run(record)
    asset = Asset.objects.get()
    assert SearchDocument.objects.filter(item_id=asset.item_id).exists()
    Follow.objects.create(follower=member, target_kind="asset", target_id=asset.pk)
    with django_capture_on_commit_callbacks(execute=True):
        run(record)  # the same again: nothing changed, nobody told
    assert not Notification.objects.filter(recipient=member).exists()
    record["description"] = "Now with a pudding."
    with django_capture_on_commit_callbacks(execute=True):
        run(record)
    assert Notification.objects.filter(recipient=member, type_key="asset_updated").count() == 1


def test_the_profiles_own_example_service(places: Tree, settings) -> None:
    """The UK profile's example passes its schema; what it breaks are our own rules (a made-up
    taxonomy called "taxonomy", a latitude of 100, a city we do not know)."""
    example = reading.from_path(Path(__file__).parent / "data" / "service_full.json")
    [service] = example.services
    from groundswell.openreferral import standard

    assert standard.errors(service, "service") == []
    report = services.oruk_import(
        package=example, publisher="Example", actor=None, file_name="x", dry_run=True
    )
    fields = {error.field for error in report.errors}
    assert "attributes.0.taxonomy_term.taxonomy" in fields
    assert any(field.endswith("location.latitude") for field in fields)
    assert "service_at_locations" in fields
    # With the taxonomy allowed, the coordinates fixed and a default place, it imports.
    settings.OPENREFERRAL_KNOWN_TAXONOMIES = ["taxonomy"]
    location = service["service_at_locations"][0]["location"]
    location["latitude"], location["longitude"] = 53.8, -1.55
    report = services.oruk_import(
        package=example, publisher="Example", actor=None, file_name="x", default_place=places.leeds
    )
    assert report.errors == [] and Asset.objects.get().name == "Community Counselling"


def test_a_paged_api_address_is_followed_page_by_page(monkeypatch: pytest.MonkeyPatch) -> None:
    records = [oruk_service(f"Service {n}") for n in range(3)]
    pages = {
        "https://api.example.org/services": {
            "page_number": 1,
            "last_page": False,
            "contents": records[:2],
        },
        "https://api.example.org/services?page=2": {
            "page_number": 2,
            "last_page": True,
            "contents": records[2:],
        },
    }
    asked: list[str] = []

    def fetch(url: str) -> bytes:
        asked.append(url)
        return json.dumps(pages[url]).encode()

    monkeypatch.setattr(reading, "_fetch", fetch)
    package = reading.from_location("https://api.example.org/services")
    assert [s["name"] for s in package.services] == ["Service 0", "Service 1", "Service 2"]
    assert asked == list(pages)
    with pytest.raises(reading.Unreadable, match="Only http and https"):
        reading.from_url("file:///etc/passwd")
