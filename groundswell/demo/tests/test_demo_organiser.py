"""The demo organiser has real work on their staff screens (groundswell/demo/organiser.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from groundswell.accounts.models import SiteRole, User
from groundswell.core.testing.factories import UserFactory
from groundswell.demo.organiser import HELPLINE_NAME, WAITING_NAME, load_organiser_work
from groundswell.moderation.testing import give_totp
from groundswell.places.management.commands.seed_places import seed_places
from groundswell.safeguarding.helplines import helplines_for


@pytest.fixture
def demo(db: None, django_capture_on_commit_callbacks) -> tuple[User, dict]:
    places = seed_places().by_name
    organiser = UserFactory(
        username="demo-organiser",
        email="organiser@demo.groundswell.local",
        display_name="Ruth Adebayo",
        site_role=SiteRole.ORGANISER,
    )
    give_totp(organiser)
    admin = UserFactory(username="demo-admin", site_role=SiteRole.ADMIN, is_superuser=True)
    owner = UserFactory(username="demo-member", display_name="Denise Clarke")
    said: list[str] = []
    with django_capture_on_commit_callbacks(execute=True):
        load_organiser_work(
            organiser=organiser, places=places, owner=owner, admin=admin, say=said.append
        )
    assert said and WAITING_NAME in said[0]
    return User.objects.get(pk=organiser.pk), places


def test_the_organiser_sees_their_places(client_for, demo) -> None:
    organiser, _ = demo
    page = client_for(organiser).get(reverse("staff_places:list")).content.decode()
    for name in ("Levenshulme", "Wythenshawe", "Moss Side", "Hulme"):
        assert name in page
    assert "Leeds" not in page and "Manchester</a>" not in page


def test_the_organiser_has_an_organisation_to_verify(client_for, demo) -> None:
    organiser, _ = demo
    client = client_for(organiser)
    page = client.get(reverse("organisations:to_verify")).content.decode()
    assert WAITING_NAME in page
    assert "To mark an organisation verified" not in page  # they may verify it


def test_the_organiser_has_a_local_help_line(client_for, demo) -> None:
    organiser, places = demo
    page = client_for(organiser).get(reverse("staff_helplines:list")).content.decode()
    assert HELPLINE_NAME in page
    assert HELPLINE_NAME in [line.name for line in helplines_for(places["Wythenshawe"].pk)]


def test_the_organiser_was_told_about_their_places(demo) -> None:
    from groundswell.notifications.models import Notification

    organiser, _ = demo
    assert Notification.objects.filter(
        recipient=organiser, type_key="organiser_places_changed"
    ).exists()
