"""Organisations journey: a member creates one, a moderator verifies it, another member asks to
join and the owner accepts."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from groundswell.accounts.models import User
from groundswell.core.testing.factories import TopicFactory, UserFactory
from groundswell.e2e.story_form import choose_audience
from groundswell.e2e.tests.test_trust_safety import log_in_with_mfa
from groundswell.organisations.models import Membership, Organisation

pytestmark = pytest.mark.browser


def test_create_verify_ask_to_join_and_accept(
    browsing_factory: Any, moderator: User, screenshot: Any
) -> None:
    TopicFactory(name="Getting active", slug="getting-active")
    founder = UserFactory(display_name="Fran Founder")
    joiner = UserFactory(display_name="Jess Joiner")

    owner_browsing = browsing_factory()
    owner_browsing.log_in(founder)
    page = owner_browsing.new_page()
    page.goto(owner_browsing.url("/"))
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Organisations").click()
    page.get_by_role("link", name="Add an organisation").click()
    page.get_by_label("Name").fill("Easton Tuesday Walkers")
    page.get_by_label("What kind of organisation is it?").select_option("community_group")
    page.get_by_label("What it does").fill("A gentle walk around Easton every Tuesday at 10.")
    page.get_by_label("Contact email (optional)").fill("walkers@example.org")
    page.get_by_role("button", name="Add organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Easton Tuesday Walkers")
    expect(page.get_by_text("Not yet verified")).to_be_visible()
    org = Organisation.objects.get(name="Easton Tuesday Walkers")

    mod = browsing_factory()
    log_in_with_mfa(mod, moderator)
    mod_page = mod.new_page()
    # The moderator finds it in their menu's list of organisations waiting to be checked.
    mod_page.goto(mod.url("/moderation/"))
    mod_page.get_by_role("navigation", name="Moderation").get_by_role(
        "link", name="Organisations to verify"
    ).click()
    expect(mod_page.get_by_text("1 organisation is waiting")).to_be_visible()
    screenshot(mod_page, "organisations-to-verify")
    mod_page.get_by_role("link", name="Easton Tuesday Walkers").click()
    mod_page.get_by_role("button", name="Verify this organisation").click()
    expect(mod_page.get_by_text("Verified by Mo Moderator on")).to_be_visible()

    join_browsing = browsing_factory()
    join_browsing.log_in(joiner)
    join_page = join_browsing.new_page()
    join_page.goto(join_browsing.url("/organisations/?q=easton"))
    join_page.get_by_role("link", name="Easton Tuesday Walkers").click()
    expect(join_page.get_by_text("Verified by Mo Moderator on")).to_be_visible()
    join_page.get_by_role("link", name="Ask to join").click()
    join_page.get_by_label("A message to the organisation (optional)").fill("I live on the corner.")
    join_page.get_by_role("button", name="Send request").click()
    expect(join_page.get_by_text("The organisation's admins haven't answered yet.")).to_be_visible()

    page.goto(owner_browsing.url(f"/organisations/{org.slug}/members/"))
    expect(page.get_by_text("I live on the corner.")).to_be_visible()
    page.get_by_role("button", name="Accept Jess Joiner").click()
    expect(page.get_by_text("Jess Joiner is now a member.")).to_be_visible()
    expect(page.get_by_role("cell", name="Jess Joiner", exact=True)).to_be_visible()

    join_page.reload()
    expect(join_page.get_by_text("You are a member of Easton Tuesday Walkers.")).to_be_visible()
    assert Membership.objects.filter(organisation=org, user=joiner, role="member").exists()

    # The owner lets members post as the organisation; the new member posts an update as it.
    page.goto(owner_browsing.url(f"/organisations/{org.slug}/settings/"))
    page.get_by_label("Let members post as the organisation").check()
    page.get_by_role("button", name="Save").click()
    join_page.reload()
    join_page.get_by_role("link", name="Post for Easton Tuesday Walkers").click()
    join_page.get_by_label("An update: news from an organisation you help to run").check()
    join_page.get_by_label("Title").fill("No walk on Tuesday 9th")
    join_page.get_by_label("Your words").fill(
        "The park is closed for the fair. Back the week after."
    )
    join_page.get_by_label("Getting active").check()
    # "Post for" chose the organisation; who can read it is still theirs to choose.
    expect(join_page.get_by_label("For an organisation, under its name")).to_be_checked()
    choose_audience(join_page, "public")
    join_page.get_by_role("button", name="Continue to review and publish").click()
    expect(
        join_page.get_by_text('the name of the organisation "Easton Tuesday Walkers"')
    ).to_be_visible()
    join_page.get_by_label("I understand who will see this").check()
    join_page.get_by_role("button", name="Publish").click()
    expect(join_page.get_by_role("heading", level=1)).to_have_text("No walk on Tuesday 9th")
    byline = join_page.locator(".author-card")
    expect(byline.get_by_role("link", name="Easton Tuesday Walkers")).to_be_visible()
    expect(byline).not_to_contain_text("Jess Joiner")
    screenshot(join_page, "organisation-post")
    visitor = browsing_factory().new_page()
    visitor.goto(join_browsing.url(f"/organisations/{org.slug}/"))
    expect(visitor.get_by_role("link", name="No walk on Tuesday 9th")).to_be_visible()


def _submit_empty_form(page: Any) -> None:
    page.get_by_label("Contact phone (optional)").fill("not a phone")
    page.get_by_role("button", name="Add organisation").click()
    page.locator(".error-summary").wait_for()


@pytest.mark.parametrize("width_name", ["desktop", "mobile"])
def test_organisation_pages_have_no_serious_accessibility_problems(
    browsing_factory: Any, screenshot: Any, width_name: str
) -> None:
    from groundswell.organisations import services
    from groundswell.organisations.models import Role

    from .conftest import DESKTOP, MOBILE
    from .test_accessibility import check_pages

    TopicFactory(name="Getting active", slug="getting-active")
    founder = UserFactory(display_name="Fran Founder")
    org = services.organisation_create(
        creator=founder,
        data=services.OrganisationInput(
            name="Easton Tuesday Walkers",
            kind="community_group",
            description="A gentle walk around Easton every Tuesday at 10.",
            contact_email="walkers@example.org",
            accessibility="Flat route, benches every few hundred metres.",
        ),
    )
    for n in range(3):
        person = UserFactory(display_name=f"Walker Number {n}")
        Membership.objects.create(organisation=org, user=person, role=Role.MEMBER)
    services.join_request_create(
        org=org, user=UserFactory(display_name="Asha Asker"), message="Hi!"
    )
    pages = [
        ("organisations", "/organisations/", None),
        ("organisation", f"/organisations/{org.slug}/", None),
        ("organisation-members", f"/organisations/{org.slug}/members/", None),
        ("organisation-settings", f"/organisations/{org.slug}/settings/", None),
        ("organisation-invite", f"/organisations/{org.slug}/invite/", None),
        ("organisation-new-errors", "/organisations/new/", _submit_empty_form),
    ]
    browsing = browsing_factory(DESKTOP if width_name == "desktop" else MOBILE)
    browsing.log_in(founder)
    # Not "mobile": check_pages keeps only the story pages it lists at phone width.
    label = "desktop" if width_name == "desktop" else "phone"
    failures, _ = check_pages(browsing.new_page(), browsing.base_url, pages, label, screenshot)
    assert failures == [], "\n".join(failures)
