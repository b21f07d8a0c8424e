"""The cache shared by every server process (core/sharedcache.py): CACHES["default"].

Two cache objects stand for two gunicorn workers: each builds its own from settings, and all they
share is the database.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.core.cache import caches
from django.db import connection

from groundswell.core import sharedcache
from groundswell.core.models import SharedCacheEntry
from groundswell.core.sharedcache import SharedDatabaseCache, hit, hit_many

pytestmark = pytest.mark.django_db


def worker() -> SharedDatabaseCache:
    return SharedDatabaseCache("", {})


def test_the_default_cache_is_shared_and_page_speed_caches_stay_local():
    assert isinstance(caches["default"], SharedDatabaseCache)
    assert not isinstance(caches["local"], SharedDatabaseCache)
    assert not isinstance(caches["pages"], SharedDatabaseCache)


def test_what_one_worker_stores_another_reads():
    first, second = worker(), worker()
    first.set("numbers", 41)
    first.set("history", [1.5, 2.5], timeout=60)
    first.set("text", "é and ☂")
    assert second.get("numbers") == 41
    assert second.get("history") == [1.5, 2.5]
    assert second.get("text") == "é and ☂"
    assert second.get("missing", "default") == "default"
    assert second.incr("numbers") == 42
    assert first.get("numbers") == 42
    assert second.delete("numbers") is True
    assert first.get("numbers") is None
    assert first.delete("numbers") is False


def test_the_table_never_holds_the_key_itself():
    """allauth's keys name the client's IP address: stored, they are a keyed hash."""
    worker().set("allauth:rl:account:login_failed:ip:192.0.2.44", [1.0], timeout=60)
    (stored,) = SharedCacheEntry.objects.values_list("cache_key", flat=True)
    assert "192.0.2.44" not in stored and len(stored) == 64
    assert worker().get("allauth:rl:account:login_failed:ip:192.0.2.44") == [1.0]


def test_add_stores_only_where_nothing_live_is():
    first, second = worker(), worker()
    # allauth marks a one-time code as used with add(): the other worker must refuse it.
    assert first.add("totp-used:123456", "y", timeout=30) is True
    assert second.add("totp-used:123456", "y", timeout=30) is False
    assert second.get("totp-used:123456") == "y"


def test_expired_entries_read_as_missing_and_can_be_added_again():
    cache = worker()
    cache.set("gone", 1, timeout=0.05)
    cache.set("kept", 1, timeout=60)
    time.sleep(0.1)
    assert cache.get("gone") is None
    assert cache.has_key("gone") is False
    assert cache.has_key("kept") is True
    with pytest.raises(ValueError):
        cache.incr("gone")
    assert cache.add("gone", 5) is True
    assert cache.get("gone") == 5


def test_touch_moves_the_expiry_and_none_keeps_for_ever():
    cache = worker()
    cache.set("brief", "x", timeout=0.05)
    assert cache.touch("brief", timeout=60) is True
    cache.set("always", "y", timeout=None)
    time.sleep(0.1)
    assert cache.get("brief") == "x"
    assert cache.get("always") == "y"
    assert cache.touch("never-set") is False


def test_incr_refuses_what_is_not_a_whole_number():
    cache = worker()
    cache.set("word", "seven")
    with pytest.raises(ValueError):
        cache.incr("word")


def test_hits_count_up_across_workers_and_start_again_after_the_window():
    first, second = worker(), worker()
    assert [hit(first, "k", 60), hit(second, "k", 60), hit(first, "k", 60)] == [1, 2, 3]
    assert hit(second, "short", 0.05) == 1
    time.sleep(0.1)
    assert hit(first, "short", 60) == 1  # a new window
    # A value that is not a count starts a new count rather than failing.
    first.set("was-text", "x")
    assert hit(second, "was-text", 60) == 1


def test_hit_many_counts_each_key_in_one_statement(django_assert_num_queries, monkeypatch):
    monkeypatch.setattr(sharedcache, "PURGE_ONE_IN", 10**9)
    cache = worker()
    hit(cache, "b", 60)
    with django_assert_num_queries(1):
        assert hit_many(cache, ["a", "b", "c"], 60) == [1, 2, 1]
    with pytest.raises(ValueError):
        hit_many(cache, ["a", "a"], 60)


def test_the_default_cache_proxy_counts_in_one_statement(django_assert_num_queries, monkeypatch):
    from django.core.cache import cache  # what the limiters import: a proxy, not the backend

    monkeypatch.setattr(sharedcache, "PURGE_ONE_IN", 10**9)
    with django_assert_num_queries(1):
        assert hit_many(cache, ["x", "y"], 60) == [1, 1]


def test_other_backends_count_with_add_and_incr():
    local = caches["local"]
    assert [hit(local, "n", 60) for _ in range(3)] == [1, 2, 3]
    assert hit_many(local, ["n", "m"], 60) == [4, 1]


def test_writes_now_and_then_delete_expired_entries(monkeypatch):
    cache = worker()
    cache.set("old", 1, timeout=0.01)
    cache.set("live", 1, timeout=60)
    time.sleep(0.05)
    monkeypatch.setattr(sharedcache, "PURGE_ONE_IN", 1)
    cache.set("new", 1)
    assert set(SharedCacheEntry.objects.values_list("cache_key", flat=True)) == {
        cache.make_key("live"),
        cache.make_key("new"),
    }


def test_clear_empties_it():
    cache = worker()
    cache.set("a", 1)
    cache.clear()
    assert cache.get("a") is None


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent connections: PostgreSQL's test database"
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_hits_never_lose_a_count():
    """Eight threads (eight connections, as eight workers) hit one key: every count is given
    exactly once, so a limit of N lets exactly N through."""
    counts: list[int] = []
    lock = threading.Lock()

    def run() -> None:
        try:
            cache = worker()
            mine = [hit(cache, "login:ip:192.0.2.1", 60) for _ in range(25)]
            with lock:
                counts.extend(mine)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(counts) == list(range(1, 201))
