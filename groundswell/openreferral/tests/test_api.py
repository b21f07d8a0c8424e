"""The read API at /openreferral/: every response validates against the UK profile's own schemas
(vendored in schemas/), CORS is open, the profile's filters work, and only public services are
ever served."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from groundswell.assets import services as asset_services
from groundswell.assets.models import Asset, AssetKind, Audience, ShownAs, Status
from groundswell.core.testing.factories import TopicFactory
from groundswell.openreferral import ids, services, standard
from groundswell.openreferral.tests.conftest import LUNCH_CLUB_TERM, as_package, oruk_service
from groundswell.organisations.models import Organisation, OrganisationStatus
from groundswell.places.testing import Tree

pytestmark = pytest.mark.django_db

SERVICE_PAGE = standard.page_schema(standard.schema("service_list"))
LOCATION_PAGE = standard.page_schema(standard.schema("service_at_location_list"))
TAXONOMY_PAGE = standard.page_schema(standard.schema("taxonomy"))
TERM_PAGE = standard.page_schema(standard.schema("taxonomy_term"))


def assert_valid(body: Any, schema: dict[str, Any] | str) -> None:
    validator = standard.validator(standard.schema(schema) if isinstance(schema, str) else schema)
    problems = [f"{list(e.instance_path)}: {e.message}" for e in validator.iter_errors(body)]
    assert problems == []


def get(client: Client, name: str, *args: str, **params: str) -> Any:
    response = client.get(reverse(f"openreferral:{name}", args=args), params)
    assert response.status_code == 200, response.content
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


@pytest.fixture
def data(places: Tree, owner) -> dict[str, Any]:
    """Twelve imported services in Leeds, one of ours in Manchester with a topic, and the
    things that must never be served."""
    TopicFactory(name="Lunch clubs", slug="lunch-clubs")
    wellbeing = TopicFactory(name="Wellbeing", slug="wellbeing")
    imported = [oruk_service(f"Service {n:02d}") for n in range(12)]
    imported[0]["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] = "LS6 1AA"
    report = services.oruk_import(
        package=as_package(*imported), publisher="Leeds", actor=None, file_name="f.json"
    )
    assert not report.errors
    ours = asset_services.asset_create(
        actor=owner,
        data=asset_services.AssetInput(
            kind=AssetKind.INSTITUTION,
            name="Moss Side Health Centre",
            description="GP surgery and a wellbeing café.",
            place=places.manchester,
            topics=[wellbeing],
            website="https://example.org/moss-side",
            location=asset_services.LocationInput(
                address_1="Monton Street", city="Manchester", latitude=53.46, longitude=-2.24
            ),
            opening_times=[
                asset_services.OpeningTimeInput(weekday=0, opens=_t(9), closes=_t(17)),
            ],
        ),
        check_limit=False,
    )

    def hidden_ones() -> list[Asset]:
        made = []
        for name, changes in [
            ("Members only", {"audience": Audience.MEMBERS}),
            ("Hidden by a moderator", {"is_hidden": True, "hidden_cause": "moderator"}),
            ("Withdrawn", {"status": Status.WITHDRAWN}),
            ("A park", {"kind": AssetKind.SPACE}),
        ]:
            asset = asset_services.asset_create(
                actor=owner,
                data=asset_services.AssetInput(
                    kind=AssetKind.INSTITUTION,
                    name=name,
                    description="Never served.",
                    place=places.leeds,
                    website="https://example.org/x",
                ),
                check_limit=False,
            )
            Asset.objects.filter(pk=asset.pk).update(**changes)
            made.append(asset)
        return made

    never = hidden_ones()
    gift = asset_services.asset_create(
        actor=owner,
        data=asset_services.AssetInput(
            kind=AssetKind.GIFT,
            name="Help with forms",
            description="I can help with forms.",
            place=places.leeds,
            audience=Audience.PUBLIC,
            shown_as=ShownAs.NEIGHBOUR,
            consent=True,
        ),
        check_limit=False,
    )
    archived_org = Organisation.objects.create(
        name="Gone", slug="gone", kind="other", description="x", status=OrganisationStatus.ARCHIVED
    )
    archived = asset_services.asset_create(
        actor=owner,
        data=asset_services.AssetInput(
            kind=AssetKind.ASSOCIATION,
            name="Run by an archived organisation",
            description="Never served.",
            place=places.leeds,
            website="https://example.org/y",
        ),
        check_limit=False,
    )
    Asset.objects.filter(pk=archived.pk).update(organisation=archived_org)
    return {
        "imported": imported,
        "ours": ours,
        "never": [*never, gift, archived],
        "wellbeing": wellbeing,
    }


def _t(hour: int) -> Any:
    import datetime as dt

    return dt.time(hour)


def test_root_says_version_profile_and_openapi(client: Client) -> None:
    body = get(client, "root")
    assert_valid(body, standard.root_schema())
    assert body["version"] == "3.0"
    assert body["openapi_url"].endswith("/openreferral/openapi.json")
    assert get(client, "openapi")["info"]["title"] == "Open Referral UK Profile"


def test_services_pages_validate_and_page_beyond_the_first(client: Client, data) -> None:
    first = get(client, "services", per_page="5")
    assert_valid(first, SERVICE_PAGE)
    assert (first["total_items"], first["total_pages"], first["size"]) == (13, 3, 5)
    assert first["first_page"] and not first["last_page"] and not first["empty"]
    last = get(client, "services", per_page="5", page="3")
    assert_valid(last, SERVICE_PAGE)
    assert last["last_page"] and last["size"] == 3 and last["page_number"] == 3
    beyond = get(client, "services", per_page="5", page="9")
    assert beyond["empty"] and beyond["contents"] == []
    names = [
        s["name"]
        for page in (1, 2, 3)
        for s in get(client, "services", per_page="5", page=str(page))["contents"]
    ]
    assert len(set(names)) == 13


def test_service_detail_validates_for_imported_and_our_own(client: Client, data) -> None:
    imported = get(client, "service", data["imported"][0]["id"])
    assert_valid(imported, "service")
    assert imported["id"] == data["imported"][0]["id"]  # an imported record keeps its id
    assert imported["organization"]["id"] == data["imported"][0]["organization_id"]
    # The publisher's term, and the topic it is mapped to here.
    assert {a["taxonomy_term"]["taxonomy"] for a in imported["attributes"]} == {
        "esdServiceTypes",
        "Groundswell topics",
    }
    assert {s["byday"] for s in imported["schedules"]} == {"TU", "TH"}
    ours = get(client, "service", ids.make(ids.SERVICE, data["ours"].pk))
    assert_valid(ours, "service")
    assert ours["service_at_locations"][0]["location"]["latitude"] == 53.46
    assert ours["attributes"][0]["taxonomy_term"]["name"] == "Wellbeing"


def test_service_at_locations_validate(client: Client, data) -> None:
    page = get(client, "service_at_locations", per_page="4", page="2")
    assert_valid(page, LOCATION_PAGE)
    assert page["total_items"] == 13 and page["size"] == 4
    link_id = page["contents"][0]["id"]
    detail = get(client, "service_at_location", link_id)
    assert_valid(detail, "service_at_location")
    assert detail["service"]["id"] == page["contents"][0]["service_id"]


def test_taxonomies_and_terms_validate(client: Client, data) -> None:
    taxonomies = get(client, "taxonomies")
    assert_valid(taxonomies, TAXONOMY_PAGE)
    assert [t["name"] for t in taxonomies["contents"]] == ["Groundswell topics", "esdServiceTypes"]
    terms = get(client, "taxonomy_terms", per_page="2")
    assert_valid(terms, TERM_PAGE)
    assert terms["total_items"] == 3  # two topics and the imported term
    second = get(client, "taxonomy_terms", per_page="2", page="2")
    assert_valid(second, TERM_PAGE)
    assert [t["name"] for t in second["contents"]] == ["Lunch clubs"]
    assert second["contents"][0]["taxonomy"] == "esdServiceTypes"
    assert_valid(get(client, "taxonomy_term", LUNCH_CLUB_TERM), "taxonomy_term")
    assert_valid(get(client, "taxonomy", ids.TOPICS_TAXONOMY_ID), "taxonomy")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"search": "service 03"}, ["Service 03"]),
        ({"search": "wellbeing café"}, ["Moss Side Health Centre"]),
        ({"taxonomy_term_id": LUNCH_CLUB_TERM}, 12),
        ({"taxonomy_id": ids.TOPICS_TAXONOMY_ID}, 13),  # every one has a topic (lunch clubs mapped)
        ({"taxonomy_term_id": "not-an-id"}, []),
        ({"day": "MO"}, ["Moss Side Health Centre"]),
        ({"day": "thursday", "start_time": "11:00"}, 12),
        ({"organization_id": "5a0a1a38-6f4c-4d2f-9a4e-7f2d1c3b9e01"}, 12),
    ],
)
def test_services_filter_with_the_profiles_parameters(
    client: Client, data, params: dict[str, str], expected: list[str] | int
) -> None:
    body = get(client, "services", per_page="50", **params)
    names = [s["name"] for s in body["contents"]]
    if isinstance(expected, int):
        assert len(names) == expected
    else:
        assert names == expected


def test_topic_term_filter(client: Client, data) -> None:
    wellbeing = ids.make(ids.TOPIC, data["wellbeing"].pk)
    body = get(client, "services", taxonomy_term_id=wellbeing)
    assert [s["name"] for s in body["contents"]] == ["Moss Side Health Centre"]


def test_postcode_filter_on_service_at_locations(client: Client, data) -> None:
    body = get(client, "service_at_locations", postcode="ls61aa")
    assert [s["service"]["name"] for s in body["contents"]] == ["Service 00"]


def test_never_serves_private_hidden_withdrawn_gifts_or_archived_organisations(
    client: Client, data
) -> None:
    served = {s["name"] for s in get(client, "services", per_page="500")["contents"]}
    located = {
        s["service"]["name"]
        for s in get(client, "service_at_locations", per_page="500")["contents"]
    }
    for asset in data["never"]:
        assert asset.name not in served and asset.name not in located
        response = client.get(
            reverse("openreferral:service", args=[ids.make(ids.SERVICE, asset.pk)])
        )
        assert response.status_code == 404
        assert response["Access-Control-Allow-Origin"] == "*"


def test_cors_preflight_errors_and_methods(client: Client, data) -> None:
    url = reverse("openreferral:services")
    preflight = client.options(url, HTTP_ORIGIN="https://example.org")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    refused = client.post(url)
    assert refused.status_code == 405 and refused["Access-Control-Allow-Origin"] == "*"
    bad = client.get(url, {"per_page": "lots"})
    assert bad.status_code == 400 and bad.json()["message"] == "per_page: must be a whole number"
    assert bad["Access-Control-Allow-Origin"] == "*"
    assert client.get(url, {"page": "0"}).status_code == 400
    assert client.get(url, {"day": "someday"}).status_code == 400


def test_responses_are_cacheable_with_an_etag(client: Client, data) -> None:
    url = reverse("openreferral:services")
    first = client.get(url)
    assert "public" in first["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_list_query_counts_stay_flat(client: Client, data, django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(4):
        assert get(client, "services", per_page="100")["size"] == 13
    with django_assert_max_num_queries(4):
        assert get(client, "service_at_locations", per_page="100")["size"] == 13
    with django_assert_max_num_queries(8):
        get(client, "service", data["imported"][0]["id"])
    with django_assert_max_num_queries(4):
        get(client, "taxonomy_terms")


def test_the_schema_check_itself_catches_a_wrong_page() -> None:
    with pytest.raises(AssertionError):
        assert_valid({"total_items": "many", "contents": [{"name": "no id"}]}, SERVICE_PAGE)
