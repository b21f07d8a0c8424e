"""The interactive API docs in a real Chromium: they render, under the site's CSP, without
fetching anything from another site. Run with `make test-browser`."""

from __future__ import annotations

import os
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture
def chromium_page() -> Iterator[object]:
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                yield browser.new_page()
            finally:
                browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def test_api_docs_render_locally_under_the_csp(live_server, chromium_page):
    page = chromium_page
    requested: list[str] = []
    problems: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(f"{live_server.url}/api/docs", wait_until="networkidle")
    page.get_by_text("/api/stories/{story_id}/publish", exact=True).first.wait_for(timeout=15_000)

    own = urlparse(live_server.url).netloc
    foreign = [url for url in requested if urlparse(url).netloc not in (own, "")]
    assert not foreign, foreign
    assert not [p for p in problems if "Content Security Policy" in p], problems
    assert not problems, problems
    assert page.locator("text=Groundswell API").first.is_visible()
