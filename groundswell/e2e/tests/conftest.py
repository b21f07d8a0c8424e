"""Browser fixtures: one Chromium per test session, a fresh context (cookies, storage) per test.

Run with `make test-browser`. Every page a test opens fails it when the page opens a dialog
(alert/confirm/prompt): nothing in Groundswell does, so a dialog means injected script ran.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

from groundswell.accounts.models import User

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 900}
# The widths the issue asks screenshots at: a current phone (390) and a laptop (1280).
MOBILE = {"width": 390, "height": 844}
SCREENSHOT_DIR = Path(django_settings.BASE_DIR) / "artifacts" / "screenshots"
# Generous, because the suite shares a 2-core machine with other test runs: at load averages
# near 30 a form post and its redirect once took over 15 s. A real hang still fails in 30 s.
TIMEOUT_MS = 30_000
NAVIGATION_TIMEOUT_MS = 30_000
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def _allow_sync_orm_beside_playwright() -> Iterator[None]:
    """Playwright's sync API runs an event loop in the test thread, which trips Django's
    async-safety check on every ORM call a test makes. Only browser tests switch it off."""
    old = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if old is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = old


@pytest.fixture(scope="session")
def playwright_driver(_allow_sync_orm_beside_playwright: None) -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    chromium = playwright_driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@dataclass
class PageWatch:
    """What a page did that a person would notice or that signals an attack."""

    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def csp_violations(self) -> list[str]:
        return [m for m in self.console_errors if "Content Security Policy" in m]


@dataclass
class Browsing:
    """A browser context bound to the live server, with helpers tests share."""

    context: BrowserContext
    base_url: str
    watch: PageWatch

    def new_page(self) -> Page:
        page = self.context.new_page()
        self._watch(page)
        return page

    def _watch(self, page: Page) -> None:
        def on_dialog(dialog: Any) -> None:
            self.watch.dialogs.append(f"{dialog.type}: {dialog.message} on {page.url}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.on(
            "console",
            lambda msg: (
                self.watch.console_errors.append(f"{msg.text} on {page.url}")
                if msg.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda exc: self.watch.page_errors.append(f"{exc} on {page.url}"))

    def url(self, path: str) -> str:
        return self.base_url + path

    def log_in(self, user: User) -> None:
        """Sign in by session cookie: sign-in itself is covered by the sign-up journey."""
        client = Client()
        client.force_login(user)
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
        self.context.clear_cookies()
        self.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": self.base_url, "httpOnly": True}]
        )


def _new_browsing(browser: Browser, base_url: str, viewport: dict[str, int]) -> Browsing:
    context = browser.new_context(
        viewport=viewport,
        locale="en-GB",
        timezone_id="Europe/London",
        is_mobile=viewport["width"] < 600,
        has_touch=viewport["width"] < 600,
        device_scale_factor=1,
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    return Browsing(context=context, base_url=base_url, watch=PageWatch())


@pytest.fixture
def browsing_factory(browser: Browser, live_server: Any) -> Iterator[Any]:
    """browsing_factory(viewport=DESKTOP) -> a fresh Browsing (separate cookies: another person)."""
    made: list[Browsing] = []

    def make(viewport: dict[str, int] | None = None) -> Browsing:
        b = _new_browsing(browser, live_server.url, viewport or DESKTOP)
        made.append(b)
        return b

    yield make
    for b in made:
        b.context.close()
    dialogs = [d for b in made for d in b.watch.dialogs]
    assert dialogs == [], f"a page opened a dialog, so injected script ran: {dialogs}"


@pytest.fixture
def browsing(browsing_factory: Any) -> Browsing:
    return browsing_factory()


@pytest.fixture
def page(browsing: Browsing) -> Page:
    return browsing.new_page()


@pytest.fixture
def mail_dir(settings: Any, tmp_path: Path, live_server: Any) -> Path:
    """Write outgoing email here as the site does by default, one readable file a message (the
    live server runs in this process, so it sees this); links in emails point at the live server."""
    path = tmp_path / "mail"
    path.mkdir()
    settings.MAILERS = {
        "default": {
            "BACKEND": "groundswell.core.mail.ReadableFileBackend",
            "OPTIONS": {"file_path": str(path)},
        }
    }
    settings.SITE_URL = live_server.url
    return path


def save_screenshot(page: Page, name: str, *, full_page: bool = True, folder: str = "") -> Path:
    """Save a PNG under artifacts/screenshots/ (or a folder inside it, such as "390") for a
    person to look at after the run."""
    directory = SCREENSHOT_DIR / folder if folder else SCREENSHOT_DIR
    directory.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-")
    path = directory / f"{safe}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


@pytest.fixture
def screenshot() -> Any:
    """screenshot(page, "home-mobile") -> the saved PNG's path."""
    return save_screenshot


@dataclass
class Community:
    """A small, realistic community: enough for every key page to show real content."""

    owner: User
    member: User
    story: Any
    draft: Any
    topic: Any
    place: Any


@pytest.fixture
def community(db: None) -> Community:
    from groundswell.accounts.services import profile_update
    from groundswell.core.testing.factories import PlaceFactory, TopicFactory, UserFactory
    from groundswell.stories import services
    from groundswell.stories.services import StoryInput
    from groundswell.topics.models import Topic

    mind: Topic = TopicFactory.create(
        name="Mental health", slug="mental-health", description="Moods, minds and getting help."
    )
    carers: Topic = TopicFactory.create(
        name="Carers", slug="carers", description="Looking after someone."
    )
    TopicFactory(name="Long COVID", slug="long-covid", description="Living with long COVID.")
    wales = PlaceFactory(name="Wales", slug="wales")
    cardiff = PlaceFactory(name="Cardiff", slug="cardiff", parent=wales, level="county")
    owner = UserFactory(username="olu", display_name="Olu Adeyemi")
    member = UserFactory(username="mina", display_name="Mina Patel")
    profile_update(
        user=owner,
        display_name="Olu Adeyemi",
        fields={"pronouns": "he/him", "bio": "Carer for my mum. Runs a peer group in Splott."},
        topics=[carers, mind],
    )

    def share(author: User, title: str, body: str, **kw: Any) -> Any:
        story = services.story_save_draft(
            author=author,
            data=StoryInput(kind=kw.pop("kind", "story"), title=title, body=body, **kw),
        )
        return services.story_publish(story=story, actor=author, consented=True)

    story = share(
        owner,
        "Finding a carers' group changed the way I cope",
        "## Before\n\nI was doing everything alone: appointments, medicines, *night calls*.\n\n"
        "## After\n\n- A weekly group in Splott\n- A WhatsApp thread for bad nights\n"
        "- A [carers' assessment](https://www.gov.uk/carers-assessment) from the council\n\n"
        "> You are not the only one awake at 3am.",
        topics=[carers, mind],
        place=cardiff,
    )
    share(
        member,
        "An idea: quiet hours at the surgery",
        "Open the waiting room an hour early for people who find crowds hard.",
        kind="idea",
        topics=[mind],
        place=wales,
        identity="pseudonym",
        pseudonym="Quiet Otter",
    )
    share(
        member,
        "A resource: pacing diary template",
        "A printable diary to plan rest like appointments.",
        kind="resource",
        topics=[mind],
        identity="anonymous",
    )
    first = services.comment_create(
        story=story, author=member, body="Thank you. I didn't know about the assessment."
    )
    services.comment_create(
        story=story,
        author=owner,
        body="It took three months, but **it was worth it**.",
        parent=first,
    )
    draft = services.story_save_draft(
        author=member,
        data=StoryInput(
            kind="story",
            title="Waiting for an autism assessment as an adult",
            body="Two years on the list so far. What kept me going.",
            topics=[mind],
            place=cardiff,
            audience="members",
        ),
    )
    return Community(owner=owner, member=member, story=story, draft=draft, topic=mind, place=wales)
