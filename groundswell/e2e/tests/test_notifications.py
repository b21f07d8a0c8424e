"""A reply produces an inbox notification and a digest email whose unsubscribe link works."""

from __future__ import annotations

import email
import re
from email import policy
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from groundswell.core.testing.factories import StoryFactory, UserFactory
from groundswell.notifications import services
from groundswell.notifications.models import NotificationSettings

pytestmark = pytest.mark.browser


def read_messages(mail_dir: Path) -> list[email.message.EmailMessage]:
    messages = []
    for path in sorted(mail_dir.iterdir()):
        for raw in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if raw.strip():
                messages.append(email.message_from_bytes(raw, policy=policy.default))
    return messages


def test_a_reply_reaches_the_inbox_and_the_daily_summary_with_a_working_unsubscribe(
    browsing_factory: Any, live_server: Any, mail_dir: Path, settings: Any
) -> None:
    settings.SITE_URL = live_server.url
    settings.NOTIFICATIONS_DIGEST_HOUR = 0  # the daily summary is due whenever the test runs
    author = UserFactory(display_name="Amara")
    commenter = UserFactory(display_name="Bea")
    story = StoryFactory(author=author, title="Getting a wheelchair assessment took a year")

    bea = browsing_factory()
    bea.log_in(commenter)
    page = bea.new_page()
    page.goto(bea.url(f"/stories/{story.pk}/"))
    page.get_by_label("Your comment").fill("Ours took 14 months. Ask the OT to chase it.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("status")).to_contain_text("Your comment is posted.")

    amara = browsing_factory()
    amara.log_in(author)
    page = amara.new_page()
    page.goto(amara.url("/"))
    nav = page.get_by_role("navigation", name="Your account")
    expect(nav.get_by_role("link", name="Notifications 1 unread")).to_be_visible()
    nav.get_by_role("link", name="Notifications 1 unread").click()
    expect(page.get_by_role("heading", name="Notifications", level=1)).to_be_visible()
    link = page.get_by_role("link", name=re.compile(r"^Bea commented on your story"))
    expect(link).to_contain_text("Getting a wheelchair assessment took a year")
    link.click()
    expect(page).to_have_url(re.compile(rf"/stories/{story.pk}/#comment-\d+$"))
    expect(page.get_by_text("Ours took 14 months")).to_be_visible()
    expect(nav.get_by_role("link", name="Notifications", exact=True)).to_be_visible()

    services.digests_run()
    [message] = [m for m in read_messages(mail_dir) if str(author.email) in str(m["To"])]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert "Bea commented on your story" in text
    assert "Ours took 14 months" not in text and story.title not in text
    unsubscribe = re.search(rf"{re.escape(live_server.url)}/notifications/unsubscribe/\S+", text)
    assert unsubscribe is not None
    assert f"<{unsubscribe.group(0)}>" in str(message["List-Unsubscribe"])

    stranger = browsing_factory().new_page()  # the link works without signing in
    stranger.goto(unsubscribe.group(0))
    stranger.get_by_role("button", name="Stop all notification emails").click()
    expect(stranger.get_by_role("heading", name="Emails stopped")).to_be_visible()
    assert NotificationSettings.objects.get(user=author).emails_off
