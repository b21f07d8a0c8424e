"""Introductions in a browser: a member introduces two of their connections from one's profile,
both accept on their phones and desktops, and they end up connected with a conversation that
opens with the note. Screenshots go to artifacts/screenshots/introductions-*.png."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from groundswell.accounts.models import Profile, User
from groundswell.core.testing.factories import UserFactory
from groundswell.e2e.tests.conftest import MOBILE, save_screenshot
from groundswell.follows.models import Connection, ConnectionStatus
from groundswell.follows.selectors import are_connected
from groundswell.introductions.models import Introduction

pytestmark = pytest.mark.browser

NOTE = "You both want to start a carers' walking group in Levenshulme."


def shot(page: Page, name: str) -> None:
    save_screenshot(page, f"introductions-{name}")


def connect(a: User, b: User) -> None:
    low, high = sorted((a, b), key=lambda u: u.pk)
    Connection.objects.create(
        user_low=low, user_high=high, requested_by=a, status=ConnectionStatus.ACCEPTED
    )


def test_a_member_introduces_two_connections_who_both_accept(browsing_factory: Any) -> None:
    nia = UserFactory(display_name="Nia Introducer")
    amara = UserFactory(display_name="Amara Okafor")
    bea = UserFactory(display_name="Bea Jones")
    Profile.objects.filter(user=amara).update(bio="Carer, walker, tea drinker.")
    connect(nia, amara)
    connect(nia, bea)

    n = browsing_factory()
    n.log_in(nia)
    page = n.new_page()
    page.goto(n.url(f"/members/{amara.handle}/"))
    page.get_by_role("link", name="Introduce Amara Okafor to someone").click()
    expect(page.get_by_role("heading", name="Introduce two people", level=1)).to_be_visible()
    expect(page.get_by_label("Who are you introducing?")).to_have_value(amara.handle)
    # Nothing chosen: errors at the top and by the field, and what was typed stays.
    page.get_by_label("Your note to both of them").fill(NOTE)
    page.get_by_role("button", name="Send introduction").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_label("Your note to both of them")).to_have_value(NOTE)
    shot(page, "form-error")
    page.get_by_label("Introduce them to one of your connections").select_option(bea.handle)
    page.get_by_role("button", name="Send introduction").click()
    expect(
        page.get_by_role("heading", name="You introduced Amara Okafor and Bea Jones", level=1)
    ).to_be_visible()
    expect(page.locator(".intro-status")).to_have_text("Waiting for answers")
    shot(page, "made")
    intro = Introduction.objects.get()

    a = browsing_factory(MOBILE)
    a.log_in(amara)
    a_page = a.new_page()
    a_page.goto(a.url("/introductions/"))
    a_page.get_by_role("link", name="Nia Introducer introduced you to Bea Jones").click()
    expect(a_page.get_by_text(NOTE)).to_be_visible()
    shot(a_page, "to-answer-phone")
    a_page.get_by_role("button", name="Accept").click()
    expect(a_page.get_by_text("We'll tell you when the other side answers.")).to_be_visible()

    b = browsing_factory()
    b.log_in(bea)
    b_page = b.new_page()
    b_page.goto(b.url(f"/introductions/{intro.pk}/"))
    b_page.get_by_role("button", name="Accept").click()
    expect(b_page.get_by_text("You both accepted: you are connected now.")).to_be_visible()
    expect(b_page.locator(".intro-status")).to_have_text("Went ahead")
    shot(b_page, "went-ahead")
    b_page.get_by_role("link", name="Go to your conversation").click()
    expect(b_page.get_by_text(NOTE)).to_be_visible()
    shot(b_page, "conversation")

    assert are_connected(amara, bea)
    page.reload()
    expect(page.locator(".intro-status")).to_have_text("Went ahead")
