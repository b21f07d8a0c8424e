"""The site's fixed-window limiter: counting, refusing, and saying when to try again."""

from __future__ import annotations

import pytest
from django.db import OperationalError

from groundswell.core import sharedcache
from groundswell.core.ratelimit import Limit, RateLimited, check_rate, check_rates, describe_seconds
from groundswell.core.sharedcache import SharedDatabaseCache

pytestmark = pytest.mark.django_db

NOW = 3600 * 277_778 + 30.0  # 30 seconds into a minute (and into an hour)


def test_check_rate_allows_up_to_the_limit_then_says_when_to_retry() -> None:
    for _ in range(3):
        check_rate("test:key", 3, 60, now=NOW)
    with pytest.raises(RateLimited) as exc:
        check_rate("test:key", 3, 60, now=NOW)
    assert exc.value.retry_after == 30
    assert exc.value.limit == 3 and exc.value.window_seconds == 60
    assert "Please try again in 30 seconds." in exc.value.message
    check_rate("test:other-key", 3, 60, now=NOW)  # keys are counted separately
    check_rate("test:key", 3, 60, now=NOW + 31)  # the next window starts afresh


def test_zero_turns_a_limit_off() -> None:
    for _ in range(50):
        check_rate("test:off", 0, 60)


def test_a_failing_cache_lets_people_through(monkeypatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr(SharedDatabaseCache, "hit_many", broken)
    for _ in range(5):
        check_rate("test:down", 1, 60)


def test_several_limits_are_counted_together_in_one_statement(
    django_assert_num_queries, monkeypatch
) -> None:
    monkeypatch.setattr(sharedcache, "PURGE_ONE_IN", 10**9)
    limits = [Limit("test:per-minute", 5, 60), Limit("test:per-hour", 2, 3600)]
    with django_assert_num_queries(1):
        check_rates(limits, now=NOW)
    check_rates(limits, now=NOW)
    with pytest.raises(RateLimited) as exc:
        check_rates(limits, now=NOW)
    assert exc.value.key == "test:per-hour"
    assert exc.value.retry_after == 3600 - 30


def test_when_several_limits_are_over_the_longest_wait_is_given() -> None:
    limits = [Limit("test:short", 1, 60), Limit("test:long", 1, 3600)]
    check_rates(limits, now=NOW)
    with pytest.raises(RateLimited) as exc:
        check_rates(limits, now=NOW)
    assert exc.value.key == "test:long"
    assert exc.value.message == (
        "You've done this once in 1 hour. Please try again in 60 minutes."  # not 30 seconds
    )


def test_the_same_key_twice_is_a_mistake_not_a_free_pass() -> None:
    with pytest.raises(ValueError, match="own key"):
        check_rates([Limit("test:twice", 1, 60), Limit("test:twice", 5, 60)])


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(1, "1 second"), (45, "45 seconds"), (61, "2 minutes"), (3600, "1 hour"), (7201, "3 hours")],
)
def test_durations_in_plain_words(seconds: int, words: str) -> None:
    assert describe_seconds(seconds) == words
