"""When something goes wrong, as a person sees it: clear errors, nothing typed is lost."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import Page, expect

from groundswell.core.testing.factories import StoryFactory, TopicFactory, UserFactory
from groundswell.e2e.story_form import choose_privacy
from groundswell.stories.models import Story

pytestmark = pytest.mark.browser

BODY = "Three GPs in a year, and each time I told the story from the start.\n\nWhat helped: a one-page summary I carry."


def test_missing_title_is_summarised_at_the_top_and_nothing_typed_is_lost(
    page: Page, browsing: Any, screenshot: Any
) -> None:
    member = UserFactory()
    TopicFactory(name="Primary care", slug="primary-care")
    TopicFactory(name="Carers", slug="carers")
    browsing.log_in(member)
    page.goto(browsing.url("/stories/new/"))
    page.get_by_label("Your words").fill(BODY)
    page.get_by_label("Primary care").check()
    choose_privacy(page, identity="anonymous", audience="members")
    page.get_by_role("button", name="Continue to review and publish").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    # At the top: above the form, and in view without scrolling.
    summary_box, form_box = summary.bounding_box(), page.locator("form.story-form").bounding_box()
    assert summary_box and form_box and summary_box["y"] < form_box["y"]
    assert summary_box["y"] < page.viewport_size["height"]  # type: ignore[index]
    expect(summary.get_by_role("link")).to_have_count(1)
    link = summary.get_by_role("link", name=re.compile("Title"))
    expect(link).to_have_attribute("href", "#id_title")
    expect(page.locator("#field-title .error-message")).to_contain_text("Enter a title.")
    expect(page.get_by_label("Title")).to_have_attribute("aria-invalid", "true")
    screenshot(page, "story-form-missing-title-desktop")

    # Everything typed is still there.
    expect(page.get_by_label("Your words")).to_have_value(BODY)
    expect(page.get_by_label("Primary care")).to_be_checked()
    expect(page.get_by_label("Carers")).not_to_be_checked()
    expect(page.get_by_label("Signed-in members only")).to_be_checked()
    expect(page.get_by_label("Anonymously")).to_be_checked()
    # Nor does the browser offer to "restore" a copy over the top of the error page.
    expect(page.locator(".restore-draft")).to_have_count(0)

    link.click()
    expect(page.get_by_label("Title")).to_be_focused()
    page.keyboard.type("Telling my story once")
    page.get_by_role("button", name="Continue to review and publish").click()
    expect(page).to_have_url(re.compile(r"/stories/\d+/publish/(#.*)?$"))
    assert Story.objects.get(author=member).body == BODY
    assert not Story.objects.filter(author=member, title="").exists()


def test_words_survive_a_session_that_ended_while_writing(page: Page, browsing: Any) -> None:
    member = UserFactory(email="sam@example.org")
    TopicFactory(name="Primary care", slug="primary-care")
    browsing.log_in(member)
    page.goto(browsing.url("/stories/new/"))
    page.get_by_label("Title").fill("Telling my story once")
    page.get_by_label("Your words").fill(BODY)
    page.get_by_label("Primary care").check()
    choose_privacy(page, identity="pseudonym", pseudonym="Quiet Heron", audience="members")

    Session.objects.all().delete()  # the session expires while they write
    page.get_by_role("button", name="Continue to review and publish").click()

    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_role("status")).to_contain_text("we kept what you wrote")
    page.get_by_label(re.compile("^Email")).fill("sam@example.org")
    page.get_by_label(re.compile("^Password")).fill("correct horse battery staple")
    page.get_by_role("button", name="Sign In").click()

    expect(page).to_have_url(re.compile(r"/stories/new/$"))
    expect(page.get_by_role("status")).to_contain_text("We restored what you were writing")
    expect(page.get_by_label("Title")).to_have_value("Telling my story once")
    expect(page.get_by_label("Your words")).to_have_value(BODY)
    expect(page.get_by_label("Primary care")).to_be_checked()
    # So are the privacy choices they made (and only those: nothing is chosen for them).
    expect(page.get_by_label("Under a pseudonym")).to_be_checked()
    expect(page.get_by_role("textbox", name=re.compile("^Pseudonym"))).to_have_value("Quiet Heron")
    expect(page.get_by_label("Signed-in members only")).to_be_checked()
    assert not Story.objects.exists()


@pytest.mark.parametrize(
    "path", ["/no-such-page/", "/stories/999999/", "/topics/no-such-topic/", "MEMBERS_ONLY"]
)
def test_not_found_is_friendly(page: Page, browsing: Any, path: str) -> None:
    if path == "MEMBERS_ONLY":
        path = f"/stories/{StoryFactory(audience='members').pk}/"
    response = page.goto(browsing.url(path))
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("We can't find that page")
    expect(page.get_by_role("main")).to_contain_text("visible only to signed-in members")
    expect(page.get_by_role("main").get_by_role("link", name="Go to the home page")).to_be_visible()
    expect(page.get_by_role("main").get_by_role("link", name="search")).to_be_visible()
    # The site around it is still there, and nothing technical leaks.
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Traceback")
    expect(page.locator("body")).not_to_contain_text("Page not found (404)")
    assert "Page not found" in page.title()


def test_published_story_is_not_offered_back_as_unsaved_writing(page: Page, browsing: Any) -> None:
    """The form keeps a copy in sessionStorage so a failed submit loses nothing. Once the story is
    published that copy should go: offering to "restore" it into the next new story is confusing,
    and a health story should not linger in the browser of a shared computer."""
    member = UserFactory()
    TopicFactory(name="Primary care", slug="primary-care")
    browsing.log_in(member)
    page.goto(browsing.url("/stories/new/"))
    page.get_by_label("Title").fill("Telling my story once")
    page.get_by_label("Your words").fill(BODY)
    page.get_by_label("Primary care").check()
    choose_privacy(page, identity="named", audience="public")
    page.get_by_role("button", name="Continue to review and publish").click()
    page.get_by_label("I understand who will see this").check()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status")).to_contain_text("Published")

    page.get_by_role("link", name="Share", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Share a story, idea or resource")
    page.wait_for_load_state("load")
    kept = page.evaluate(
        "() => Object.keys(sessionStorage).filter(k => k.startsWith('groundswell:'))"
    )
    expect(page.locator(".restore-draft")).to_have_count(0)
    assert kept == [], f"the published story is still in sessionStorage under {kept}"
