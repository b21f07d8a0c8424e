"""Following journey: a member follows a person and a topic, sees what they post in Following,
and someone writing a comment about ending their life is shown help lines."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from groundswell.core.testing.factories import StoryFactory, TopicFactory, UserFactory
from groundswell.safeguarding.models import SafeguardingAlert

pytestmark = pytest.mark.browser


def test_follow_a_person_and_a_topic_and_see_their_new_posts(
    browsing_factory: Any, screenshot: Any
) -> None:
    topic = TopicFactory(name="Caring for someone", slug="caring")
    writer = UserFactory(display_name="Wyn Writer")
    StoryFactory(author=writer, title="Wyn's first story", topics=[TopicFactory()])
    reader = UserFactory(display_name="Rhi Reader")
    browsing = browsing_factory()
    browsing.log_in(reader)
    page = browsing.new_page()

    page.goto(browsing.url("/following/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Following")
    page.goto(browsing.url(f"/members/{writer.handle}/"))
    page.get_by_role("button", name="Follow Wyn Writer").click()
    expect(page.get_by_role("button", name="Unfollow Wyn Writer")).to_be_visible()
    page.goto(browsing.url("/topics/caring/"))
    page.get_by_role("button", name="Follow Caring for someone").click()
    expect(page.get_by_role("button", name="Unfollow Caring for someone")).to_be_visible()

    StoryFactory(author=writer, title="Back at work after the operation")
    StoryFactory(author=UserFactory(), title="Respite weekends that worked", topics=[topic])
    StoryFactory(author=UserFactory(), title="Nothing to do with either")
    page.get_by_role("link", name="Following", exact=True).click()
    feed = page.get_by_role("main")
    expect(feed.get_by_role("link", name="Back at work after the operation")).to_be_visible()
    expect(feed.get_by_role("link", name="Respite weekends that worked")).to_be_visible()
    expect(feed.get_by_role("link", name="Wyn's first story")).to_be_visible()
    expect(feed).not_to_contain_text("Nothing to do with either")
    screenshot(page, "following-feed")


def test_a_comment_about_ending_ones_life_shows_help_lines(
    browsing_factory: Any, screenshot: Any
) -> None:
    story = StoryFactory(title="Two years of caring for Mum")
    commenter = UserFactory(display_name="Cai Commenter")
    browsing = browsing_factory()
    browsing.log_in(commenter)
    page = browsing.new_page()
    page.goto(browsing.url(f"/stories/{story.pk}/"))
    page.get_by_label("Your comment").fill("Some nights I think about ending my life.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your comment is posted")
    support = page.get_by_role("region", name="You don't have to go through this alone")
    expect(support).to_be_visible()
    expect(support.get_by_text("Samaritans")).to_be_visible()
    screenshot(page, "comment-crisis-help")
    page.get_by_role("link", name="See your comment").click()
    expect(page.get_by_text("Some nights I think about ending my life.")).to_be_visible()
    assert SafeguardingAlert.objects.open().filter(person=commenter).exists()
