"""The asset map in a real browser: a listing with a point shows on the map and in the list beside
it, nothing is asked of another site, and an organiser opens the gap view."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, Request, expect

from groundswell.accounts.models import User
from groundswell.assets.tests.test_map import make_asset
from groundswell.core.testing.factories import StoryFactory, TopicFactory
from groundswell.e2e.tests.conftest import DESKTOP, MOBILE, Browsing
from groundswell.e2e.tests.test_trust_safety import log_in_with_mfa
from groundswell.places.testing import make_organiser, make_tree
from groundswell.search import services as search_services

pytestmark = pytest.mark.browser


def _watch_requests(page: Page, base_url: str) -> list[str]:
    """Every request the page makes that is not to this site."""
    elsewhere: list[str] = []

    def check(request: Request) -> None:
        if not request.url.startswith(base_url) and not request.url.startswith("data:"):
            elsewhere.append(request.url)

    page.on("request", check)
    return elsewhere


@pytest.mark.parametrize(("width_name", "viewport"), [("1280", DESKTOP), ("390", MOBILE)])
def test_a_listing_shows_on_the_map_and_in_the_list_beside_it(
    browsing_factory: Any, screenshot: Any, db: None, width_name: str, viewport: dict[str, int]
) -> None:
    tree = make_tree()
    walking = TopicFactory.create(name="Walking", slug="walking")
    make_asset("Leeds Community Cafe", tree.leeds, at=(53.80, -1.55), topics=(walking,))
    make_asset("Chapeltown Library", tree.leeds, kind="institution", at=(53.82, -1.53))
    make_asset("Levenshulme Surgery", tree.levenshulme, kind="institution", at=(53.44, -2.19))
    browsing: Browsing = browsing_factory(viewport)
    page = browsing.new_page()
    elsewhere = _watch_requests(page, browsing.base_url)

    page.goto(browsing.url("/assets/map/"))
    the_map = page.locator("#asset-map")
    expect(the_map).to_be_visible()
    expect(page.locator("#asset-map-nojs")).to_be_hidden()
    expect(the_map).to_have_attribute("data-loaded", "3")
    # Each listing is a point on the map (few enough not to be grouped) and a link in the list.
    expect(page.locator("path.map-point")).to_have_count(3)
    the_list = page.locator("#asset-list")
    for name in ("Leeds Community Cafe", "Chapeltown Library", "Levenshulme Surgery"):
        expect(the_list.get_by_role("link", name=name)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Places in this part of the map: 3")
    # The UK's outline is drawn from this site's own files.
    expect(page.locator("path.leaflet-interactive, svg path").first).to_be_attached()
    screenshot(page, f"asset-map-{width_name}")

    # A point's popup links to its page.
    page.locator("path.map-point").first.click(force=True)
    popup = page.locator(".leaflet-popup .map-popup-title a")
    expect(popup).to_be_visible()
    assert popup.get_attribute("href", timeout=5000).startswith("/assets/")

    # Filters narrow the map and the list together.
    page.goto(browsing.url("/assets/map/?kind=institution"))
    expect(page.locator("#asset-map")).to_have_attribute("data-loaded", "2")
    expect(page.locator("path.map-point")).to_have_count(2)
    expect(
        page.locator("#asset-list").get_by_role("link", name="Leeds Community Cafe")
    ).to_have_count(0)
    screenshot(page, f"asset-map-filtered-{width_name}")

    assert elsewhere == [], f"the map asked another site for {elsewhere}"
    assert browsing.watch.csp_violations() == []
    assert browsing.watch.page_errors == []


def test_without_javascript_the_list_is_there(
    browser: Any, live_server: Any, screenshot: Any, db: None
) -> None:
    tree = make_tree()
    make_asset("Leeds Community Cafe", tree.leeds, at=(53.80, -1.55))
    context = browser.new_context(viewport=MOBILE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/assets/map/")
        expect(page.locator("#asset-map")).to_be_hidden()
        expect(page.get_by_text("The map needs JavaScript")).to_be_visible()
        expect(page.get_by_role("link", name="Leeds Community Cafe")).to_be_visible()
        screenshot(page, "asset-map-no-javascript-390")
    finally:
        context.close()


@pytest.mark.parametrize(("width_name", "viewport"), [("1280", DESKTOP), ("390", MOBILE)])
def test_an_organiser_opens_the_gap_view(
    browsing_factory: Any, screenshot: Any, db: None, width_name: str, viewport: dict[str, int]
) -> None:
    tree = make_tree()
    lonely = TopicFactory.create(name="Loneliness", slug="loneliness")
    for _ in range(3):
        story = StoryFactory.create(place=tree.levenshulme, topics=[lonely])
        search_services.index_items([story.item_id])
    organiser: User = make_organiser("organiser_here", tree.manchester)
    browsing: Browsing = browsing_factory(viewport)
    log_in_with_mfa(browsing, organiser)
    page = browsing.new_page()
    page.goto(browsing.url("/staff/gaps/"))
    expect(page.get_by_role("heading", name="Gaps in the asset map")).to_be_visible()
    table = page.get_by_role("table")
    expect(table).to_contain_text("Levenshulme")
    expect(table).to_contain_text("Loneliness")
    expect(
        page.get_by_role("link", name="Add an asset for Loneliness in Levenshulme")
    ).to_be_visible()
    page.get_by_label("Place").select_option(label="\u2014 \u2014 Manchester")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("table")).to_contain_text("Topics raised in Manchester")
    screenshot(page, f"asset-gaps-{width_name}")
    assert browsing.watch.csp_violations() == []


@pytest.mark.parametrize("width_name", ["desktop", "phone"])
def test_map_and_gap_pages_have_no_serious_accessibility_problems(
    browsing_factory: Any, db: None, width_name: str
) -> None:
    from .test_accessibility import check_pages

    tree = make_tree()
    lonely = TopicFactory.create(name="Loneliness", slug="loneliness")
    make_asset("Leeds Community Cafe", tree.leeds, at=(53.80, -1.55), topics=(lonely,))
    story = StoryFactory.create(place=tree.levenshulme, topics=[lonely])
    search_services.index_items([story.item_id])
    organiser = make_organiser("organiser_here", tree.manchester)

    def map_drawn(page: Page) -> None:
        expect(page.locator("#asset-map")).to_have_attribute("data-loaded", "1")

    browsing: Browsing = browsing_factory(DESKTOP if width_name == "desktop" else MOBILE)
    log_in_with_mfa(browsing, organiser)
    pages = [
        ("asset-map", "/assets/map/", map_drawn),
        ("asset-map-filtered", "/assets/map/?kind=space&topic=loneliness", map_drawn),
        ("asset-gaps", "/staff/gaps/", None),
    ]
    failures, _ = check_pages(browsing.new_page(), browsing.base_url, pages, width_name)
    assert failures == [], "\n".join(failures)
