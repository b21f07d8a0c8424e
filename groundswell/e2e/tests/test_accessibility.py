"""axe-core on every key page, at desktop and phone widths, plus screenshots for a person to judge.

A page fails on any "serious" or "critical" violation, or when it scrolls sideways (a person on a
phone notices that at once). Lesser findings are written to artifacts/axe-report.txt.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import axe_playwright_python
import pytest
from playwright.sync_api import Page

from .conftest import DESKTOP, MOBILE, SCREENSHOT_DIR, Community

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}
# axe-core as bundled by axe-playwright-python, loaded into each page before the page's own
# scripts (init scripts are not subject to the page's CSP), so it is parsed once per page.
AXE_SCRIPT = Path(axe_playwright_python.__file__).with_name("axe.min.js")
RUN_AXE = "() => axe.run(document, {resultTypes: ['violations']})"
HORIZONTAL_OVERFLOW = """() => {
  const over = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  if (over <= 1) return [];
  return [...document.querySelectorAll("body *")]
    .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .slice(0, 5)
    .map(el => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : ""));
}"""


def submit_story_form_without_title(page: Page) -> None:
    page.get_by_label("Your words").fill("Words that should still be here after the error.")
    page.get_by_label("Under a pseudonym").check()
    page.get_by_role("button", name="Continue to review and publish").click()
    page.locator(".error-summary").wait_for()


PageSpec = tuple[str, str, Callable[[Page], None] | None]
# Pages also checked at phone width: the ones with the most layout (forms, threads, lists).
MOBILE_PAGES = {
    "home",
    "story-reply-open",
    "story-form-errors",
    "consent",
    "topic",
    "search-results",
    "profile-edit",
    "signup",
    "not-found",
}


def member_pages(c: Community) -> list[PageSpec]:
    """(name, path, something to do on the page first) for a signed-in member."""
    return [
        ("home", "/", None),
        ("story", f"/stories/{c.story.pk}/", None),
        (
            "story-reply-open",
            f"/stories/{c.story.pk}/",
            lambda p: p.locator("details.reply summary").first.click(),
        ),
        ("story-form", "/stories/new/", None),
        ("story-form-errors", "/stories/new/", submit_story_form_without_title),
        ("consent", f"/stories/{c.draft.pk}/publish/", None),
        ("topics", "/topics/", None),
        ("topic", f"/topics/{c.topic.slug}/", None),
        ("places", "/places/", None),
        ("place", f"/places/{c.place.slug}/", None),
        ("search-results", "/search/?q=carers", None),
        ("search-no-results", "/search/?q=zebra", None),
        ("profile", f"/members/{c.owner.handle}/", None),
        ("profile-edit", "/members/me/", None),
        ("my-stories", "/stories/mine/", None),
        ("not-found", "/stories/999999/", None),
    ]


ANONYMOUS_PAGES: list[PageSpec] = [
    ("signup", "/accounts/signup/", None),
    ("login", "/accounts/login/", None),
    ("home-anonymous", "/", None),
]


def check_pages(
    page: Page,
    base_url: str,
    pages: list[PageSpec],
    width_name: str,
    screenshot: Any,
) -> tuple[list[str], list[str]]:
    failures: list[str] = []
    notes: list[str] = []
    page.context.add_init_script(path=AXE_SCRIPT)
    for name, path, before in pages:
        if width_name == "mobile" and name not in MOBILE_PAGES:
            continue
        response = page.goto(base_url + path)
        assert response is not None
        if "script-src 'self' 'nonce-" not in response.headers.get("content-security-policy", ""):
            failures.append(f"{name}: no Content-Security-Policy with a script nonce")
        if before:
            before(page)
        results = page.evaluate(RUN_AXE)
        assert results["passes"], f"axe checked nothing on {name}"
        for v in results["violations"]:
            nodes = "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:4])
            line = f"{name} ({width_name}): [{v['impact']}] {v['id']}: {v['help']} -> {nodes}"
            (failures if v["impact"] in BLOCKING else notes).append(line)
        overflow = page.evaluate(HORIZONTAL_OVERFLOW)
        if overflow:
            failures.append(f"{name} ({width_name}): scrolls sideways; too wide: {overflow}")
        screenshot(page, f"{name}-{width_name}")
    return failures, notes


def write_report(width_name: str, failures: list[str], notes: list[str]) -> None:
    SCREENSHOT_DIR.parent.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR.parent / f"axe-report-{width_name}.txt"
    path.write_text(json.dumps({"blocking": failures, "other": notes}, indent=2))


@pytest.mark.parametrize("width_name", ["desktop", "mobile"])
def test_key_pages_have_no_serious_accessibility_problems(
    browsing_factory: Any, community: Community, screenshot: Any, width_name: str
) -> None:
    viewport = DESKTOP if width_name == "desktop" else MOBILE
    failures: list[str] = []
    notes: list[str] = []

    signed_in = browsing_factory(viewport)
    signed_in.log_in(community.member)
    f, n = check_pages(
        signed_in.new_page(), signed_in.base_url, member_pages(community), width_name, screenshot
    )
    failures += f
    notes += n

    visitor = browsing_factory(viewport)
    f, n = check_pages(
        visitor.new_page(), visitor.base_url, ANONYMOUS_PAGES, width_name, screenshot
    )
    failures += f
    notes += n

    write_report(width_name, failures, notes)
    assert failures == [], "\n".join(failures)


BUTTON_LOOK = """(el) => {
  const s = getComputedStyle(el);
  return {background: s.backgroundColor, color: s.color, fontSize: s.fontSize};
}"""


def test_secondary_and_warning_buttons_look_different_from_the_main_one(
    browsing: Any, community: Community
) -> None:
    """A person should see at a glance which button publishes, which only saves, and which
    destroys: "Save draft" must not look like "Continue", nor "Withdraw" like either."""
    browsing.log_in(community.owner)
    page = browsing.new_page()
    page.goto(browsing.url("/stories/new/"))
    main = page.get_by_role("button", name="Continue to review and publish").evaluate(BUTTON_LOOK)
    secondary = page.get_by_role("button", name="Save draft").evaluate(BUTTON_LOOK)
    assert secondary["background"] != main["background"], (main, secondary)

    page.goto(browsing.url(f"/stories/{community.story.pk}/withdraw/"))
    warning = page.get_by_role("button", name="Withdraw").evaluate(BUTTON_LOOK)
    assert warning["background"] not in {main["background"], secondary["background"]}, warning

    page.goto(browsing.url(f"/stories/{community.story.pk}/"))
    follow = page.get_by_role("button", name="Follow for new comments").evaluate(BUTTON_LOOK)
    assert follow["background"] == secondary["background"], follow
    assert float(follow["fontSize"].removesuffix("px")) < float(main["fontSize"].removesuffix("px"))
