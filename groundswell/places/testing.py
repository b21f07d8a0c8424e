"""Test helpers for the staff screens: a small place tree and organisers who look after part
of it. Staff personas get an authenticator app, as the staff pages require; `client_for(user)`
(groundswell/conftest.py) then signs them in with both steps."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from groundswell.accounts.models import SiteRole, User
from groundswell.core.testing.factories import PlaceFactory, UserFactory
from groundswell.moderation.testing import give_totp
from groundswell.places.models import OrganiserPlace, Place


@dataclass
class Tree:
    """England > North West > Manchester > Levenshulme, Wythenshawe; England > Yorkshire > Leeds."""

    england: Place
    north_west: Place
    manchester: Place
    levenshulme: Place
    wythenshawe: Place
    yorkshire: Place
    leeds: Place


def make_tree() -> Tree:
    england = PlaceFactory.create(name="England", slug="england")
    north_west = PlaceFactory.create(
        name="North West", slug="north-west", level="region", parent=england
    )
    manchester = PlaceFactory.create(
        name="Manchester", slug="manchester", level="county", parent=north_west
    )
    yorkshire = PlaceFactory.create(
        name="Yorkshire", slug="yorkshire", level="region", parent=england
    )
    return Tree(
        england=england,
        north_west=north_west,
        manchester=manchester,
        levenshulme=PlaceFactory.create(
            name="Levenshulme", slug="levenshulme", level="neighbourhood", parent=manchester
        ),
        wythenshawe=PlaceFactory.create(
            name="Wythenshawe", slug="wythenshawe", level="neighbourhood", parent=manchester
        ),
        yorkshire=yorkshire,
        leeds=PlaceFactory.create(name="Leeds", slug="leeds", level="county", parent=yorkshire),
    )


def make_organiser(username: str, *places: Place, totp: bool = True) -> User:
    user = UserFactory.create(
        username=username,
        display_name=username.replace("_", " ").title(),
        site_role=SiteRole.ORGANISER,
    )
    if totp:
        give_totp(user)
    OrganiserPlace.objects.bulk_create([OrganiserPlace(user=user, place=p) for p in places])
    return user


def grant_powers(user: User) -> User:
    """For service tests without a request: what StaffMFAMiddleware does for a verified session."""
    from groundswell.core.staff import grant_staff_powers

    grant_staff_powers(user)
    return user


# Fixtures: import them into a test module (or a conftest) that needs them.


@pytest.fixture
def tree(db: None) -> Tree:
    return make_tree()


@pytest.fixture
def organiser_here(tree: Tree) -> User:
    """Looks after Manchester and everything in it."""
    return make_organiser("organiser_here", tree.manchester)


@pytest.fixture
def organiser_elsewhere(tree: Tree) -> User:
    """Looks after Leeds."""
    return make_organiser("organiser_elsewhere", tree.leeds)
