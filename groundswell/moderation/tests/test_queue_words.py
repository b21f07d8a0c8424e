"""The moderation queue in plain words at 0 and 1, and the open safeguarding alerts counted in the
moderators' navigation."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from groundswell.core.testing.factories import StoryFactory, UserFactory
from groundswell.safeguarding import services as safeguarding_services
from groundswell.stories import services as story_services

pytestmark = pytest.mark.django_db


def test_an_empty_queue_says_nothing_is_waiting(
    client_for, moderator, django_assert_max_num_queries
):
    client = client_for(moderator)
    with django_assert_max_num_queries(25):
        html = client.get(reverse("moderation:queue")).text
    assert "Nothing waiting. Reports, held posts and appeals will appear here." in html
    assert not re.search(r"\b0 about 0\b|\b0 items?\b|\b0 reports?\b", html)
    assert "No open reports. When members report a post or a profile" in html


def test_one_report_about_one_item_reads_in_the_singular(client_for, moderator, story, member):
    story_services.report_create(reporter=member, reason="spam", story=story)
    html = client_for(moderator).get(reverse("moderation:queue")).text
    assert "1 report about 1 item" in html
    assert "1 report from 1 member" in html
    assert "Nothing waiting" not in html


def test_two_reports_about_one_item_from_two_members(client_for, moderator, story):
    for reporter in UserFactory.create_batch(2):
        story_services.report_create(reporter=reporter, reason="harmful", story=story)
    html = client_for(moderator).get(reverse("moderation:queue")).text
    assert "2 reports about 1 item" in html and "2 reports from 2 members" in html


def test_filters_that_match_nothing_offer_the_whole_queue(client_for, moderator):
    html = client_for(moderator).get(reverse("moderation:queue"), {"reason": "spam"}).text
    assert "No open reports match these filters." in html
    assert "Show every open report" in html


def test_safeguarding_alerts_are_in_the_moderation_navigation_with_the_open_count(
    client_for, moderator, owner
):
    nav = r'<nav aria-label="Moderation".*?</nav>'
    html = client_for(moderator).get(reverse("moderation:queue")).text
    menu = re.search(nav, html, re.S)
    assert menu is not None and reverse("safeguarding:alerts") in menu.group(0)
    assert "count-badge" not in menu.group(0)  # nothing open, no badge

    safeguarding_services.alert_raise(
        content=StoryFactory(author=owner), text="I want to end my life tonight"
    )
    html = client_for(moderator).get(reverse("moderation:queue")).text
    menu = re.search(nav, html, re.S)
    assert menu is not None
    assert re.search(
        r'Safeguarding alerts <span class="count-badge" data-count="1">1'
        r'<span class="visually-hidden"> waiting</span>',
        menu.group(0),
    )


def test_the_folded_phone_menu_says_how_many_things_wait_behind_it(client_for, moderator, owner):
    """Under 60rem the staff screens fold into a disclosure; its summary carries the total, so an
    open alert isn't hidden behind a closed menu."""
    summary = r"<summary>Moderation menu(.*?)</summary>"
    html = client_for(moderator).get(reverse("moderation:queue")).text
    found = re.search(summary, html, re.S)
    assert found is not None and "count-badge" not in found.group(1)

    safeguarding_services.alert_raise(
        content=StoryFactory(author=owner), text="I want to end my life tonight"
    )
    html = client_for(moderator).get(reverse("moderation:queue")).text
    found = re.search(summary, html, re.S)
    assert found is not None
    assert 'data-count="1">1<span class="visually-hidden"> waiting</span>' in found.group(1)
