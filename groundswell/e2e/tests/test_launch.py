"""Ready for an organisation to launch: the journeys issue 13 asks a browser to walk.

- An administrator rewrites the privacy notice, and a newcomer finds the new words from sign-up.
- A newcomer joins meeting no framework wording anywhere (pages and the email), and shares a
  story choosing how they are shown and who reads it, nothing chosen for them.
- The demo moderator signs in with two steps once and works through the demo's queue and its
  safeguarding alert.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from groundswell.accounts.models import SiteRole, User
from groundswell.accounts.testing import framework_wording
from groundswell.core.testing.factories import TopicFactory, UserFactory
from groundswell.e2e.story_form import (
    audience_label,
    choose_privacy,
    expect_nothing_chosen,
    identity_label,
)
from groundswell.moderation.models import Appeal, AppealStatus, Report
from groundswell.moderation.testing import code_now, give_totp
from groundswell.safeguarding.models import SafeguardingAlert
from groundswell.sitepages.demo import load_site_pages
from groundswell.sitepages.models import SitePage
from groundswell.stories.models import Audience, Identity, Status, Story

from .conftest import MOBILE

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"  # UserFactory's
DEMO_PASSWORD = "demo-password-2026"  # README.md


def visible_text(page: Page) -> str:
    return page.locator("body").inner_text()


def expect_no_framework_wording(page: Page, where: str) -> None:
    found = framework_wording(visible_text(page))
    assert found == [], f"{where} ({page.url}) shows framework wording: {found}"


def sign_in_with_two_steps(page: Page, url: str, email: str, password: str) -> list[str]:
    """Sign in through the real forms: the password, then the code. Returns the prompts met,
    in order ("password" or "code"), so a test can say there was one of each."""
    prompts: list[str] = []
    page.get_by_label(re.compile("^Email")).fill(email)
    page.get_by_label(re.compile("^Password")).fill(password)
    prompts.append("password")
    page.get_by_role("button", name="Sign in", exact=True).click()
    while True:
        page.wait_for_load_state()
        if page.get_by_label(re.compile("^Password")).count():
            prompts.append("password")  # a loop back to the password: the bug to catch
            break
        if "/accounts/2fa/authenticate/" in page.url:
            prompts.append("code")
            page.get_by_label(re.compile("^Code")).fill(code_now())
            page.get_by_role("button", name=re.compile("^(Sign in|Continue|Confirm)")).click()
            continue
        break
    return prompts


def read_mail(mail_dir: Path, to: str) -> str:
    texts = [p.read_text() for p in sorted(mail_dir.iterdir()) if f"To: {to}" in p.read_text()]
    assert len(texts) == 1, f"expected one email to {to}, found {len(texts)}"
    return texts[0]


def test_an_administrator_rewrites_the_privacy_notice_and_a_newcomer_reads_it_from_sign_up(
    browsing_factory: Any, screenshot: Any
) -> None:
    admin = UserFactory(site_role=SiteRole.ADMIN, display_name="Ada Admin", email="ada@example.org")
    give_totp(admin)
    load_site_pages(admin=admin)

    staff = browsing_factory()
    page = staff.new_page()
    page.goto(staff.url("/staff/site/pages/"))
    assert sign_in_with_two_steps(page, page.url, admin.email, PASSWORD) == ["password", "code"]
    expect(page).to_have_url(re.compile(r"/staff/site/pages/$"))
    page.get_by_role("link", name=re.compile(r"^Edit Privacy notice$")).click()

    text = page.get_by_label(re.compile("^Text"))
    text.fill(
        text.input_value()
        + "\n\n## Where your words are kept\n\nOn servers in Leeds, run by the network itself."
    )
    page.get_by_label(re.compile("^What changed")).fill("Said where the servers are")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Preview: not saved yet")).to_be_visible()
    expect(page.locator(".prose")).to_contain_text("On servers in Leeds")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".messages")).to_be_visible()
    assert "On servers in Leeds" in SitePage.objects.get(slug="privacy").body
    screenshot(page, "launch-admin-edited-privacy")

    # A newcomer, at phone width, follows the link from the sign-up page.
    visitor = browsing_factory(MOBILE)
    look = visitor.new_page()
    look.goto(visitor.url("/accounts/signup/"))
    expect_no_framework_wording(look, "sign-up")
    look.get_by_role("link", name="privacy notice", exact=True).click()
    expect(look.get_by_role("heading", level=1)).to_have_text(re.compile("Privacy", re.I))
    expect(look.locator("main")).to_contain_text("On servers in Leeds, run by the network itself.")
    screenshot(look, "launch-privacy-notice-mobile")
    look.go_back()
    look.get_by_role("link", name="community guidelines", exact=True).click()
    expect(look.get_by_role("heading", level=1)).to_have_text(re.compile("guidelines", re.I))


def test_a_newcomer_joins_in_the_sites_words_and_chooses_every_privacy_option_themselves(
    browsing: Any, browsing_factory: Any, mail_dir: Path, screenshot: Any
) -> None:
    TopicFactory(name="Carers", slug="carers")
    page = browsing.new_page()
    page.goto(browsing.url("/"))
    page.get_by_role("link", name="Join", exact=True).click()
    expect_no_framework_wording(page, "sign-up")
    page.get_by_label(re.compile("^Email")).fill("nia@example.org")
    page.get_by_label(re.compile("^Display name")).fill("Nia")
    page.get_by_label(re.compile(r"^Choose a password")).fill("kettle on, feet up, breathe")
    page.get_by_label(re.compile(r"^Type the password again")).fill("kettle on, feet up, breathe")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your email")
    expect_no_framework_wording(page, "check your email")

    mail = read_mail(mail_dir, "nia@example.org")
    assert framework_wording(mail) == [], mail
    assert "Nia" in mail  # greeted by the name she chose
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail)
    assert link, mail
    page.goto(link.group(0))  # the link copied whole from the file
    expect_no_framework_wording(page, "confirm your email")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect_no_framework_wording(page, "after confirming")

    page.get_by_role("link", name="Share", exact=True).click()
    expect_nothing_chosen(page)
    # She reads each choice and what it means, trying each before settling.
    for identity in (Identity.NAMED, Identity.ANONYMOUS, Identity.PSEUDONYM):
        choice = page.get_by_role("radio", name=identity_label(identity), exact=True)
        choice.check()
        expect(choice).to_be_checked()
    for audience in (Audience.PUBLIC, Audience.MEMBERS):
        page.get_by_role("radio", name=audience_label(audience), exact=True).check()
    page.get_by_label("A story: something you").check()
    page.get_by_label("Title").fill("Caring for Mum taught me to ask for help")
    page.get_by_label("Your words").fill("It took me a year to say yes when neighbours offered.")
    page.get_by_label("Carers").check()
    choose_privacy(
        page, identity=Identity.PSEUDONYM, audience=Audience.MEMBERS, pseudonym="Kettle Keeper"
    )
    screenshot(page, "launch-share-chosen")
    page.get_by_role("button", name="Continue to review and publish").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Before you publish")
    expect(page.locator(".consent-box")).not_to_contain_text("anyone on the internet")
    page.get_by_label("I understand who will see this").check()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text("Published")

    story = Story.objects.get(title="Caring for Mum taught me to ask for help")
    assert (story.status, story.identity, story.audience, story.pseudonym) == (
        Status.PUBLISHED,
        Identity.PSEUDONYM,
        Audience.MEMBERS,
        "Kettle Keeper",
    )
    expect(page.locator(".author-card")).to_contain_text("Kettle Keeper")
    expect(page.locator(".author-card")).not_to_contain_text("Nia")

    # Members only: a visitor is not shown it at all.
    stranger = browsing_factory()
    look = stranger.new_page()
    response = look.goto(stranger.url(f"/stories/{story.pk}/"))
    assert response is not None and response.status == 404
    expect(look.get_by_text("Caring for Mum")).to_have_count(0)


def test_the_demo_moderator_signs_in_once_and_works_through_the_queue_and_the_alert(
    browsing_factory: Any, screenshot: Any
) -> None:
    call_command("load_demo", "--force", stdout=io.StringIO())
    moderator = User.objects.get(email="moderator@demo.groundswell.local")
    give_totp(moderator)
    assert Report.objects.filter(resolved_at__isnull=True).count() >= 2
    assert Appeal.objects.filter(status=AppealStatus.OPEN).count() == 1
    assert SafeguardingAlert.objects.open().count() == 1

    staff = browsing_factory()
    page = staff.new_page()
    page.goto(staff.url("/moderation/"))
    prompts = sign_in_with_two_steps(page, page.url, moderator.email, DEMO_PASSWORD)
    assert prompts == ["password", "code"], prompts
    expect(page).to_have_url(re.compile(r"/moderation/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderation queue")
    messages = page.locator(".messages").all_inner_texts()
    assert not any("two-step" in m.lower() for m in messages), messages
    screenshot(page, "launch-moderation-queue")

    def section(title: str) -> Any:
        return page.locator("section", has=page.get_by_role("heading", name=title, exact=True))

    # The appeal first: the author has waited longest for a person to look again.
    section("Appeals").get_by_role("link", name="Decide this appeal").click()
    page.get_by_label("Turn the appeal down: it stays hidden").check()
    page.get_by_label(re.compile("^Reason")).fill("Advertising a paid clinic breaks guideline 6.")
    page.get_by_role("button", name="Send decision").click()
    expect(page.locator(".messages")).to_be_visible()

    # The held story from a new member: approve it.
    page.goto(staff.url("/moderation/"))
    section("Held for review").locator("tbody tr").first.get_by_role("link").first.click()
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".messages")).to_be_visible()

    # Each reported item: hide what breaks a guideline, saying which (the form links them).
    for _ in range(5):
        page.goto(staff.url("/moderation/"))
        rows = section("Reported").locator("tbody tr")
        if not rows.count():
            break
        rows.first.get_by_role("link").first.click()
        hide = page.locator("form", has=page.get_by_role("button", name="Hide", exact=True))
        expect(
            hide.get_by_role("link", name=re.compile("community guidelines", re.I))
        ).to_be_visible()
        hide.get_by_label(re.compile("^Reason")).fill(
            "This breaks guideline 3: keep other people's details and bad advice off the site."
        )
        hide.get_by_role("button", name="Hide", exact=True).click()
        expect(page.locator(".messages")).to_be_visible()
    page.goto(staff.url("/moderation/"))
    expect(page.get_by_text("Nothing waiting.")).to_be_visible()

    # The safeguarding alert, reached from the moderators' navigation.
    page.goto(staff.url("/moderation/"))
    page.get_by_role("navigation", name="Moderation").get_by_role(
        "link", name=re.compile("Safeguarding alerts")
    ).click()
    page.get_by_label(re.compile("^What you did")).fill("Sent a message with the help lines.")
    page.get_by_role("button", name="Acknowledge").click()
    expect(page.get_by_text(re.compile("No alerts waiting"))).to_be_visible()
    screenshot(page, "launch-alerts-done")

    assert not Report.objects.filter(resolved_at__isnull=True).exists()
    assert not Appeal.objects.filter(status=AppealStatus.OPEN).exists()
    assert not SafeguardingAlert.objects.open().exists()
