"""The community asset list in a real browser: a member adds a listing (and fixes a bad row of
opening times without losing what they typed), finds it with the filters, another member claims
it, an organiser accepts the claim, and the new owner confirms it is still correct. Then every
assets page at phone width, for a person to look at."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from groundswell.assets import services
from groundswell.assets.models import Asset, AssetKind, Audience, ShownAs
from groundswell.core.testing.factories import TopicFactory, UserFactory
from groundswell.e2e.tests.conftest import DESKTOP, MOBILE, save_screenshot
from groundswell.e2e.tests.test_trust_safety import log_in_with_mfa
from groundswell.places.testing import make_organiser, make_tree

pytestmark = pytest.mark.browser


def shots(page: Page, name: str) -> None:
    """The page at a phone's width and a laptop's, then back to the width it had."""
    before = page.viewport_size or DESKTOP
    for label, size in (("390", MOBILE), ("1280", DESKTOP)):
        page.set_viewport_size(size)
        save_screenshot(page, f"assets-{name}-{label}")
    page.set_viewport_size(before)


def no_horizontal_scroll(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_add_find_claim_accept_and_confirm_a_listing(browsing_factory: Any, db: None) -> None:
    tree = make_tree()
    TopicFactory.create(name="Loneliness", slug="loneliness")
    adder = UserFactory.create(display_name="Asha Adder")
    claimer = UserFactory.create(display_name="Cal Claimer")
    organiser = make_organiser("ola_organiser", tree.yorkshire)

    # 1. A member adds a listing; the first try has a row of opening times that closes before
    # it opens.
    first = browsing_factory(MOBILE)
    first.log_in(adder)
    page = first.new_page()
    page.goto(first.url("/assets/"))
    page.get_by_role("link", name="Add a listing").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a listing")
    page.get_by_label("What kind is it?").select_option(AssetKind.SPACE.value)
    page.get_by_label("Name", exact=True).fill("Harehills Warm Room")
    page.get_by_label("What it is").fill("A warm room with tea and company, Tuesdays.")
    page.get_by_label("Place", exact=True).select_option(str(tree.leeds.pk))
    page.get_by_label("Loneliness").check()
    page.get_by_label("Phone").fill("0113 496 0000")
    page.locator("#id_times-0-weekday").select_option("1")
    page.locator("#id_times-0-opens").fill("14:00")
    page.locator("#id_times-0-closes").fill("12:00")
    page.locator("#id_times-0-note").fill("Term time")
    page.get_by_role("button", name="Add listing").click()

    expect(page.get_by_role("alert").first).to_be_visible()
    row = page.locator("#times-row-1")
    expect(row).to_contain_text("The closing time must be after the opening time.")
    # What they typed is kept.
    expect(page.get_by_label("Name", exact=True)).to_have_value("Harehills Warm Room")
    expect(page.locator("#id_times-0-opens")).to_have_value("14:00")
    expect(page.locator("#id_times-0-note")).to_have_value("Term time")
    assert no_horizontal_scroll(page)
    shots(page, "add-row-error")
    assert not Asset.objects.exists()

    page.locator("#id_times-0-closes").fill("16:30")
    page.get_by_role("button", name="Add listing").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Harehills Warm Room")
    expect(page.locator("main")).to_contain_text("Tuesday 14:00–16:30 (Term time)")
    assert Asset.objects.count() == 1
    asset = Asset.objects.get()

    # 2. It is in the list, and the filters find it (and leave it out when they should).
    page.goto(first.url("/assets/"))
    page.get_by_label("Kind").select_option(AssetKind.SPACE.value)
    page.get_by_label("Open", exact=True).select_option("1")
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_role("link", name="Harehills Warm Room")).to_be_visible()
    shots(page, "list-filtered")
    page.get_by_label("Kind").select_option(AssetKind.ECONOMY.value)
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_role("link", name="Harehills Warm Room")).to_have_count(0)
    expect(page.get_by_role("status")).to_contain_text("Nothing matches yet")

    # 3. Another member asks to look after it.
    second = browsing_factory(DESKTOP)
    second.log_in(claimer)
    claim_page = second.new_page()
    claim_page.goto(second.url(f"/assets/{asset.slug}/"))
    claim_page.get_by_role("link", name="Is this yours? Claim this listing").click()
    claim_page.get_by_role("button", name="Send my claim").click()
    expect(claim_page.locator("main")).to_contain_text("Say how you are connected to it")
    claim_page.get_by_label("How are you connected to it?").fill(
        "I run the warm room for the tenants' association."
    )
    claim_page.get_by_role("button", name="Send my claim").click()
    expect(claim_page.locator("main")).to_contain_text("You asked to look after this listing")

    # 4. An organiser of the place accepts it on the staff screen (two-step session).
    third = browsing_factory(DESKTOP)
    log_in_with_mfa(third, organiser)
    staff = third.new_page()
    staff.goto(third.url("/assets/claims/"))
    card = staff.locator("article.card", has_text="Harehills Warm Room")
    expect(card).to_contain_text("Cal Claimer")
    expect(card).to_contain_text("tenants' association")
    shots(staff, "claims")
    card.get_by_role("button", name="Accept").click()
    expect(staff.locator("main")).to_contain_text("Claim accepted.")
    expect(staff.locator("main")).to_contain_text("No claims are waiting")
    asset.refresh_from_db()
    assert asset.owner_id == claimer.pk

    # 5. Months later, the new owner confirms the details are still right.
    long_ago = timezone.now() - dt.timedelta(days=400)
    Asset.objects.filter(pk=asset.pk).update(created_at=long_ago, last_reviewed_at=None)
    claim_page.goto(second.url(f"/assets/{asset.slug}/"))
    main = claim_page.locator("main")
    expect(main).to_contain_text(f"Last checked {long_ago:%-d %B %Y}")
    expect(main).to_contain_text("This may be out of date")
    claim_page.get_by_role("button", name="Still correct").click()
    today = timezone.localdate()
    expect(main).to_contain_text(f"Last checked {today:%-d %B %Y}")
    expect(main).not_to_contain_text("This may be out of date")
    shots(claim_page, "detail-owner")
    claim_page.goto(second.url("/assets/mine/"))
    expect(claim_page.get_by_role("link", name="Harehills Warm Room")).to_be_visible()


def _listing(tree: Any, actor: Any, kind: str, name: str, **extra: Any) -> Asset:
    data = services.AssetInput(
        kind=kind,
        name=name,
        description=f"{name}: open to everyone, with tea, a warm welcome and a quiet corner.",
        place=tree.leeds,
        contact_email="hello@example.org",
        website="https://example.org",
        accessibility="Step-free entrance. Hearing loop at the desk.",
        location=services.LocationInput(
            name="Community Hall", address_1="1 Roundhay Road", city="Leeds", postcode="LS8 5AJ"
        ),
        opening_times=[
            services.OpeningTimeInput(weekday=0, opens=dt.time(9, 30), closes=dt.time(12)),
            services.OpeningTimeInput(weekday=3, opens=dt.time(13), closes=dt.time(16)),
        ],
        **extra,
    )
    return services.asset_create(actor=actor, data=data, check_limit=False)


def test_every_assets_page_reads_well_at_phone_width(browsing_factory: Any, db: None) -> None:
    tree = make_tree()
    walking = TopicFactory.create(name="Walking", slug="walking")
    giver = UserFactory.create(display_name="Gwen Giver")
    reader = UserFactory.create(display_name="Rory Reader")
    organiser = make_organiser("ola_organiser", tree.yorkshire)
    names = {
        AssetKind.ASSOCIATION: "Roundhay Walking Group",
        AssetKind.INSTITUTION: "Harehills Health Centre",
        AssetKind.SPACE: "Chapeltown Community Garden",
        AssetKind.ECONOMY: "Fair Share Food Co-op",
        AssetKind.CULTURE: "Leeds West Indian Centre",
    }
    made = {
        kind: _listing(tree, reader, kind, name, topics=[walking]) for kind, name in names.items()
    }
    gift = services.asset_create(
        actor=giver,
        data=services.AssetInput(
            kind=AssetKind.GIFT,
            name="A friendly ear on the phone",
            description="I was a carer for ten years. Happy to listen, evenings.",
            place=tree.leeds,
            audience=Audience.MEMBERS,
            shown_as=ShownAs.NEIGHBOUR,
            consent=True,
            opening_times=[
                services.OpeningTimeInput(weekday=2, opens=dt.time(18), closes=dt.time(20))
            ],
        ),
        check_limit=False,
    )
    services.asset_claim_request(
        asset=made[AssetKind.SPACE],
        user=giver,
        organisation=None,
        message="I chair the garden's committee.",
    )

    browsing = browsing_factory(MOBILE)
    browsing.log_in(reader)
    page = browsing.new_page()

    def look(path: str, name: str) -> None:
        page.goto(browsing.url(path))
        assert no_horizontal_scroll(page), f"{path} scrolls sideways at 390 px"
        levels = [
            int(tag[1])
            for tag in page.locator("main h1, main h2, main h3").evaluate_all(
                "els => els.map(e => e.tagName)"
            )
        ]
        assert levels and levels[0] == 1, f"{path} starts with h{levels[:1]}"
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), (path, levels)
        save_screenshot(page, f"assets-{name}-390")

    look("/assets/", "list")
    for kind, asset in made.items():
        look(f"/assets/{asset.slug}/", f"detail-{kind}")
    look(f"/assets/{gift.slug}/", "detail-gift")
    expect(page.locator("main")).to_contain_text("Offered by a neighbour in Leeds")
    expect(page.locator("main")).not_to_contain_text("Gwen")
    page.get_by_role("link", name="Send a message").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Write to the person behind this gift"
    )
    save_screenshot(page, "assets-message-390")
    look("/assets/add/", "add")
    look("/assets/add/gift/", "gift")
    look(f"/assets/{made[AssetKind.SPACE].slug}/edit/", "edit")
    look("/assets/mine/", "mine")
    look("/assets/?q=zzzz", "list-empty")

    # The giver's own pages: the gift form's promise about names, and their empty-handed page.
    giver_browsing = browsing_factory(MOBILE)
    giver_browsing.log_in(giver)
    page = giver_browsing.new_page()
    browsing = giver_browsing
    look(f"/assets/{gift.slug}/edit/", "gift-edit")
    expect(page.locator("#gift-messages-name")).to_contain_text("Gwen Giver")

    newcomer = browsing_factory(MOBILE)
    newcomer.log_in(UserFactory.create(display_name="Nia Newcomer"))
    page = newcomer.new_page()
    browsing = newcomer
    look("/assets/mine/", "mine-empty")

    staff = browsing_factory(MOBILE)
    log_in_with_mfa(staff, organiser)
    page = staff.new_page()
    browsing = staff
    look("/assets/claims/", "claims")
    expect(page.locator("main")).to_contain_text("I chair the garden's committee.")
    assert re.search(r"Gwen Giver", page.locator("main").inner_text())
