from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from groundswell.accounts.models import User
from groundswell.core.testing.factories import UserFactory
from groundswell.notifications.models import Notification
from groundswell.offers import services
from groundswell.offers.models import Offer
from groundswell.organisations.models import Membership, Organisation, Role
from groundswell.places.models import OrganiserPlace, Place
from groundswell.topics.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_need(need: Offer) -> Offer:
    Offer.objects.filter(pk=need.pk).update(created_at=timezone.now() - dt.timedelta(days=8))
    return need


@pytest.fixture
def watchers(
    organiser: User, places: dict[str, Place], topics: dict[str, Topic]
) -> dict[str, User]:
    OrganiserPlace.objects.create(user=organiser, place=places["manchester"])
    far = UserFactory.create(username="farorganiser")
    OrganiserPlace.objects.create(user=far, place=places["cardiff"])
    org = Organisation.objects.create(name="Walkers", slug="walkers", kind="community_group")
    org.topics.set([topics["walking"]])
    org_admin = UserFactory.create(username="walkadmin")
    Membership.objects.create(organisation=org, user=org_admin, role=Role.ADMIN)
    other = Organisation.objects.create(name="Cooks", slug="cooks", kind="community_group")
    other.topics.set([topics["food"]])
    cook = UserFactory.create(username="cook")
    Membership.objects.create(organisation=other, user=cook, role=Role.OWNER)
    return {"organiser": organiser, "far": far, "org_admin": org_admin, "cook": cook}


def _told() -> set[str]:
    return {
        n.recipient.username
        for n in Notification.objects.filter(type_key="need_waiting").select_related("recipient")
    }


def test_a_need_waiting_n_days_is_surfaced_to_organisers_and_organisations(
    old_need: Offer, watchers: dict[str, User]
) -> None:
    summary = services.needs_surface_unanswered()
    assert summary == {"surfaced": 1, "told": 2}
    assert _told() == {"organiser", "walkadmin"}
    old_need.refresh_from_db()
    assert old_need.surfaced_at is not None


def test_the_job_is_idempotent(old_need: Offer, watchers: dict[str, User]) -> None:
    services.needs_surface_unanswered()
    assert services.needs_surface_unanswered() == {"surfaced": 0, "told": 0}
    assert Notification.objects.filter(type_key="need_waiting").count() == 2


def test_a_need_someone_answered_is_not_surfaced(
    old_need: Offer, watchers: dict[str, User], member: User
) -> None:
    services.response_create(post=old_need, helper=member, message="I can help")
    assert services.needs_surface_unanswered()["surfaced"] == 0


def test_a_young_need_waits(need: Offer, watchers: dict[str, User], settings: Any) -> None:
    settings.OFFERS_UNANSWERED_DAYS = 7
    assert services.needs_surface_unanswered()["surfaced"] == 0
    settings.OFFERS_UNANSWERED_DAYS = 0
    assert services.needs_surface_unanswered()["surfaced"] == 1


def test_run_scheduled_runs_the_job(old_need: Offer, watchers: dict[str, User]) -> None:
    call_command("run_scheduled", "--once", "--job", "offers.unanswered_needs")
    old_need.refresh_from_db()
    assert old_need.surfaced_at is not None
