"""Direct messages in a browser: two connected members write to each other, one blocks the
other, who can no longer send; a moderator opens a reported message and sees nothing else of
the conversation. Screenshots (phone and desktop) go to artifacts/screenshots/messages-*.png."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import Page, expect

from groundswell.accounts.models import User
from groundswell.core.testing.factories import UserFactory
from groundswell.e2e.tests.conftest import MOBILE, save_screenshot
from groundswell.follows.models import Connection, ConnectionStatus
from groundswell.moderation.testing import mark_session_mfa

pytestmark = pytest.mark.browser


def shot(page: Page, name: str) -> None:
    save_screenshot(page, f"messages-{name}")


def connect(a: User, b: User) -> None:
    low, high = sorted((a, b), key=lambda u: u.pk)
    Connection.objects.create(
        user_low=low, user_high=high, requested_by=a, status=ConnectionStatus.ACCEPTED
    )


def log_in_with_mfa(browsing: Any, user: User) -> None:
    client = Client()
    client.force_login(user)
    mark_session_mfa(client, user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    browsing.context.clear_cookies()
    browsing.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": browsing.base_url, "httpOnly": True}]
    )


def send(page: Page, text: str) -> None:
    page.get_by_label("Your message").fill(text)
    page.get_by_role("button", name="Send").click()


def test_two_members_message_then_a_block_stops_replies(browsing_factory: Any) -> None:
    amara = UserFactory(display_name="Amara Okafor")
    bea = UserFactory(display_name="Bea Jones")
    connect(amara, bea)

    a = browsing_factory()
    a.log_in(amara)
    a_page = a.new_page()
    a_page.goto(a.url(f"/messages/new/?to={bea.handle}"))
    expect(a_page.get_by_role("heading", name="Message Bea Jones", level=1)).to_be_visible()
    send(a_page, "Are you going to the carers' group on Thursday?")
    expect(a_page.get_by_role("heading", name="Bea Jones", level=1)).to_be_visible()
    expect(a_page.get_by_text("Are you going to the carers' group on Thursday?")).to_be_visible()
    conversation_url = a_page.url.split("#")[0]

    b = browsing_factory(MOBILE)
    b.log_in(bea)
    b_page = b.new_page()
    b_page.goto(b.url("/messages/"))
    expect(b_page.get_by_role("link", name="Amara Okafor")).to_be_visible()
    expect(b_page.locator("#main").get_by_text("1 unread")).to_be_attached()
    shot(b_page, "inbox-phone")
    b_page.get_by_role("link", name="Amara Okafor").click()
    expect(b_page.get_by_text("Are you going to the carers' group on Thursday?")).to_be_visible()
    send(b_page, "Yes! I'll bring the leaflets.")
    expect(b_page.get_by_text("Yes! I'll bring the leaflets.")).to_be_visible()
    shot(b_page, "conversation-phone")

    a_page.goto(conversation_url)
    expect(a_page.get_by_text("Yes! I'll bring the leaflets.")).to_be_visible()
    shot(a_page, "conversation-desktop")

    # Bea blocks Amara from the conversation page.
    b_page.goto(conversation_url.replace(a.base_url, b.base_url))
    b_page.get_by_role("button", name="Block Amara Okafor").click()
    expect(b_page.get_by_role("status")).to_contain_text("You blocked Amara Okafor")

    a_page.goto(conversation_url)
    expect(a_page.get_by_text("You can't reply to this conversation.")).to_be_visible()
    expect(a_page.get_by_label("Your message")).to_have_count(0)
    expect(a_page.get_by_text("Yes! I'll bring the leaflets.")).to_be_visible()
    shot(a_page, "blocked-desktop")
    a_page.goto(a.url(f"/messages/new/?to={bea.handle}"))
    expect(a_page.get_by_text("You can't send a message to this person.")).to_be_visible()


def test_a_moderator_sees_only_the_reported_message(browsing_factory: Any, moderator: User) -> None:
    amara = UserFactory(display_name="Amara Okafor")
    bea = UserFactory(display_name="Bea Jones")
    connect(amara, bea)
    from groundswell.messaging import permissions, services

    first = services.message_start(
        sender=amara,
        to=services.Recipient(person=bea),
        body="My test results came back: it's diabetes.",
    )
    access = permissions.get_conversation_for_user(bea, first.conversation_id)
    services.message_send(access=access, body="You are pathetic and everyone knows it.")

    a = browsing_factory()
    a.log_in(amara)
    a_page = a.new_page()
    a_page.goto(a.url(f"/messages/{first.conversation_id}/"))
    a_page.get_by_role("link", name="Report this message from Bea Jones").click()
    a_page.get_by_label("Harassment, threats or abuse").check()
    a_page.get_by_role("button", name="Send report").click()
    expect(a_page.get_by_role("status")).to_contain_text("A moderator will look at this message")

    mod = browsing_factory()
    log_in_with_mfa(mod, moderator)
    m_page = mod.new_page()
    m_page.goto(mod.url("/messages/reported/"))
    expect(m_page.get_by_text("My test results")).to_have_count(0)
    m_page.get_by_role("link", name=re.compile(r"Harassment")).click()
    expect(m_page.get_by_text("You are pathetic and everyone knows it.")).to_be_visible()
    expect(m_page.get_by_text("Bea Jones")).to_be_visible()
    expect(m_page.get_by_text("My test results came back")).to_have_count(0)
    expect(m_page.get_by_text("Amara Okafor")).to_have_count(0)
    shot(m_page, "reported-desktop")
    m_page.get_by_label(re.compile("Remove the message")).check()
    m_page.get_by_role("button", name="Decide").click()
    expect(m_page.get_by_text("No reported messages are waiting.")).to_be_visible()
    # A moderator can't open the conversation itself.
    response = m_page.goto(mod.url(f"/messages/{first.conversation_id}/"))
    assert response is not None and response.status == 404

    a_page.goto(a.url(f"/messages/{first.conversation_id}/"))
    expect(a_page.get_by_text("Removed by a moderator")).to_be_visible()
    expect(a_page.get_by_text("You are pathetic")).to_have_count(0)
