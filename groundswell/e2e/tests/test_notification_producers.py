"""Following someone tells them; what they publish then reaches the follower's inbox, and a
moderator hiding it tells its author why, in the site only."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from groundswell.core.testing.factories import StoryFactory, UserFactory
from groundswell.moderation import services as moderation_services
from groundswell.stories.models import Status

pytestmark = pytest.mark.browser


def open_inbox(page: Any, browsing: Any) -> None:
    page.goto(browsing.url("/notifications/"))
    expect(page.get_by_role("heading", name="Notifications", level=1)).to_be_visible()


def test_follow_publish_and_moderation_notices_reach_the_right_inboxes(
    browsing_factory: Any, moderator: Any, screenshot: Any
) -> None:
    writer = UserFactory(display_name="Wyn Writer")
    reader = UserFactory(display_name="Rhi Reader")
    StoryFactory(author=writer, title="Wyn's first story")  # a profile shows once they shared
    story = StoryFactory(
        author=writer,
        title="Back at work after the operation",
        status=Status.DRAFT,
        published_at=None,
    )

    rhi = browsing_factory()
    rhi.log_in(reader)
    rhi_page = rhi.new_page()
    rhi_page.goto(rhi.url(f"/members/{writer.handle}/"))
    rhi_page.get_by_role("button", name="Follow Wyn Writer").click()
    expect(rhi_page.get_by_role("button", name="Unfollow Wyn Writer")).to_be_visible()

    wyn = browsing_factory()
    wyn.log_in(writer)
    wyn_page = wyn.new_page()
    wyn_page.goto(wyn.url(f"/stories/{story.pk}/publish/"))
    wyn_page.get_by_label(re.compile("I understand who will see this")).check()
    wyn_page.get_by_role("button", name="Publish").click()
    expect(wyn_page.get_by_role("heading", name=story.title)).to_be_visible()
    open_inbox(wyn_page, wyn)
    expect(
        wyn_page.get_by_role("link", name="Rhi Reader started following you: Rhi Reader")
    ).to_be_visible()

    rhi_page.goto(rhi.url("/"))
    open_inbox(rhi_page, rhi)
    link = rhi_page.get_by_role(
        "link", name=re.compile(r"^Wyn Writer shared something new in what you follow")
    )
    expect(link).to_contain_text(story.title)
    screenshot(rhi_page, "producers-following-new")
    link.click()
    expect(rhi_page).to_have_url(re.compile(rf"/stories/{story.pk}/$"))

    story.refresh_from_db()
    moderation_services.item_hide(item=story, actor=moderator, reason="It names a nurse.")
    wyn_page.goto(wyn.url("/"))
    open_inbox(wyn_page, wyn)
    notice = wyn_page.get_by_role("link", name="A moderator hid your post: It names a nurse.")
    notice.click()
    expect(
        wyn_page.get_by_role("heading", name="Moderation of your posts", level=1)
    ).to_be_visible()
    screenshot(wyn_page, "producers-moderation")
