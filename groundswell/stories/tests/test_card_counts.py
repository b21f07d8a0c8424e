"""Story cards show counts only when there is something to count."""

from __future__ import annotations

import re

import pytest

from groundswell.core.testing.factories import StoryFactory

pytestmark = pytest.mark.django_db


def card(html: str, title: str) -> str:
    for found in re.findall(r'<article class="card story-card".*?</article>', html, re.S):
        if f">{title}</a></h3>" in found:
            return found
    raise AssertionError(f"no card for {title!r}")


def test_a_card_with_no_reactions_or_comments_shows_no_counts(client):
    StoryFactory(title="Quiet one", experienced_count=0, helped_count=0, comment_count=0)
    quiet = card(client.get("/").content.decode(), "Quiet one")
    assert "experienced this too" not in quiet and "helpful" not in quiet
    assert "comment" not in quiet and 'class="card-meta counts"' not in quiet


def test_a_card_shows_only_the_counts_that_are_not_zero_as_a_list(client):
    StoryFactory(title="Some", experienced_count=2, helped_count=0, comment_count=1)
    some = card(client.get("/").content.decode(), "Some")
    counts = re.search(
        r'<ul class="card-meta counts" aria-label="Responses">(.*?)</ul>', some, re.S
    )
    assert counts is not None
    items = re.findall(r"<li><span>(.*?)</span></li>", counts.group(1))
    assert items == ["2 experienced this too", "1 comment"]
