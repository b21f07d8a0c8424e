"""SITE_URL: every absolute link in emails and Atom feeds starts with the site's real address,
never django.contrib.sites' example.com or whatever Host header a request sent."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from groundswell.core.testing.factories import PlaceFactory, StoryFactory, TopicFactory
from groundswell.core.urls import absolute_url
from groundswell.stories import services as story_services
from groundswell.stories.models import Status

SITE = "https://groundswell.example.org"


def test_absolute_url_puts_a_path_on_site_url(settings) -> None:
    settings.SITE_URL = SITE
    assert absolute_url("/stories/5/") == f"{SITE}/stories/5/"
    assert absolute_url("stories/5/") == f"{SITE}/stories/5/"
    assert absolute_url("https://elsewhere.test/x") == "https://elsewhere.test/x"


def test_absolute_url_ignores_a_trailing_slash_on_site_url(settings) -> None:
    settings.SITE_URL = SITE + "/"
    assert absolute_url("/notifications/") == f"{SITE}/notifications/"


def test_site_url_defaults_to_the_local_address() -> None:
    from config import settings as config_settings

    assert config_settings.SITE_URL == "http://127.0.0.1:8000"


@pytest.mark.django_db
@pytest.mark.parametrize("feed", ["site", "topic", "place"])
def test_every_link_in_an_atom_feed_uses_site_url(client, settings, feed) -> None:
    settings.SITE_URL = SITE
    settings.PAGE_CACHE_SECONDS = 0
    topic, place = TopicFactory(), PlaceFactory()
    story = StoryFactory(place=place)
    story.topics.set([topic])
    url = {
        "site": reverse("stories:feed_site"),
        "topic": reverse("topics:feed", args=[topic.slug]),
        "place": reverse("places:feed", args=[place.slug]),
    }[feed]
    body = client.get(url, HTTP_HOST="localhost").content.decode()
    assert "example.com" not in body
    assert "http://localhost" not in body
    assert f'href="{SITE}{reverse("stories:detail", args=[story.pk])}"' in body
    assert f'href="{SITE}{url}"' in body  # the feed's own address (rel="self")


@pytest.mark.django_db
def test_the_safeguarding_alert_email_links_to_site_url(
    settings, owner, moderator, django_capture_on_commit_callbacks
) -> None:
    settings.SITE_URL = SITE
    story = StoryFactory(
        author=owner,
        status=Status.DRAFT,
        published_at=None,
        body="Some nights I just want to die, and nobody answers.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        story_services.story_publish(story=story, actor=owner, consented=True)
    assert [m.to[0] for m in mail.outbox] == [moderator.email]
    assert f"{SITE}{reverse('safeguarding:alerts')}" in mail.outbox[0].body
    assert "example.com" not in mail.outbox[0].body
