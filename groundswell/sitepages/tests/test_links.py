"""The guidelines and the privacy notice are linked where people need them: when they join,
report something, hide something (moderators) and appeal."""

from __future__ import annotations

import pytest
from django.urls import reverse

from groundswell.core.testing.factories import StoryFactory
from groundswell.moderation import services as moderation_services

pytestmark = pytest.mark.django_db

GUIDELINES = 'href="/pages/guidelines/"'


def test_sign_up_links_the_privacy_notice_and_the_guidelines(client):
    html = client.get(reverse("account_signup")).text
    assert 'href="/pages/privacy/"' in html
    assert GUIDELINES in html


def test_the_report_form_links_the_guidelines(client_for, member, owner):
    story = StoryFactory.create(author=owner)
    html = client_for(member).get(reverse("stories:report", args=[story.pk])).text
    assert GUIDELINES in html


def test_the_hide_form_links_the_guidelines_it_asks_for(client_for, moderator, owner):
    story = StoryFactory.create(author=owner)
    client = client_for(moderator)
    for url in (
        reverse("moderation:story", args=[story.pk]),
        reverse("moderation:story_hide", args=[story.pk]),
    ):
        html = client.get(url).text
        assert "Say which community guideline it breaks" in html
        assert f"{GUIDELINES}>Read the community guidelines</a>" in html


def test_the_appeal_form_links_the_guidelines(client_for, moderator, owner):
    story = StoryFactory.create(author=owner)
    moderation_services.item_hide(item=story, actor=moderator, reason="Guideline 3")
    html = client_for(owner).get(reverse("moderation:appeal_story", args=[story.pk])).text
    assert GUIDELINES in html
