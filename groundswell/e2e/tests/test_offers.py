"""Offers and needs in a browser: a member posts a need, another says "I can help" and they talk
in messages, the poster marks it matched and then done with a thank-you, and the helper shows the
thanks on their offers page. Screenshots (phone and desktop) go to
artifacts/screenshots/offers-*.png."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from groundswell.core.testing.factories import PlaceFactory, TopicFactory, UserFactory
from groundswell.e2e.tests.conftest import MOBILE, save_screenshot

pytestmark = pytest.mark.browser


def shot(page: Page, name: str) -> None:
    save_screenshot(page, f"offers-{name}")


def test_a_need_gets_help_a_conversation_and_thanks(browsing_factory: Any) -> None:
    england = PlaceFactory.create(name="England", slug="england")
    PlaceFactory.create(
        name="Levenshulme", slug="levenshulme", level="neighbourhood", parent=england
    )
    TopicFactory.create(name="Physical activity", slug="physical-activity")
    olu = UserFactory.create(display_name="Olu Adeyemi")
    mina = UserFactory.create(display_name="Mina Patel")

    # Olu asks for company on walks, on a phone.
    poster = browsing_factory(MOBILE)
    poster.log_in(olu)
    p = poster.new_page()
    p.goto(poster.url("/offers-and-needs/new/?side=need"))
    expect(p.get_by_role("heading", name="Offer or ask for something", level=1)).to_be_visible()
    p.get_by_role("button", name="Post it").click()  # empty: errors, summarised at the top
    expect(p.get_by_text("Give it a short title.").first).to_be_visible()
    shot(p, "form-errors-phone")
    p.get_by_label("What kind of help?").select_option("company")
    p.get_by_label("Title").fill("Someone to walk with after my knee operation")
    p.get_by_label("Details").fill("Short, slow walks to build my confidence back up.")
    p.get_by_label("Physical activity").check()
    p.get_by_label("Where?").select_option(label="Levenshulme (neighbourhood)")
    p.get_by_label("Tuesdays").check()
    p.get_by_label("Mornings").check()
    p.get_by_label("How far can you travel, in kilometres?").fill("2")
    p.get_by_role("button", name="Post it").click()
    expect(p.get_by_text("Your need is posted.")).to_be_visible()
    need_url = p.url
    shot(p, "need-phone")

    # Mina finds it in the list and says she can help: a conversation starts.
    helper = browsing_factory()
    helper.log_in(mina)
    h = helper.new_page()
    h.goto(helper.url("/offers-and-needs/?side=need"))
    shot(h, "list-desktop")
    h.get_by_role("link", name="Someone to walk with after my knee operation").click()
    h.get_by_role("link", name="I can help").click()
    h.get_by_label("Your message").fill("I walk round the park most Tuesday mornings.")
    h.get_by_role("button", name="Send").click()
    expect(h.get_by_text("I walk round the park most Tuesday mornings.")).to_be_visible()
    shot(h, "conversation-desktop")

    # Olu sees the reply, marks it matched, then done with a thank-you.
    p.goto(need_url)
    expect(p.get_by_text("Mina Patel").first).to_be_visible()
    p.get_by_label("Mina Patel").check()
    p.get_by_role("button", name="Mark as matched").click()
    expect(p.get_by_text("Marked as matched.")).to_be_visible()
    p.get_by_role("link", name="Mark as done").click()
    p.get_by_label("A thank-you").fill("Mina got me walking again. Thank you!")
    p.get_by_role("button", name="Mark as done").click()
    expect(p.get_by_text("Marked as done.")).to_be_visible()

    # Mina chooses to show the thanks; it is on her offers page.
    h.goto(need_url)
    expect(h.get_by_role("heading", name="A thank-you to you")).to_be_visible()
    h.get_by_role("button", name="Show it on my offers page").click()
    expect(h.get_by_text("The thank-you now shows on your offers page.")).to_be_visible()
    h.goto(helper.url(f"/offers-and-needs/people/{mina.handle}/"))
    expect(h.get_by_text("Mina got me walking again. Thank you!")).to_be_visible()
    shot(h, "thanks-desktop")
