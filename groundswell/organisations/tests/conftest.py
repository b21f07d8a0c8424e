"""Organisation personas: the owner, an admin and a member of one organisation (`org`), and an
"other member" who runs a different organisation. `member` (groundswell/conftest.py) belongs to
none; moderator and admin_user hold site roles only."""

from __future__ import annotations

from typing import Any

import pytest

from groundswell.accounts.models import User
from groundswell.core.testing.factories import PlaceFactory, UserFactory
from groundswell.organisations import services
from groundswell.organisations.models import Membership, Organisation, Role
from groundswell.places.models import Place


def make_input(**overrides: object) -> services.OrganisationInput:
    values: dict[str, Any] = {
        "name": "Levenshulme Walking Group",
        "kind": "community_group",
        "description": "Gentle walks every Tuesday from the library. Everyone welcome.",
        "contact_email": "walks@example.org",
    }
    values.update(overrides)
    return services.OrganisationInput(**values)


@pytest.fixture
def region(db: None) -> Place:
    nation = PlaceFactory(name="England", slug="england")
    return PlaceFactory(name="North West", slug="north-west", level="region", parent=nation)


@pytest.fixture
def city(region: Place) -> Place:
    return PlaceFactory(name="Manchester", slug="manchester", level="county", parent=region)


@pytest.fixture
def org(owner: User, city: Place) -> Organisation:
    return services.organisation_create(creator=owner, data=make_input(places=[city]))


@pytest.fixture
def org_admin(org: Organisation) -> User:
    user = UserFactory(username="orgadmin", display_name="Ade Admin-of-org")
    Membership.objects.create(organisation=org, user=user, role=Role.ADMIN)
    return user


@pytest.fixture
def org_member(org: Organisation) -> User:
    user = UserFactory(username="orgmember", display_name="Meg Member-of-org")
    Membership.objects.create(organisation=org, user=user, role=Role.MEMBER)
    return user


@pytest.fixture
def other_member(db: None) -> User:
    """Owns another organisation: an owner's powers don't reach past their own."""
    user = UserFactory(username="othermember", display_name="Oona Other")
    services.organisation_create(
        creator=user, data=make_input(name="Sparkbrook Carers", kind="charity")
    )
    return user
