"""Sharing a story with the keyboard alone: the order makes sense, focus is always visible."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from groundswell.core.testing.factories import PlaceFactory, TopicFactory, UserFactory
from groundswell.e2e.story_form import expect_nothing_chosen
from groundswell.stories.models import Audience, Identity, Kind, Status, Story

pytestmark = pytest.mark.browser

# What the focused element is, in words a failure message can show.
DESCRIBE_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return "body";
  if (el.id === "main") return "main";
  const tag = el.tagName.toLowerCase();
  if (tag === "a" || tag === "button") return tag + ":" + el.textContent.trim().replace(/\\s+/g, " ");
  return tag + ":" + (el.getAttribute("name") || el.id);
}"""

# A person can see where focus is: an outline at least 2px wide, or a box shadow, that is not
# transparent. Returns the reason it fails, or "" when focus is visible.
FOCUS_INVISIBLE_REASON = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return "nothing focused";
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2
    && !/rgba\\(.*, 0\\)/.test(s.outlineColor);
  const shadow = s.boxShadow && s.boxShadow !== "none";
  const r = el.getBoundingClientRect();
  const onScreen = r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth;
  if (!onScreen) return "focused element is off screen";
  return outline || shadow ? "" : `no focus indicator (outline ${s.outlineStyle} ${s.outlineWidth})`;
}"""


def tab(page: Page, *, shift: bool = False) -> str:
    page.keyboard.press("Shift+Tab" if shift else "Tab")
    where = page.evaluate(DESCRIBE_FOCUS)
    problem = page.evaluate(FOCUS_INVISIBLE_REASON)
    assert problem == "", f"focus on {where}: {problem}"
    return where


def checked(page: Page, name: str) -> str:
    return page.eval_on_selector(f"input[name={name}]:checked", "el => el.value")


def test_share_a_story_with_the_keyboard_alone(page: Page, browsing: Any, screenshot: Any) -> None:
    member = UserFactory(display_name="Kit")
    TopicFactory(name="Sight loss", slug="sight-loss")
    TopicFactory(name="Work", slug="work")
    wales = PlaceFactory(name="Wales", slug="wales")
    PlaceFactory(name="Swansea", slug="swansea", parent=wales, level="county")
    browsing.log_in(member)
    page.goto(browsing.url("/stories/new/"))

    # The first Tab reaches the skip link, visibly; Enter takes focus past the header.
    assert tab(page) == "a:Skip to main content"
    box = page.get_by_role("link", name="Skip to main content").bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate(DESCRIBE_FOCUS) == "main"
    assert page.url.endswith("#main")

    order = []
    order.append(tab(page))  # kind: one stop for the radio group
    page.keyboard.press("ArrowDown")
    assert checked(page, "kind") == Kind.IDEA
    page.keyboard.press("ArrowUp")
    assert checked(page, "kind") == Kind.STORY

    order.append(tab(page))
    page.keyboard.type("Screen readers at work: what the assessment missed")
    order.append(tab(page))
    page.keyboard.type("My employer's assessment never asked about *glare*.\nSo I wrote it down.")
    order.append(tab(page))
    page.keyboard.press("Space")  # Sight loss
    order.append(tab(page))  # Work: left unchecked
    order.append(tab(page))
    page.keyboard.press("ArrowDown")  # from "Not about a particular place" to Wales
    page.keyboard.press("ArrowDown")  # to Swansea
    order.append(tab(page))  # image: left empty
    order.append(tab(page))  # image description
    order.append(tab(page))  # identity: none chosen, so Tab stops on the first choice
    expect_nothing_chosen(page)
    page.keyboard.press("ArrowDown")  # moves to "Under a pseudonym" and chooses it
    order.append(tab(page))
    page.keyboard.type("Glare Fox")
    order.append(tab(page))  # audience
    page.keyboard.press("ArrowDown")
    order.append(tab(page))
    order.append(tab(page))
    assert order == [
        "input:kind",
        "input:title",
        "textarea:body",
        "input:topics",
        "input:topics",
        "select:place",
        "input:image",
        "input:image_alt",
        "input:identity",
        "input:pseudonym",
        "input:audience",
        "button:Continue to review and publish",
        "button:Save draft",
    ]
    assert checked(page, "identity") == Identity.PSEUDONYM
    assert checked(page, "audience") == Audience.MEMBERS
    screenshot(page, "keyboard-form-filled-desktop")

    # Back to the main button, and Enter submits the form with it.
    assert tab(page, shift=True) == "button:Continue to review and publish"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/stories/\d+/publish/(#.*)?$"))
    expect(page.locator(".consent-box")).to_contain_text('the pseudonym "Glare Fox"')
    expect(page.locator(".consent-box")).to_contain_text("signed-in members of this community only")

    # The consent page, by keyboard: the checkbox (Space), Publish (Enter). The redirect kept
    # the "#main" fragment, so the first Tab may already start inside the main content.
    where = tab(page)
    if where == "a:Skip to main content":
        page.keyboard.press("Enter")
        where = tab(page)
    assert where == "input:consent"
    page.keyboard.press("Space")
    assert tab(page) == "button:Publish"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/stories/\d+/(#.*)?$"))
    expect(page.get_by_role("status")).to_contain_text("Published")

    story = Story.objects.get(author=member)
    assert story.status == Status.PUBLISHED
    assert story.title == "Screen readers at work: what the assessment missed"
    assert story.body == "My employer's assessment never asked about *glare*.\nSo I wrote it down."
    assert story.kind == Kind.STORY
    assert [t.slug for t in story.topics.all()] == ["sight-loss"]
    assert story.place is not None and story.place.slug == "swansea"
    assert (story.identity, story.pseudonym, story.audience) == (
        Identity.PSEUDONYM,
        "Glare Fox",
        Audience.MEMBERS,
    )


def test_error_summary_takes_focus_and_its_link_moves_to_the_field(
    page: Page, browsing: Any
) -> None:
    member = UserFactory()
    TopicFactory(name="Sight loss", slug="sight-loss")
    browsing.log_in(member)
    page.goto(browsing.url("/stories/new/"))
    page.get_by_label("Your words").fill("Words that must survive a failed submit.")
    page.get_by_role("button", name="Continue to review and publish").press("Enter")

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    # Keyboard users land on the summary and follow its first link to the title field.
    page.keyboard.press("Tab")
    assert page.evaluate(DESCRIBE_FOCUS).startswith("a:Title")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Title")).to_be_focused()


def test_typing_a_place_name_in_the_place_list_selects_it(page: Page, browsing: Any) -> None:
    wales = PlaceFactory(name="Wales", slug="wales")
    PlaceFactory(name="Cardiff", slug="cardiff", parent=wales, level="county")
    PlaceFactory(name="England", slug="england")
    browsing.log_in(UserFactory())
    page.goto(browsing.url("/stories/new/"))
    place = page.get_by_label("Place")
    place.focus()
    page.keyboard.type("Eng")
    expect(place.locator("option:checked")).to_have_text("England")  # a nation: works
    page.wait_for_timeout(1100)  # the browser's type-ahead starts a new word after a pause
    page.keyboard.type("Card")
    expect(place.locator("option:checked")).to_contain_text("Cardiff", timeout=2000)
