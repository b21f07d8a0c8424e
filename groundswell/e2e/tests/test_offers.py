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


@pytest.mark.parametrize("width_name", ["phone", "desktop"])
def test_a_new_member_looks_round_every_offers_page(
    browsing_factory: Any, moderator: Any, width_name: str
) -> None:
    """The pages as a new member sees them, at 390 and 1280 px: the form (empty and with
    errors), a need's page, "My offers and needs", a helper's page with thanks shown, and the
    moderators' "needs waiting for help" screen. Screenshots for a person to look at."""
    from django.utils import timezone

    from groundswell.e2e.tests.conftest import DESKTOP
    from groundswell.e2e.tests.test_trust_safety import log_in_with_mfa
    from groundswell.offers import services
    from groundswell.offers.models import Offer

    viewport = MOBILE if width_name == "phone" else DESKTOP
    england = PlaceFactory.create(name="England", slug="england")
    levenshulme = PlaceFactory.create(
        name="Levenshulme", slug="levenshulme", level="neighbourhood", parent=england
    )
    walking = TopicFactory.create(name="Physical activity", slug="physical-activity")
    asker = UserFactory.create(display_name="Olu Adeyemi")
    helper_person = UserFactory.create(display_name="Mina Patel")
    newcomer = UserFactory.create(display_name="Nia Newcomer")

    def post(author: Any, **values: Any) -> Offer:
        data = services.OfferInput(
            **{
                "side": "need",
                "category": "company",
                "title": "Someone to walk with after my knee operation",
                "body": "Short, slow walks to build my confidence back up.",
                "place": levenshulme,
                "topics": [walking],
                "days": 0b10,
                "times": 0b1,
                "travel_km": 2,
                **values,
            }
        )
        return services.offer_create(author=author, data=data)

    need = post(asker)
    post(
        helper_person,
        side="offer",
        category="skills",
        title="Help filling in benefit forms",
        body="I used to work at Citizens Advice. Happy to sit with you and go through them.",
        days=0,
        times=0,
    )
    reply = services.response_create(
        post=need, helper=helper_person, message="I walk round the park most Tuesday mornings."
    )
    services.offer_mark_done(
        post=need, actor=asker, thanks="Mina got me walking again. Thank you!", response=reply
    )
    services.thanks_set_shown(post=need, helper=helper_person, shown=True)
    waiting = post(newcomer, title="A lift to the eye clinic on Thursdays", category="lifts")
    Offer.objects.filter(pk=waiting.pk).update(surfaced_at=timezone.now())

    b = browsing_factory(viewport)
    b.log_in(newcomer)
    p = b.new_page()
    p.goto(b.url("/offers-and-needs/new/?side=offer"))
    expect(p.get_by_role("heading", name="Offer or ask for something", level=1)).to_be_visible()
    shot(p, f"form-{width_name}")
    p.get_by_label("Title").fill("Gardening help")
    p.get_by_role("button", name="Post it").click()
    expect(p.get_by_text("Say a little more").first).to_be_visible()
    expect(p.get_by_label("Title")).to_have_value("Gardening help")
    shot(p, f"form-errors-{width_name}")
    p.goto(b.url(f"/offers-and-needs/{waiting.pk}/"))
    expect(p.get_by_role("heading", name="A lift to the eye clinic on Thursdays")).to_be_visible()
    shot(p, f"detail-own-{width_name}")
    p.goto(b.url(f"/offers-and-needs/{need.pk}/"))
    shot(p, f"detail-done-{width_name}")
    p.goto(b.url("/offers-and-needs/mine/"))
    expect(p.get_by_text("A lift to the eye clinic on Thursdays").first).to_be_visible()
    shot(p, f"mine-{width_name}")
    p.goto(b.url(f"/offers-and-needs/people/{helper_person.handle}/"))
    expect(p.get_by_text("Mina got me walking again. Thank you!")).to_be_visible()
    shot(p, f"person-thanks-{width_name}")
    p.goto(b.url("/offers-and-needs/"))
    shot(p, f"list-newcomer-{width_name}")

    staff = browsing_factory(viewport)
    log_in_with_mfa(staff, moderator)
    s = staff.new_page()
    s.goto(staff.url("/offers-and-needs/waiting/"))
    expect(s.get_by_text("A lift to the eye clinic on Thursdays")).to_be_visible()
    shot(s, f"waiting-{width_name}")
