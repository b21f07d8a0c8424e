"""Your consents: what, when, which notice; withdraw in one click."""

from __future__ import annotations

import pytest
from django.urls import reverse

from groundswell.privacy.tests.factories import write_story
from groundswell.stories.models import ConsentAction, Status, Story, StoryConsent

pytestmark = pytest.mark.django_db


def test_page_lists_every_consent_with_what_when_and_version(owner, client_for, settings):
    settings.CONSENT_NOTICE_VERSION = "2026-test-v9"
    write_story(
        owner,
        title="Shared with members",
        audience="members",
        identity="pseudonym",
        pseudonym="Kestrel",
    )
    gone = write_story(owner, title="Taken back")
    from groundswell.stories import services as story_services

    story_services.story_withdraw(story=gone, actor=owner)
    html = client_for(owner).get(reverse("privacy:consents")).content.decode()
    assert "Shared with members" in html and "Taken back" in html
    assert html.count("2026-test-v9") >= 3
    assert "Consent given" in html and "Consent withdrawn" in html
    assert "Signed-in members only" in html and "shown under a pseudonym" in html
    assert "the pseudonym &quot;Kestrel&quot;" in html  # the exact words agreed to
    # Only the published story offers a withdraw button.
    assert html.count('class="button button-small button-warning"') == 1


def test_one_click_withdraw_unpublishes_and_records_it(
    owner, member, client_for, django_capture_on_commit_callbacks
):
    story = write_story(owner, title="Please take this down")
    client = client_for(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("privacy:consent_withdraw", args=[story.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("privacy:consents")
    story.refresh_from_db()
    assert story.status == Status.WITHDRAWN
    record = StoryConsent.objects.filter(story=story).first()
    assert record is not None and record.action == ConsentAction.WITHDRAWN
    assert "no longer visible" in client.get(reverse("privacy:consents")).content.decode()
    assert client_for(member).get(reverse("stories:detail", args=[story.pk])).status_code == 404
    assert "Please take this down" not in client_for(member).get("/").content.decode()


def test_withdrawing_twice_changes_nothing(owner, client_for):
    story = write_story(owner)
    client = client_for(owner)
    client.post(reverse("privacy:consent_withdraw", args=[story.pk]))
    client.post(reverse("privacy:consent_withdraw", args=[story.pk]))
    assert StoryConsent.objects.filter(story=story, action=ConsentAction.WITHDRAWN).count() == 1


def test_nobody_can_withdraw_someone_elses_story(owner, member, moderator, admin_user, client_for):
    story = write_story(owner)
    for person in (member, moderator, admin_user):
        assert (
            client_for(person)
            .post(reverse("privacy:consent_withdraw", args=[story.pk]))
            .status_code
            == 404
        )
    assert Story.objects.get(pk=story.pk).status == Status.PUBLISHED


def test_withdraw_needs_a_post(owner, client_for):
    story = write_story(owner)
    assert (
        client_for(owner).get(reverse("privacy:consent_withdraw", args=[story.pk])).status_code
        == 405
    )
