"""Keyset cursors on the API's lists: whatever a cursor holds, the answer is a page or a 400
naming the cursor, never a server error (on SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from groundswell.accounts.models import User
from groundswell.api.tests.conftest import ApiClient
from groundswell.core.testing.factories import CommentFactory, StoryFactory
from groundswell.core.testing.strategies import crafted_cursors, cursor_positions
from groundswell.lib import cursors
from groundswell.stories.selectors import feed_position

pytestmark = pytest.mark.django_db

OUT_OF_RANGE = cursors.encode("9999-12-31T23:59:59-23:59", 1)


@pytest.fixture
def lists(api: Callable[..., ApiClient], owner: User) -> dict[str, Any]:
    story = StoryFactory.create(author=owner)
    CommentFactory.create_batch(2, story=story)
    return {
        "client": api(owner, "read"),
        # Each list, and the sort of stories its cursor is checked against (None: another list).
        "urls": [
            ("/api/stories", "recent"),
            ("/api/stories", "popular"),
            (f"/api/stories/{story.pk}/comments", None),
            ("/api/me/stories", None),
            ("/api/topics", None),
            ("/api/places", None),
        ],
    }


def assert_a_page_or_a_400(lists: dict[str, Any], cursor: str) -> None:
    for url, sort in lists["urls"]:
        params = {"cursor": cursor, **({"sort": sort} if sort else {})}
        response = lists["client"].get(url, params)
        assert response.status_code in (200, 400), (url, cursor)
        if response.status_code == 400:
            assert response.json()["detail"][0]["loc"] == ["query", "cursor"], (url, cursor)
        if sort is not None:
            try:
                feed_position(cursor, sort)
            except cursors.InvalidCursor:
                assert response.status_code == 400, (url, cursor)


def test_a_time_outside_the_calendar_in_utc_is_refused_on_stories_and_comments(
    lists: dict[str, Any],
) -> None:
    for url, sort in lists["urls"][:3]:
        params = {"cursor": OUT_OF_RANGE, **({"sort": sort} if sort else {})}
        response = lists["client"].get(url, params)
        assert response.status_code == 400, url
        assert response.json()["detail"][0]["loc"] == ["query", "cursor"]


PROPERTY = hypothesis_settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@PROPERTY
@given(cursor=cursor_positions)
def test_any_time_or_number_in_a_cursor_gives_a_page_or_a_400(
    lists: dict[str, Any], cursor: str
) -> None:
    assert_a_page_or_a_400(lists, cursor)


@PROPERTY
@given(cursor=crafted_cursors)
def test_any_cursor_gives_a_page_or_a_400_never_a_server_error(
    lists: dict[str, Any], cursor: str
) -> None:
    assert_a_page_or_a_400(lists, cursor)


@pytest.mark.parametrize("cursor", [cursors.encode(2**63, 1), cursors.encode(1, 2**63)])
def test_numbers_past_64_bits_are_refused(lists: dict[str, Any], cursor: str) -> None:
    response = lists["client"].get("/api/stories", {"sort": "popular", "cursor": cursor})
    assert response.status_code == 400
