"""The permission matrix: every page and action, for every persona."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from groundswell.accounts.models import User
from groundswell.offers.models import Offer

pytestmark = pytest.mark.django_db

PERSONAS = ("anonymous", "owner", "member", "moderator", "outsider")

# (name, method, url maker, {persona: status})
LOGIN = 302
MATRIX: list[tuple[str, str, str, dict[str, int]]] = [
    ("list", "get", "list", dict.fromkeys(PERSONAS, 200)),
    (
        "detail",
        "get",
        "detail",
        {"anonymous": 404, "owner": 200, "member": 200, "moderator": 200, "outsider": 200},
    ),
    (
        "edit",
        "get",
        "edit",
        {"anonymous": LOGIN, "owner": 200, "member": 403, "moderator": 403, "outsider": 403},
    ),
    (
        "respond",
        "get",
        "respond",
        {"anonymous": LOGIN, "owner": 403, "member": 200, "moderator": 200, "outsider": 200},
    ),
    (
        "done",
        "get",
        "done",
        {"anonymous": LOGIN, "owner": 200, "member": 403, "moderator": 403, "outsider": 403},
    ),
    (
        "report",
        "get",
        "report",
        {"anonymous": LOGIN, "owner": 403, "member": 200, "moderator": 200, "outsider": 200},
    ),
    (
        "matched",
        "post",
        "matched",
        {"anonymous": LOGIN, "owner": 302, "member": 403, "moderator": 403, "outsider": 403},
    ),
    (
        "withdraw",
        "post",
        "withdraw",
        {"anonymous": LOGIN, "owner": 302, "member": 403, "moderator": 403, "outsider": 403},
    ),
    (
        "mine",
        "get",
        "mine",
        {"anonymous": LOGIN, "owner": 200, "member": 200, "moderator": 200, "outsider": 200},
    ),
    (
        "waiting",
        "get",
        "waiting",
        {"anonymous": LOGIN, "owner": 404, "member": 404, "moderator": 200, "outsider": 404},
    ),
    (
        "new",
        "get",
        "create",
        {"anonymous": LOGIN, "owner": 200, "member": 200, "moderator": 200, "outsider": 200},
    ),
]


@pytest.fixture
def world(
    owner: User, member: User, moderator: User, outsider: User, need: Offer, offer: Offer
) -> dict[str, Any]:
    return {
        "anonymous": None,
        "owner": owner,
        "member": member,
        "moderator": moderator,
        "outsider": outsider,
        "need": need,
    }


def _url(name: str, need: Offer) -> str:
    if name in ("list", "mine", "waiting", "create"):
        return reverse(f"offers:{name}")
    return reverse(f"offers:{name}", args=[need.pk])


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("label", "method", "name", "expected"), MATRIX, ids=[m[0] for m in MATRIX]
)
def test_page_matrix(
    world: dict[str, Any],
    client_for: Any,
    persona: str,
    label: str,
    method: str,
    name: str,
    expected: dict[str, int],
) -> None:
    client = client_for(world[persona])
    url = _url(name, world["need"])
    response = client.get(url) if method == "get" else client.post(url)
    assert response.status_code == expected[persona], (label, persona)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_members_offers_page(world: dict[str, Any], client_for: Any, persona: str) -> None:
    """The member's only offer is for members: a visitor finds no page at all."""
    member = world["member"]
    response = client_for(world[persona]).get(reverse("offers:person", args=[member.handle]))
    assert response.status_code == (404 if persona == "anonymous" else 200)


def test_a_public_need_is_seen_by_visitors(
    world: dict[str, Any], client_for: Any, owner: User
) -> None:
    need = world["need"]
    Offer.objects.filter(pk=need.pk).update(audience="public")
    assert client_for(None).get(reverse("offers:detail", args=[need.pk])).status_code == 200


def test_a_withdrawn_need_is_only_its_authors(
    world: dict[str, Any], client_for: Any, owner: User, outsider: User
) -> None:
    need = world["need"]
    Offer.objects.filter(pk=need.pk).update(status="withdrawn")
    url = reverse("offers:detail", args=[need.pk])
    assert client_for(outsider).get(url).status_code == 404
    page = client_for(owner).get(url)
    assert page.status_code == 200
    assert "You withdrew this" in page.content.decode()


def test_an_organiser_sees_waiting_needs_in_their_places_only(
    world: dict[str, Any], client_for: Any, organiser: User, places: dict[str, Any]
) -> None:
    from groundswell.moderation.testing import give_totp
    from groundswell.places.models import OrganiserPlace

    give_totp(organiser)
    OrganiserPlace.objects.create(user=organiser, place=places["manchester"])
    need = world["need"]
    Offer.objects.filter(pk=need.pk).update(surfaced_at="2026-01-01T00:00:00Z")
    page = client_for(organiser).get(reverse("offers:waiting"))
    assert page.status_code == 200
    assert need.title in page.content.decode()
    OrganiserPlace.objects.filter(user=organiser).update(place=places["cardiff"])
    from groundswell.places.permissions import forget_roots

    forget_roots(organiser)
    page = client_for(organiser).get(reverse("offers:waiting"))
    assert need.title not in page.content.decode()
