"""Organisers verify organisations serving the places they look after; moderators everywhere."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from groundswell.accounts.models import User
from groundswell.core.testing.factories import PlaceFactory, UserFactory
from groundswell.organisations import permissions, services
from groundswell.organisations.models import Organisation
from groundswell.organisations.tests.conftest import make_input
from groundswell.places.models import Place
from groundswell.places.testing import grant_powers, make_organiser


@pytest.fixture
def levenshulme(city: Place) -> Place:
    return PlaceFactory(name="Levenshulme", slug="levenshulme", level="neighbourhood", parent=city)


@pytest.fixture
def leeds(region: Place) -> Place:
    return PlaceFactory(name="Leeds", slug="leeds", level="county", parent=region)


@pytest.fixture
def local_org(owner: User, levenshulme: Place) -> Organisation:
    return services.organisation_create(
        creator=owner, data=make_input(name="Levenshulme Men's Shed", places=[levenshulme])
    )


@pytest.fixture
def leeds_org(owner: User, leeds: Place) -> Organisation:
    return services.organisation_create(
        creator=owner, data=make_input(name="Chapeltown Carers", places=[leeds])
    )


@pytest.fixture
def organiser_here(city: Place) -> User:
    return make_organiser("organiser_here", city)


def test_rule(
    organiser_here: User, local_org: Organisation, leeds_org: Organisation, moderator: User
) -> None:
    assert not permissions.can_verify(organiser_here, local_org)  # no verified session
    grant_powers(organiser_here)
    assert permissions.can_verify(organiser_here, local_org)
    assert not permissions.can_verify(organiser_here, leeds_org)
    assert permissions.can_verify(grant_powers(moderator), leeds_org)
    assert list(permissions.organisations_to_verify_for(organiser_here)) == [local_org]


def test_organiser_verifies_an_organisation_in_their_places(
    client_for, organiser_here: User, local_org: Organisation, leeds_org: Organisation
) -> None:
    client = client_for(organiser_here)
    page = client.get(reverse("organisations:to_verify")).content.decode()
    assert "Levenshulme Men&#x27;s Shed" in page and "Chapeltown Carers" not in page
    response = client.post(reverse("organisations:verify", args=[local_org.slug]))
    assert response.status_code == 302
    local_org.refresh_from_db()
    assert local_org.verified_by == organiser_here
    refused = client.post(reverse("organisations:verify", args=[leeds_org.slug]))
    assert refused.status_code == 403
    leeds_org.refresh_from_db()
    assert leeds_org.verified_at is None


def test_service_refuses_an_organiser_elsewhere(leeds: Place, local_org: Organisation) -> None:
    elsewhere = grant_powers(make_organiser("organiser_elsewhere", leeds))
    with pytest.raises(PermissionDenied):
        services.organisation_verify(org=local_org, actor=elsewhere)


def test_members_still_get_404_on_the_queue(client_for, member: User) -> None:
    assert client_for(member).get(reverse("organisations:to_verify")).status_code == 404


def test_queue_query_count(
    client_for,
    organiser_here: User,
    levenshulme: Place,
    owner: User,
    django_assert_max_num_queries,
) -> None:
    for n in range(10):
        services.organisation_create(
            creator=UserFactory(), data=make_input(name=f"Group {n}", places=[levenshulme])
        )
    client = client_for(organiser_here)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("organisations:to_verify")).content.decode()
    assert "Group 9" in page
