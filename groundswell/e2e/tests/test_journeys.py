"""Whole journeys as members live them: join, verify, share, be found, talk to each other."""

from __future__ import annotations

import email
import re
from email import policy
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from groundswell.core.testing.factories import PlaceFactory, StoryFactory, TopicFactory, UserFactory
from groundswell.e2e.story_form import choose_privacy, expect_nothing_chosen
from groundswell.stories.models import Status, Story
from groundswell.stories.searching import index_story

pytestmark = pytest.mark.browser

CONFIRM_LINK_RE = re.compile(r"https?://[^\s\"'<>]+/accounts/confirm-email/[^\s\"'<>]+")


def read_confirmation_link(mail_dir: Path, to: str) -> str:
    """The verification link from the one email sent to `to`, as the member would click it."""
    links = []
    for path in sorted(mail_dir.iterdir()):
        for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if not raw.strip():
                continue
            message = email.message_from_bytes(raw, policy=policy.default)
            if to not in str(message["To"]):
                continue
            body = message.get_body(preferencelist=("plain", "html"))
            assert body is not None
            links += CONFIRM_LINK_RE.findall(body.get_content())
    assert len(links) == 1, f"expected one confirmation link for {to}, found {links}"
    return links[0]


def test_join_verify_share_and_be_found_on_home_topic_and_search(
    page: Page, browsing: Any, browsing_factory: Any, mail_dir: Path, screenshot: Any
) -> None:
    topic = TopicFactory(name="Long COVID", slug="long-covid")
    TopicFactory(name="Carers", slug="carers")
    wales = PlaceFactory(name="Wales", slug="wales")
    PlaceFactory(name="Cardiff", slug="cardiff", parent=wales, level="county")

    # Join
    page.goto(browsing.url("/"))
    page.get_by_role("link", name="Join", exact=True).click()
    page.get_by_label("Email").fill("rhian@example.org")
    page.get_by_label("Display name").fill("Rhian")
    page.get_by_label(re.compile(r"^Choose a password:?$")).fill("slow mornings, better days")
    page.get_by_label(re.compile(r"^Type the password again:?$")).fill("slow mornings, better days")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your email")

    # Sharing waits until the email address is verified: not signed in yet.
    page.goto(browsing.url("/stories/new/"))
    expect(page).to_have_url(re.compile(r"/accounts/login/"))

    # Verify through the link in the email file, in the same browser.
    page.goto(read_confirmation_link(mail_dir, "rhian@example.org"))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    # Share, through the consent step.
    page.get_by_role("link", name="Share", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Share a story, idea or resource")
    expect_nothing_chosen(page)  # privacy by default: she chooses how she is shown, and for whom
    page.get_by_label("A story: something you").check()
    page.get_by_label("Title").fill("Pacing taught me to plan rest like appointments")
    page.get_by_label("Your words").fill(
        "After the infection I **crashed** every time I did too much.\n\n"
        "A physio showed me how to pace: marmalade days and rest blocks."
    )
    page.get_by_label("Long COVID").check()
    page.get_by_label("Place").select_option(label="Cardiff, Wales")
    choose_privacy(page, identity="named", audience="public")
    page.get_by_role("button", name="Continue to review and publish").click()

    expect(page).to_have_url(re.compile(r"/stories/\d+/publish/(#.*)?$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Before you publish")
    expect(page.locator(".consent-box")).to_contain_text("anyone on the internet")
    expect(page.locator(".preview")).to_contain_text("crashed")
    screenshot(page, "journey-consent-desktop")

    # Publishing without ticking the box is refused, and says why.
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".error-summary")).to_contain_text("Please confirm you understand")
    page.get_by_label("I understand who will see this").check()
    page.get_by_role("button", name="Publish").click()

    expect(page).to_have_url(re.compile(r"/stories/\d+/(#.*)?$"))
    expect(page.get_by_role("status")).to_contain_text("Published. Thank you for sharing.")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Pacing taught me to plan rest like appointments"
    )
    expect(page.locator(".author-card")).to_contain_text("Rhian")
    expect(page.locator(".prose strong")).to_have_text("crashed")
    story = Story.objects.get(title="Pacing taught me to plan rest like appointments")
    assert story.status == Status.PUBLISHED and story.author.display_name == "Rhian"
    screenshot(page, "journey-story-desktop")

    # Anyone, signed in or not, finds it on the home page, its topic, its place and in search.
    stranger = browsing_factory()
    look = stranger.new_page()
    for path in ("/", f"/topics/{topic.slug}/", "/places/wales/", "/search/?q=marmalade"):
        look.goto(stranger.url(path))
        expect(
            look.get_by_role("link", name="Pacing taught me to plan rest like appointments")
        ).to_be_visible()
    expect(look.locator(".search-result mark").first).to_have_text(re.compile("marmalade", re.I))
    look.goto(stranger.url("/topics/carers/"))
    expect(look.get_by_text("Pacing taught me")).to_have_count(0)
    assert stranger.watch.dialogs == []


def test_a_comment_and_a_threaded_reply_reach_the_author(browsing_factory: Any) -> None:
    author = UserFactory(display_name="Amara")
    commenter = UserFactory(display_name="Bea")
    replier = UserFactory(display_name="Cal")
    story = StoryFactory(author=author, title="Getting a wheelchair assessment took a year")
    index_story(story.pk)
    url = f"/stories/{story.pk}/"

    bea = browsing_factory()
    bea.log_in(commenter)
    page = bea.new_page()
    page.goto(bea.url(url))
    page.get_by_label("Your comment").fill("Ours took 14 months. Ask the OT to chase it.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("status")).to_contain_text("Your comment is posted.")
    first = page.locator(".comment", has_text="Ours took 14 months")
    expect(first).to_be_visible()
    expect(page.get_by_role("heading", name="1 comment", exact=True)).to_be_visible()

    cal = browsing_factory()
    cal.log_in(replier)
    page = cal.new_page()
    page.goto(cal.url(url))
    comment = page.locator(".comment", has_text="Ours took 14 months")
    comment.get_by_text("Reply", exact=True).click()
    comment.get_by_label("Your reply").fill("Chasing worked for us too, thank you Bea.")
    comment.get_by_role("button", name="Post reply").click()
    expect(page.get_by_role("status")).to_contain_text("Your comment is posted.")

    amara = browsing_factory()
    amara.log_in(author)
    page = amara.new_page()
    page.goto(amara.url(url))
    expect(page.get_by_role("heading", name="2 comments", exact=True)).to_be_visible()
    parent = page.locator(".comment-thread > .comment", has_text="Ours took 14 months").first
    expect(parent.get_by_role("article").first).to_have_accessible_name("Comment by Bea")
    # The reply sits inside the comment it answers, not beside it.
    reply = parent.locator(".comment-thread .comment")
    expect(reply).to_have_count(1)
    expect(reply).to_contain_text("Chasing worked for us too")
    expect(reply.get_by_role("article")).to_have_accessible_name("Comment by Cal")

    # The author reacts to the reply; htmx updates the count in place, without a page load.
    page.evaluate("window.__same_page = true")
    helped = reply.get_by_role("button", name=re.compile("This helped"))
    expect(helped).to_have_attribute("aria-pressed", "false")
    helped.click()
    expect(helped).to_have_attribute("aria-pressed", "true")
    expect(helped.locator(".count")).to_have_attribute("data-count", "1")
    expect(helped).to_have_accessible_name(re.compile(r"This helped.*\b1 so far"))
    assert page.evaluate("window.__same_page") is True
    for b in (bea, cal, amara):
        assert b.watch.dialogs == []
