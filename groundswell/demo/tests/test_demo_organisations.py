"""The demo's organisations (groundswell/demo/organisations.py), loaded for the demo's members
as load_demo creates them."""

from __future__ import annotations

import random
from itertools import chain

import pytest
from django.utils import timezone

from groundswell.audit.models import AuditEvent
from groundswell.core.testing.factories import UserFactory
from groundswell.demo.data import MEMBERS, STAFF
from groundswell.demo.management.commands.load_demo import (
    DEMO_DOMAIN,
    MEMBER_EMAIL,
    ORGANISER_EMAIL,
)
from groundswell.demo.organisations import load_organisations
from groundswell.organisations.models import JoinRequest, Membership, Organisation, Role
from groundswell.places.management.commands.seed_places import seed_places


class Loader:
    """What load_organisations reads from the DemoLoader: the members by key, places by name."""

    def __init__(self) -> None:
        self.places = seed_places().by_name
        self.users = {}
        for member in chain(STAFF, MEMBERS):
            self.users[member.key] = UserFactory(
                username=f"demo-{member.key}",
                email=f"{member.key}@{DEMO_DOMAIN}",
                display_name=member.display_name,
                site_role=member.site_role,
            )
        self.rng = random.Random(2026)
        self.now = timezone.now()
        self.said: list[str] = []

    def say(self, message: str) -> None:
        self.said.append(message)


@pytest.fixture
def demo(db: None) -> str:
    loader = Loader()
    load_organisations(loader)
    return "\n".join(loader.said)


def test_twelve_or_more_organisations_of_the_kinds_the_issue_names(demo: str) -> None:
    kinds = list(Organisation.objects.values_list("kind", flat=True))
    assert len(kinds) >= 12
    assert {"care_home", "gp_practice", "nhs_trust", "council", "social_prescribing"} <= set(kinds)
    assert kinds.count("care_home") >= 2
    assert "Organisations: 15 created" in demo


def test_every_organisation_has_exactly_one_owner_and_serves_a_place(demo: str) -> None:
    for org in Organisation.objects.prefetch_related("places"):
        assert Membership.objects.filter(organisation=org, role=Role.OWNER).count() == 1
        assert org.places.all()


def test_verified_ones_say_who_verified_them_with_an_audit_event(demo: str) -> None:
    verified = Organisation.objects.exclude(verified_at=None)
    assert 0 < verified.count() < Organisation.objects.count()
    assert set(verified.values_list("verified_by_name", flat=True)) == {"Jo Fletcher"}
    assert AuditEvent.objects.filter(action="organisation_verified").count() == verified.count()


def test_demo_accounts_have_something_to_see(demo: str) -> None:
    assert Membership.objects.filter(user__email=MEMBER_EMAIL).exists()
    assert JoinRequest.objects.filter(user__email=MEMBER_EMAIL, status="pending").exists()
    organiser_org = Organisation.objects.get(
        memberships__user__email=ORGANISER_EMAIL, memberships__role=Role.OWNER
    )
    assert JoinRequest.objects.filter(organisation=organiser_org, status="pending").count() == 2
