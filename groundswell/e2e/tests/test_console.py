"""Pages run cleanly under the Content Security Policy: nothing is blocked, nothing throws."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Community

pytestmark = pytest.mark.browser


def test_key_pages_cause_no_csp_violations_or_script_errors(
    browsing: Any, community: Community
) -> None:
    browsing.log_in(community.member)
    page = browsing.new_page()
    story = f"/stories/{community.story.pk}/"
    for path in ("/", story, "/stories/new/", "/search/?q=carers", "/members/me/"):
        page.goto(browsing.url(path))
    # An htmx swap (a reaction) must not trip the policy either.
    page.goto(browsing.url(story))
    page.get_by_role("button", name="This helped").first.click()
    page.get_by_role("button", name="This helped").first.and_(
        page.locator("[aria-pressed=true]")
    ).wait_for()
    assert browsing.watch.page_errors == []
    assert browsing.watch.csp_violations() == []
