from __future__ import annotations

import json
from typing import Any

import pytest

from groundswell.accounts.models import User
from groundswell.assets.models import Asset, ClaimRequest, ClaimStatus
from groundswell.moderation.testing import give_totp
from groundswell.places.models import OrganiserPlace, Place

pytestmark = pytest.mark.django_db


def _persona(name: str, request: Any) -> User | None:
    return None if name == "anonymous" else request.getfixturevalue(name)


@pytest.mark.parametrize(
    ("persona", "gift_status", "listing_status", "edit_status"),
    [
        ("anonymous", 404, 200, 302),
        ("member", 200, 200, 403),
        ("outsider", 200, 200, 403),
        ("owner", 200, 200, 200),
        ("moderator", 200, 200, 403),
    ],
)
def test_permission_matrix(
    request: Any,
    client_for: Any,
    gift: Asset,
    listing: Asset,
    persona: str,
    gift_status: int,
    listing_status: int,
    edit_status: int,
) -> None:
    client = client_for(_persona(persona, request))
    assert client.get(f"/assets/{gift.slug}/").status_code == gift_status
    assert client.get(f"/assets/{listing.slug}/").status_code == listing_status
    assert client.get(f"/assets/{listing.slug}/edit/").status_code == edit_status
    assert client.get("/assets/").status_code == 200


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("member", 404), ("owner", 404), ("moderator", 200), ("organiser", 200)],
)
def test_claims_screen_is_for_moderators_and_organisers(
    request: Any, client_for: Any, leeds: Place, persona: str, status: int
) -> None:
    user = _persona(persona, request)
    if persona == "organiser":
        give_totp(user)
        OrganiserPlace.objects.create(user=user, place=leeds)
    assert client_for(user).get("/assets/claims/").status_code == status


def test_list_shows_public_listings_not_members_gifts_to_visitors(
    client_for: Any, gift: Asset, listing: Asset
) -> None:
    text = client_for(None).get("/assets/").text
    assert listing.name in text and gift.name not in text


def test_list_filters(client_for: Any, listing: Asset, member: User) -> None:
    client = client_for(member)
    assert listing.name in client.get("/assets/?kind=space&open=0&access=hearing").text
    assert listing.name not in client.get("/assets/?kind=economy").text
    assert listing.name not in client.get("/assets/?open=3").text
    assert listing.name in client.get("/assets/?q=natter&place=england").text
    # Nonsense filters are ignored, never a 500.
    assert client.get("/assets/?open=banana&place=nowhere&page=x").status_code == 200


def test_list_and_detail_query_counts(
    client_for: Any, listing: Asset, member: User, django_assert_max_num_queries: Any
) -> None:
    client = client_for(member)
    with django_assert_max_num_queries(20):
        assert client.get("/assets/").status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(f"/assets/{listing.slug}/").status_code == 200


def test_add_keeps_what_was_typed_and_explains(client_for: Any, member: User, leeds: Place) -> None:
    response = client_for(member).post(
        "/assets/add/",
        {
            "kind": "space",
            "name": "Hyde Park Community Hall",
            "description": "A hall",
            "place": leeds.pk,
            "audience": "public",
            "latitude": "-1.55",
            "longitude": "53.8",
            "times-TOTAL_FORMS": "1",
            "times-INITIAL_FORMS": "0",
            "times-0-weekday": "1",
            "times-0-opens": "18:00",
            "times-0-closes": "09:00",
        },
    )
    assert response.status_code == 200
    text = response.text
    assert "Hyde Park Community Hall" in text
    assert "at least one way to get in touch" in text
    assert "outside the UK" in text
    assert "closing time must be after" in text
    assert not Asset.objects.exists()


def test_add_a_listing_then_double_submit_makes_one(
    client_for: Any, member: User, leeds: Place
) -> None:
    data = {
        "kind": "association",
        "name": "Walking Group",
        "description": "Walks on Tuesdays",
        "place": leeds.pk,
        "audience": "public",
        "contact_email": "walks@example.org",
        "submission_key": "6f1c6f1c-0000-4000-8000-000000000001",
        "times-TOTAL_FORMS": "1",
        "times-INITIAL_FORMS": "0",
        "times-0-weekday": "1",
        "times-0-opens": "10:00",
        "times-0-closes": "12:00",
    }
    client = client_for(member)
    assert client.post("/assets/add/", data).status_code == 302
    assert client.post("/assets/add/", data).status_code == 302
    assert Asset.objects.count() == 1


def test_gift_add_needs_consent(client_for: Any, member: User, leeds: Place) -> None:
    data = {
        "name": "Dog walking",
        "description": "I can walk your dog.",
        "place": leeds.pk,
        "shown_as": "first_name",
        "audience": "members",
        "times-TOTAL_FORMS": "0",
        "times-INITIAL_FORMS": "0",
    }
    client = client_for(member)
    response = client.post("/assets/add/gift/", data)
    assert response.status_code == 200 and "Tick the box" in response.text
    assert client.post("/assets/add/gift/", {**data, "consent": "on"}).status_code == 302
    gift = Asset.objects.get()
    assert gift.owner == member and gift.consent_at is not None


def test_claim_then_accept_then_still_correct(
    client_for: Any, listing: Asset, member: User, organiser: User, leeds: Place
) -> None:
    client = client_for(member)
    assert client.post(f"/assets/{listing.slug}/claim/", {"message": "I run it"}).status_code == 302
    claim = ClaimRequest.objects.get()
    give_totp(organiser)
    OrganiserPlace.objects.create(user=organiser, place=leeds)
    staff = client_for(organiser)
    assert listing.name in staff.get("/assets/claims/").text
    staff.post(f"/assets/claims/{claim.pk}/decide/", {"decision": "accept"})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.ACCEPTED
    assert client.get(f"/assets/{listing.slug}/edit/").status_code == 200
    assert client.post(f"/assets/{listing.slug}/review/").status_code == 302


def test_csv_export_has_its_header_and_no_members_only_gifts(
    client_for: Any, listing: Asset, gift: Asset, member: User
) -> None:
    response = client_for(member).get("/assets/export.csv")
    body = b"".join(response.streaming_content).decode()
    assert body.splitlines()[0].startswith("slug,name,kind,description")
    assert listing.name in body and gift.name not in body


def test_geojson_export_is_valid_and_never_maps_a_gift(
    client_for: Any, listing: Asset, gift: Asset
) -> None:
    Asset.objects.filter(pk=gift.pk).update(audience="public")
    response = client_for(None).get("/assets/export.geojson?kind=space")
    data = json.loads(b"".join(response.streaming_content))
    assert data["type"] == "FeatureCollection"
    assert [f["properties"]["slug"] for f in data["features"]] == [listing.slug]
    assert data["features"][0]["geometry"]["coordinates"] == [-1.539, 53.829]
    everything = json.loads(
        b"".join(client_for(None).get("/assets/export.geojson").streaming_content)
    )
    assert gift.slug not in {f["properties"]["slug"] for f in everything["features"]}


@pytest.mark.parametrize(("persona", "status"), [("anonymous", 404), ("member", 200)])
def test_api_detail_of_a_members_only_gift(
    request: Any, client_for: Any, gift: Asset, persona: str, status: int
) -> None:
    response = client_for(_persona(persona, request)).get(f"/api/assets/{gift.slug}")
    assert response.status_code == status
    if status == 200:
        assert response.json()["latitude"] is None
        assert response.json()["shown_as"] == "A neighbour in Leeds"


def test_api_list_filters(client_for: Any, listing: Asset) -> None:
    response = client_for(None).get("/api/assets?kind=space&place=leeds")
    assert response.status_code == 200
    assert [a["slug"] for a in response.json()["items"]] == [listing.slug]
    assert client_for(None).get("/api/assets?place=nowhere").json()["items"] == []


def test_the_list_filters_are_drawn_with_their_labels_and_kind_errors(
    client_for: Any, listing: Asset, member: User, topic: Any
) -> None:
    client = client_for(member)
    page = client.get(f"/assets/?topic={topic.slug}&place=leeds&q=hall").text
    for name in ("q", "kind", "topic", "place", "open", "access"):
        assert f'<label for="id_{name}">' in page
    assert f'<option value="{topic.slug}" selected>' in page
    assert '<option value="leeds" selected>' in page
    assert 'name="q" value="hall"' in page
    assert 'aria-describedby="id_access_helptext"' in page
    page = client.get("/assets/?topic=nope&place=nowhere&open=9").text
    assert "Choose a topic from the list." in page
    assert "Choose a place from the list." in page
    assert "Choose a day from the list." in page
