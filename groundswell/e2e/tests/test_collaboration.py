"""Co-created resources journey: the author invites a co-author, who accepts and edits; another
member suggests an edit and the author accepts it; the resource credits all three and its
history shows who changed what. Screenshots go to artifacts/screenshots/collab-*.png."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from groundswell.core.testing.factories import StoryFactory, UserFactory
from groundswell.e2e.tests.conftest import save_screenshot
from groundswell.stories.models import Story

pytestmark = pytest.mark.browser


def shot(page: Page, name: str) -> None:
    save_screenshot(page, f"collab-{name}")


def test_invite_accept_edit_suggest_accept_credit_and_history(browsing_factory: Any) -> None:
    author = UserFactory(display_name="Olu Owner")
    cora = UserFactory(display_name="Cora Coauthor")
    mina = UserFactory(display_name="Mina Member")
    story = StoryFactory(
        author=author,
        kind="resource",
        title="A guide to your first clinic visit",
        body="Bring your appointment letter.\n\nAsk for the quiet room if you need it.",
    )

    # The author invites Cora from the resource's page.
    owner = browsing_factory()
    owner.log_in(author)
    page = owner.new_page()
    page.goto(owner.url(f"/stories/{story.pk}/"))
    page.get_by_role("link", name="Suggest an edit or work on this resource").click()
    page.get_by_role("link", name="Invite a co-author").click()
    page.get_by_label("A member's handle").fill(cora.handle)
    page.get_by_role("button", name="Send invitation").click()
    expect(
        page.get_by_text("Invitation sent. Cora Coauthor can accept or decline it.")
    ).to_be_visible()
    shot(page, "1-invited")

    # Cora finds the invitation in her notifications, accepts, and edits the text.
    co = browsing_factory()
    co.log_in(cora)
    co_page = co.new_page()
    co_page.goto(co.url("/notifications/"))
    co_page.get_by_role("link", name="A guide to your first clinic visit").first.click()
    shot(co_page, "2-invitation")
    co_page.get_by_role("button", name="Accept").click()
    expect(co_page.get_by_text("You are now a co-author.")).to_be_visible()
    co_page.get_by_role("link", name="Edit the title and text").click()
    co_page.get_by_label("Text").fill(
        "Bring your appointment letter and a list of your medicines.\n\n"
        "Ask for the quiet room if you need it."
    )
    co_page.get_by_role("button", name="Save changes").click()
    expect(co_page.get_by_text("Your changes are saved.")).to_be_visible()

    # Mina suggests an edit.
    other = browsing_factory()
    other.log_in(mina)
    m_page = other.new_page()
    m_page.goto(other.url(f"/stories/{story.pk}/"))
    m_page.get_by_role("link", name="Suggest an edit or work on this resource").click()
    m_page.get_by_role("link", name="Suggest an edit").click()
    m_page.get_by_label("Text").fill(
        "Bring your appointment letter and a list of your medicines.\n\n"
        "Ask for the quiet room if you need it. Staff are kind about it."
    )
    m_page.get_by_label("A short note for the authors (optional)").fill("Reassurance helps")
    m_page.get_by_role("button", name="Send suggestion").click()
    expect(m_page.get_by_text("Thank you. The authors will see your suggestion")).to_be_visible()

    # The author sees the difference and accepts it.
    page.goto(owner.url(f"/resources/{story.pk}/"))
    page.get_by_role("link", name="Suggestion from Mina Member").click()
    expect(page.locator("ins", has_text="Staff")).to_be_visible()
    shot(page, "3-suggestion")
    page.get_by_role("button", name="Accept and apply it").click()
    expect(page.get_by_text("Suggestion accepted.")).to_be_visible()

    # Everyone is credited on the resource, and the history shows who changed what.
    visitor = browsing_factory()
    v_page = visitor.new_page()
    v_page.goto(visitor.url(f"/stories/{story.pk}/"))
    credits = v_page.locator(".credits")
    expect(credits).to_have_text(
        "Made by Olu Owner and Cora Coauthor, with contributions from Mina Member."
    )
    expect(v_page.get_by_text("Staff are kind about it.")).to_be_visible()
    shot(v_page, "4-credits")
    v_page.get_by_role("link", name="See every change").click()
    entries = v_page.locator(".history-entry")
    expect(entries).to_have_count(2)
    expect(entries.nth(0).get_by_role("heading")).to_have_text(
        "Suggested by Mina Member, accepted by Olu Owner"
    )
    expect(entries.nth(1).get_by_role("heading")).to_have_text("Edited by Cora Coauthor")
    expect(entries.nth(1).locator("ins", has_text="list of your medicines")).to_be_visible()
    shot(v_page, "5-history")
    assert Story.objects.get(pk=story.pk).body.endswith("Staff are kind about it.")
