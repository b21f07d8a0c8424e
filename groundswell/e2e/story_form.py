"""Filling in the share form in the browser tests, the way a person does.

The form chooses no identity and no audience for anyone (privacy by default, UK GDPR article 25):
a test that publishes chooses both, with `choose_privacy`, by the labels people read. The labels
come from the form itself, so a reworded label changes the tests with it.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from groundswell.stories.forms import StoryForm
from groundswell.stories.models import Audience, Identity

ORGANISATION_LABEL = "For an organisation, under its name"


def identity_label(identity: str) -> str:
    if identity == Identity.ORGANISATION:
        return ORGANISATION_LABEL
    return str(dict(StoryForm.base_fields["identity"].choices)[identity])  # type: ignore[attr-defined]


def audience_label(audience: str) -> str:
    return str(dict(StoryForm.base_fields["audience"].choices)[audience])  # type: ignore[attr-defined]


def choose_privacy(
    page: Page,
    *,
    identity: str = Identity.NAMED,
    audience: str = Audience.PUBLIC,
    pseudonym: str = "",
) -> None:
    """Choose how the author is shown and who can read it (and type the pseudonym, if any)."""
    page.get_by_role("radio", name=identity_label(identity), exact=True).check()
    if pseudonym:
        page.get_by_role("textbox", name=re.compile("^Pseudonym")).fill(pseudonym)
    page.get_by_role("radio", name=audience_label(audience), exact=True).check()


def choose_audience(page: Page, audience: str) -> None:
    page.get_by_role("radio", name=audience_label(audience), exact=True).check()


def expect_nothing_chosen(page: Page) -> None:
    """A fresh share form: no identity and no audience checked."""
    expect(page.locator("input[name=identity]:checked")).to_have_count(0)
    expect(page.locator("input[name=audience]:checked")).to_have_count(0)
