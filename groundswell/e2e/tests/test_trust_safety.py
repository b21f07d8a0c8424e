"""Trust and safety journeys: report and appeal, pseudonyms that hold, leaving, trust limits."""

from __future__ import annotations

import re
import zipfile
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import Page, expect

from groundswell.accounts.models import User
from groundswell.core.testing.factories import StoryFactory, TopicFactory, UserFactory
from groundswell.e2e.story_form import choose_privacy
from groundswell.moderation.testing import mark_session_mfa
from groundswell.stories import services
from groundswell.stories.models import Story
from groundswell.stories.searching import index_story
from groundswell.stories.services import StoryInput

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"  # noqa: S105 (UserFactory's test password)


def log_in_with_mfa(browsing: Any, user: User) -> None:
    """Sign a moderator in by session cookie, with the two-step sign-in recorded."""
    client = Client()
    client.force_login(user)
    mark_session_mfa(client, user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    browsing.context.clear_cookies()
    browsing.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": browsing.base_url, "httpOnly": True}]
    )


def test_report_hide_with_reason_and_appeal(browsing_factory: Any, moderator: User) -> None:
    author = UserFactory(display_name="Aled Author")
    story = StoryFactory(author=author, title="Miracle cure, buy now")
    story_url = f"/stories/{story.pk}/"

    reporter = browsing_factory()
    reporter.log_in(UserFactory(display_name="Rhys Reporter"))
    page = reporter.new_page()
    page.goto(reporter.url(story_url))
    page.get_by_role("link", name="Report this").click()
    page.get_by_label("Spam or advertising").check()
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("button", name="Send report")).to_have_count(0)

    mod = browsing_factory()
    log_in_with_mfa(mod, moderator)
    mod_page = mod.new_page()
    mod_page.goto(mod.url(f"/moderation/stories/{story.pk}/"))
    mod_page.get_by_label(re.compile(r"^Reason:?$")).fill(
        "Advertising a product is not allowed here."
    )
    mod_page.get_by_role("button", name="Hide", exact=True).click()
    expect(mod_page.get_by_text("Hidden by a moderator").first).to_be_visible()

    writer = browsing_factory()
    writer.log_in(author)
    own = writer.new_page()
    own.goto(writer.url(story_url))
    expect(own.get_by_text("Advertising a product is not allowed here.")).to_be_visible()
    own.get_by_role("link", name="Appeal this decision").click()
    own.get_by_label("Why should it be shown again?").fill("It was a joke title; I'll change it.")
    own.get_by_role("button", name="Send appeal").click()
    own.goto(writer.url(story_url))
    expect(own.get_by_text("You appealed on")).to_be_visible()

    mod_page.goto(mod.url(f"/moderation/stories/{story.pk}/"))
    expect(mod_page.get_by_role("link", name="Decide this appeal")).to_be_visible()


def test_pseudonymous_story_never_reveals_its_author(browsing: Any, page: Page) -> None:
    topic = TopicFactory(name="Mental health", slug="mental-health")
    author = UserFactory(display_name="Rosalind Truename")
    draft = services.story_save_draft(
        author=author,
        data=StoryInput(
            kind="story",
            title="Nights on the ward with marmalade toast",
            body="What the night staff did that helped me sleep.",
            topics=[topic],
            identity="pseudonym",
            pseudonym="Silver Heron",
        ),
    )
    story = services.story_publish(story=draft, actor=author, consented=True)
    index_story(story.pk)
    profile_href = f"/members/{author.handle}/"

    browsing.log_in(UserFactory(display_name="Nia Nosy"))
    for path in (f"/stories/{story.pk}/", "/", f"/topics/{topic.slug}/", "/search/?q=marmalade"):
        page.goto(browsing.url(path))
        expect(page.get_by_text("Silver Heron").first).to_be_visible()
        main = page.locator("main")
        expect(main).not_to_contain_text("Rosalind Truename")
        expect(main.locator(f'a[href="{profile_href}"]')).to_have_count(0)

    page.goto(browsing.url(profile_href))
    expect(page.locator("main")).not_to_contain_text("Silver Heron")
    expect(page.locator("main")).not_to_contain_text("Nights on the ward")

    feed = page.request.get(browsing.url("/feed.atom")).text()
    entries = [e for e in feed.split("<entry>") if "Nights on the ward" in e]
    assert len(entries) == 1, "the story should be in the site feed"
    assert "Silver Heron" in entries[0]
    assert "Rosalind Truename" not in feed
    assert profile_href not in feed


def test_export_then_delete_everything(browsing: Any, page: Page, tmp_path: Any) -> None:
    person = UserFactory(display_name="Dilys Departing")
    story = StoryFactory(author=person, title="Why I am leaving social media")
    browsing.log_in(person)

    page.goto(browsing.url("/members/me/data/"))
    page.get_by_role("button", name="Prepare a copy of my data").click()
    # The session records no sign-in in the last five minutes: the site asks for the password,
    # then goes on with the request it kept.
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it's you")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    link = page.get_by_role("link", name="Download your data")
    expect(link).to_be_visible()
    with page.expect_download() as download_info:
        link.click()
    saved = tmp_path / "export.zip"
    download_info.value.save_as(saved)
    assert zipfile.is_zipfile(saved)

    page.goto(browsing.url("/members/me/delete/"))
    # Reauthenticated a moment ago: no password again.
    page.get_by_label("Delete everything I wrote").check()
    page.get_by_label("I understand that my account will be deleted").check()
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is deleted")
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)

    response = page.goto(browsing.url(f"/stories/{story.pk}/"))
    assert response is not None and response.status in (404, 410)
    assert not Story.objects.filter(pk=story.pk).exists()


def test_new_member_sees_link_limit_beside_the_field(
    browsing: Any, page: Page, settings: Any
) -> None:
    settings.TRUST_LIMITS_ENABLED = True
    TopicFactory(name="Long COVID", slug="long-covid")
    browsing.log_in(UserFactory(display_name="Nell Newcomer"))
    body = "Useful: https://a.example.org https://b.example.org https://c.example.org"

    page.goto(browsing.url("/stories/new/"))
    page.get_by_label("A story: something you").check()
    page.get_by_label("Title").fill("Three links that helped me")
    page.get_by_label("Your words").fill(body)
    page.get_by_label("Long COVID").check()
    choose_privacy(page, identity="named", audience="public")
    page.get_by_role("button", name="Continue to review and publish").click()

    words = page.get_by_label("Your words")
    expect(words).to_have_value(body)
    described = words.get_attribute("aria-describedby") or ""
    expect(
        page.get_by_text(re.compile(r"can add up to 2 links in a post, and this has 3")).first
    ).to_be_visible()
    assert any(
        "can add up to 2 links" in (page.locator(f"#{i}").text_content() or "")
        for i in described.split()
    ), "the message should be tied to the field"


def test_withdrawn_story_vanishes_at_once_for_visitors_reading_stored_pages(
    browsing_factory: Any,
) -> None:
    """Visitors who are not signed in get stored pages; withdrawing must still take effect at once,
    on the story's page, the lists and the pages that link to it as related, while pages that
    never showed it stay stored."""
    from groundswell.stories.models import StoryRelation

    author = UserFactory(display_name="Wyn Writer")
    story = StoryFactory(author=author, title="The night I called the crisis line")
    linking = StoryFactory(title="Waiting for a bed")
    StoryRelation.objects.create(story=linking, related=story, score=0.9)
    unrelated = StoryFactory(title="Our allotment group")

    visitor = browsing_factory()
    reader = visitor.new_page()
    for _ in range(2):  # the second visit is served from the page cache
        response = reader.goto(visitor.url(f"/stories/{story.pk}/"))
        assert response is not None
        expect(reader.get_by_role("heading", name=story.title)).to_be_visible()
    assert response.headers.get("x-page-cache") == "hit"
    reader.goto(visitor.url("/"))
    reader.goto(visitor.url("/"))
    expect(reader.get_by_role("link", name=story.title)).to_be_visible()
    for _ in range(2):
        reader.goto(visitor.url(f"/stories/{linking.pk}/"))
        expect(reader.get_by_role("link", name=story.title)).to_be_visible()
        reader.goto(visitor.url(f"/stories/{unrelated.pk}/"))

    writer = browsing_factory()
    writer.log_in(author)
    page = writer.new_page()
    page.goto(writer.url(f"/stories/{story.pk}/"))
    page.get_by_role("link", name="Withdraw").click()
    page.get_by_role("button", name="Withdraw").click()

    gone = reader.goto(visitor.url(f"/stories/{story.pk}/"))
    assert gone is not None and gone.status == 404
    reader.goto(visitor.url("/"))
    expect(reader.get_by_role("link", name=story.title)).to_have_count(0)
    reader.goto(visitor.url(f"/stories/{linking.pk}/"))
    expect(reader.get_by_role("heading", name=linking.title)).to_be_visible()
    expect(reader.get_by_role("link", name=story.title)).to_have_count(0)
    # A page that never showed the withdrawn story is still served from the store.
    kept = reader.goto(visitor.url(f"/stories/{unrelated.pk}/"))
    assert kept is not None and kept.headers.get("x-page-cache") == "hit"
