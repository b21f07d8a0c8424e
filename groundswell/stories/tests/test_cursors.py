"""Keyset cursors on the HTML lists: whatever a cursor holds, the list answers, on SQLite and
PostgreSQL. A cursor that names no position gives the first page, never a server error."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from groundswell.core.testing.factories import (
    PlaceFactory,
    StoryFactory,
    TopicFactory,
    UserFactory,
)
from groundswell.core.testing.strategies import crafted_cursors, cursor_positions
from groundswell.lib import cursors
from groundswell.stories.selectors import feed_position

pytestmark = pytest.mark.django_db

# The cursor the security report sent: a real time whose UTC is in the year 10000.
OUT_OF_RANGE = cursors.encode("9999-12-31T23:59:59-23:59", 1)


@pytest.fixture
def lists(db: None) -> dict[str, Any]:
    topic = TopicFactory.create(slug="sleep")
    place = PlaceFactory.create(slug="wales")
    author = UserFactory.create()
    stories = [
        StoryFactory.create(
            title=f"Sleeping again, night {i}", author=author, topics=[topic], place=place
        )
        for i in range(3)
    ]
    return {
        # Each list, and whether it offers "popular" (a person's stories are newest first only).
        "urls": [
            (reverse("stories:home"), True),
            (reverse("stories:kind_list", args=["stories"]), True),
            (reverse("topics:detail", args=[topic.slug]), True),
            (reverse("places:detail", args=[place.slug]), True),
            (reverse("accounts:profile", args=[author.handle]), False),
        ],
        "newest": stories[-1].title,
    }


def assert_first_page_or_a_position(
    client: Client, lists: dict[str, Any], cursor: str, sort: str
) -> None:
    for url, sorts in lists["urls"]:
        response = client.get(url, {"sort": sort, "after": cursor})
        assert response.status_code == 200, (url, cursor)
        try:
            feed_position(cursor, sort if sorts else "recent")
        except cursors.InvalidCursor:
            assert lists["newest"] in response.content.decode(), (url, cursor)


def test_an_out_of_range_time_in_a_cursor_gives_the_first_page(lists: dict[str, Any]) -> None:
    assert_first_page_or_a_position(Client(), lists, OUT_OF_RANGE, "recent")
    too_big = cursors.encode(2**63, 2**63)
    assert_first_page_or_a_position(Client(), lists, too_big, "popular")


PROPERTY = hypothesis_settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@PROPERTY
@given(cursor=cursor_positions, sort=st.sampled_from(["recent", "popular"]))
def test_any_time_or_number_in_a_cursor_gives_a_page(
    lists: dict[str, Any], cursor: str, sort: str
) -> None:
    assert_first_page_or_a_position(Client(), lists, cursor, sort)


@PROPERTY
@given(cursor=crafted_cursors, sort=st.sampled_from(["recent", "popular"]))
def test_any_cursor_gives_a_page_never_a_server_error(
    lists: dict[str, Any], cursor: str, sort: str
) -> None:
    assert_first_page_or_a_position(Client(), lists, cursor, sort)


def test_a_real_next_page_cursor_still_continues_the_list(
    client_for: Callable[..., Client], settings: Any
) -> None:
    settings.FEED_PAGE_SIZE = 2
    for i in range(3):
        StoryFactory.create(title=f"Walking group {i}")
    client = client_for(None)
    first = client.get(reverse("stories:home"))
    second = client.get(reverse("stories:home"), {"after": first.context["page"].next_cursor})
    assert [s.title for s in second.context["page"].items] == ["Walking group 0"]


@pytest.mark.parametrize(
    "value",
    [
        "9999-12-31T23:59:59-23:59",
        "0001-01-01T00:00:00+23:59",
        "2026-01-01T00:00:00",  # no offset: which moment is it?
        "yesterday",
    ],
)
def test_times_that_are_no_position_are_refused(value: str) -> None:
    with pytest.raises(cursors.InvalidCursor):
        cursors.as_datetime(value)


@pytest.mark.parametrize("value", [str(2**63), "-1", "0", "²", "٣", " 7", "1_000", "1e3", ""])
def test_ids_outside_a_bigint_or_not_plain_digits_are_refused(value: str) -> None:
    with pytest.raises(cursors.InvalidCursor):
        cursors.as_id(value)


def test_a_cursor_we_handed_out_decodes_to_its_position() -> None:
    when = dt.datetime(2026, 3, 4, 5, 6, 7, 890, tzinfo=dt.UTC)
    assert feed_position(cursors.encode(when.isoformat(), 12), "recent") == (when, 12)
    assert feed_position(cursors.encode(-3, 2**63 - 1), "popular") == (-3, 2**63 - 1)
