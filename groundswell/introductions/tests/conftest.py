"""Introductions personas. `member` introduces: they are connected with `owner` and `friend`,
who are not connected with each other. `org` is run by `org_admin` (who answers for it);
`org_member` belongs to it but does not run it. `outsider` knows nobody; `moderator` holds a
site role only."""

from __future__ import annotations

from typing import Any

import pytest

from groundswell.accounts.models import User
from groundswell.api.tests.conftest import _fresh_rate_limits, api, token_for  # noqa: F401
from groundswell.core.testing.factories import UserFactory
from groundswell.follows.services import connection_make
from groundswell.introductions import services
from groundswell.introductions.models import Introduction
from groundswell.organisations.models import Membership, Organisation, Role

NOTE = "You both care about the walking group; Fri has walked it for years."


@pytest.fixture(autouse=True)
def _side_effects_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run inside one transaction that never commits: run what services queue with
    on_commit (notifications) at once, so a test sees what people are told."""
    from django.db import transaction

    def run_now(func: Any, using: Any = None, robust: bool = False) -> None:
        func()

    monkeypatch.setattr(transaction, "on_commit", run_now)


@pytest.fixture
def friend(db: None) -> User:
    return UserFactory(username="friend", display_name="Fri Friend")


@pytest.fixture
def org(db: None) -> Organisation:
    return Organisation.objects.create(
        name="Levenshulme Walking Group",
        slug="levenshulme-walking",
        kind="community_group",
        description="Gentle walks every Tuesday.",
    )


@pytest.fixture
def org_admin(org: Organisation) -> User:
    user = UserFactory(username="orgadmin", display_name="Ade Orgadmin")
    Membership.objects.create(organisation=org, user=user, role=Role.ADMIN)
    return user


@pytest.fixture
def org_member(org: Organisation) -> User:
    user = UserFactory(username="orgmember", display_name="Meg Orgmember")
    Membership.objects.create(organisation=org, user=user, role=Role.MEMBER)
    return user


@pytest.fixture
def network(member: User, owner: User, friend: User) -> None:
    connection_make(user=member, other=owner)
    connection_make(user=member, other=friend)


@pytest.fixture
def intro(network: None, member: User, owner: User, friend: User) -> Introduction:
    return services.introduction_create(
        introducer=member,
        person=owner,
        other_person=friend,
        note=NOTE,
        note_to_person="Olu: Fri knows the routes.",
        note_to_other="Fri: Olu is new here.",
    )


@pytest.fixture
def org_intro(
    network: None, member: User, owner: User, org: Organisation, org_admin: User
) -> Introduction:
    return services.introduction_create(
        introducer=member,
        person=owner,
        organisation=org,
        note="They run the walks you asked about.",
    )


def make(**kwargs: Any) -> Introduction:
    return services.introduction_create(**kwargs)
