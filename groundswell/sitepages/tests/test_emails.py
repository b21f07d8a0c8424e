"""Emails, feeds and exports say the site's name as the administrators set it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from groundswell.organisations import services as org_services
from groundswell.organisations.models import Role
from groundswell.privacy.export_builder import _readme
from groundswell.safeguarding.tasks import email_moderators_about_alert
from groundswell.sitepages import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def renamed(admin_user):
    services.site_identity_save(
        name="Riverside Health",
        tagline="",
        brand="#176b87",
        brand_dark="#0e4a60",
        actor=admin_user,
    )


def test_organisation_invitation_says_the_sites_name(
    renamed, owner, django_capture_on_commit_callbacks
):
    org = org_services.organisation_create(
        creator=owner,
        data=org_services.OrganisationInput(
            name="Wharf Walkers", kind="community_group", description="Walks by the river."
        ),
    )
    with django_capture_on_commit_callbacks(execute=True):
        org_services.invitation_create(
            org=org, actor=owner, email="new@example.org", role=Role.MEMBER, accept_url=str
        )
    (message,) = mail.outbox
    assert message.subject.startswith("[Riverside Health] ")
    assert "on Riverside Health" in message.body
    assert "Groundswell" not in f"{message.subject} {message.body}"


def test_safeguarding_email_says_the_sites_name(renamed, moderator):
    from groundswell.core.testing.factories import StoryFactory
    from groundswell.safeguarding.services import alert_raise

    story = StoryFactory.create()
    alert = alert_raise(content=story, text="I want to die")
    assert alert is not None
    mail.outbox.clear()
    email_moderators_about_alert.call(alert.pk)
    assert mail.outbox
    assert all(m.subject.startswith("[Riverside Health] ") for m in mail.outbox)


def test_export_readme_and_feed_title_say_the_sites_name(renamed, client):
    assert _readme([], generated_at=timezone.localtime()).startswith(
        "Your data from Riverside Health"
    )
    feed = client.get(reverse("stories:feed_site")).text
    assert "<title>Riverside Health: latest stories, ideas and resources</title>" in feed


def test_every_email_is_from_the_site_under_its_current_name(renamed, settings, moderator):
    from allauth.account.adapter import get_adapter

    from groundswell.core.testing.factories import StoryFactory
    from groundswell.safeguarding.services import alert_raise
    from groundswell.sitepages.identity import from_email

    settings.DEFAULT_FROM_EMAIL = "Groundswell <no-reply@health.example>"
    assert from_email() == "Riverside Health <no-reply@health.example>"
    assert get_adapter().get_from_email() == from_email()
    alert = alert_raise(content=StoryFactory.create(), text="I want to die")
    assert alert is not None
    mail.outbox.clear()
    email_moderators_about_alert.call(alert.pk)
    assert mail.outbox
    assert {m.from_email for m in mail.outbox} == {"Riverside Health <no-reply@health.example>"}
