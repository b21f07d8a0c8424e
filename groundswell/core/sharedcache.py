"""A cache kept in the database, shared by every server process: CACHES["default"].

What must be counted or remembered across processes lives here: the trust and API rate limits,
allauth's login and sign-up limits, and the one-time codes allauth marks as used so a code can't be
replayed. A local-memory cache would count per process, so with 2 gunicorn workers each limit
would be twice as loose, and a used code could be accepted again by the other worker; a network
cache (Redis) would be one more service that can go down and take logins with it. The database is
already there, and these are only touched by the actions they limit (sign-ins, posts, API calls).

Keys are stored as a keyed hash (`private_key`): the table never holds an address or an email.
Whole numbers are kept as numbers, so `incr` and `hit_many` are single atomic statements (an upsert
with RETURNING, on SQLite 3.35+ and PostgreSQL alike); other values are pickled. Expired entries
read as missing and are deleted now and then by a write. Caches that only speed pages up stay
local to each process (CACHES["local"] and CACHES["pages"]): they need no sharing and must not
cost a database round trip.
"""

from __future__ import annotations

import pickle
import random
import time
from typing import Any, cast

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.db import connections, router
from django.utils.crypto import salted_hmac

from groundswell.core.models import SharedCacheEntry

# A write deletes expired entries once in this many, on average.
PURGE_ONE_IN = 200
# What a timeout of None (keep for ever) is stored as: the year 5138.
FOREVER = 1e11


def _is_number(value: Any) -> bool:
    return type(value) is int and -(2**63) <= value < 2**63


def private_key(key: str, key_prefix: str, version: int) -> str:
    """Keys as stored: a keyed hash, since allauth's keys hold the client's IP address and a
    plain hash of an IPv4 address is undone by trying all four billion."""
    return salted_hmac(
        "groundswell.core.sharedcache", f"{key_prefix}:{version}:{key}", algorithm="sha256"
    ).hexdigest()


class SharedDatabaseCache(BaseCache):
    def __init__(self, location: str, params: dict[str, Any]) -> None:
        super().__init__({"KEY_FUNCTION": private_key, **params})
        self._table = SharedCacheEntry._meta.db_table

    def _connection(self, *, write: bool) -> Any:
        alias = (router.db_for_write if write else router.db_for_read)(SharedCacheEntry)
        return connections[alias]

    def _expiry(self, timeout: Any) -> float:
        """Seconds since the epoch (BaseCache turns a timeout into that, None for never)."""
        expires = self.get_backend_timeout(timeout)
        return FOREVER if expires is None else float(expires)

    @staticmethod
    def _columns(value: Any) -> tuple[bytes | None, int | None]:
        if _is_number(value):
            return None, value
        return pickle.dumps(value, pickle.HIGHEST_PROTOCOL), None

    def _maybe_purge(self, cursor: Any) -> None:
        if random.randrange(PURGE_ONE_IN) == 0:  # noqa: S311 (not for security)
            cursor.execute(f"DELETE FROM {self._table} WHERE expires <= %s", [time.time()])  # noqa: S608

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        with self._connection(write=False).cursor() as cursor:
            cursor.execute(
                f"SELECT value, number FROM {self._table} WHERE cache_key = %s AND expires > %s",  # noqa: S608
                [key, time.time()],
            )
            row = cursor.fetchone()
        if row is None:
            return default
        value, number = row
        if number is not None:
            return number
        return pickle.loads(bytes(value))  # noqa: S301 (written by this class only)

    def _write(self, key: str, value: Any, timeout: Any, *, only_if_absent: bool) -> bool:
        blob, number = self._columns(value)
        now = time.time()
        condition = f" WHERE {self._table}.expires <= %s" if only_if_absent else ""
        params: list[Any] = [key, blob, number, self._expiry(timeout)]
        if only_if_absent:
            params.append(now)
        with self._connection(write=True).cursor() as cursor:
            self._maybe_purge(cursor)
            cursor.execute(
                f"INSERT INTO {self._table} (cache_key, value, number, expires) VALUES (%s, %s, %s, %s) "  # noqa: S608
                "ON CONFLICT (cache_key) DO UPDATE SET value = excluded.value, "
                f"number = excluded.number, expires = excluded.expires{condition}",
                params,
            )
            return bool(cursor.rowcount)

    def set(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        key = self.make_and_validate_key(key, version=version)
        self._write(key, value, timeout, only_if_absent=False)

    def add(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        """Store only if there is no live entry; True when stored. Atomic: of two processes adding
        the same key at once, one gets True."""
        key = self.make_and_validate_key(key, version=version)
        return self._write(key, value, timeout, only_if_absent=True)

    def touch(self, key: str, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        with self._connection(write=True).cursor() as cursor:
            cursor.execute(
                f"UPDATE {self._table} SET expires = %s WHERE cache_key = %s AND expires > %s",  # noqa: S608
                [self._expiry(timeout), key, time.time()],
            )
            return bool(cursor.rowcount)

    def delete(self, key: str, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        with self._connection(write=True).cursor() as cursor:
            cursor.execute(f"DELETE FROM {self._table} WHERE cache_key = %s", [key])  # noqa: S608
            return bool(cursor.rowcount)

    def incr(self, key: str, delta: int = 1, version: int | None = None) -> int:
        """Add `delta` to a live whole number in one statement; ValueError when there is none."""
        key = self.make_and_validate_key(key, version=version)
        with self._connection(write=True).cursor() as cursor:
            cursor.execute(
                f"UPDATE {self._table} SET number = number + %s "  # noqa: S608
                "WHERE cache_key = %s AND expires > %s AND number IS NOT NULL RETURNING number",
                [delta, key, time.time()],
            )
            row = cursor.fetchone()
        if row is None:
            raise ValueError(f"Key '{key}' not found")
        return int(row[0])

    def hit_many(self, keys: list[str], timeout: float, version: int | None = None) -> list[int]:
        """Count one more for each of several distinct keys and return their counts, in order,
        starting at 1 where there is no live entry (the count then lives `timeout` seconds).
        One atomic statement."""
        made = [self.make_and_validate_key(key, version=version) for key in keys]
        if len(set(made)) != len(made):
            raise ValueError("hit_many needs distinct keys")
        now = time.time()
        t = self._table
        with self._connection(write=True).cursor() as cursor:
            self._maybe_purge(cursor)
            cursor.execute(
                f"INSERT INTO {t} (cache_key, value, number, expires) VALUES "  # noqa: S608
                + ", ".join(["(%s, NULL, 1, %s)"] * len(made))
                + " ON CONFLICT (cache_key) DO UPDATE SET "
                f"number = CASE WHEN {t}.expires <= %s OR {t}.number IS NULL THEN 1 "
                f"ELSE {t}.number + 1 END, value = NULL, "
                f"expires = CASE WHEN {t}.expires <= %s OR {t}.number IS NULL "
                f"THEN excluded.expires ELSE {t}.expires END "
                "RETURNING cache_key, number",
                [p for key in made for p in (key, now + timeout)] + [now, now],
            )
            counts = dict(cursor.fetchall())
        return [int(counts[key]) for key in made]

    def has_key(self, key: str, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        with self._connection(write=False).cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {self._table} WHERE cache_key = %s AND expires > %s",  # noqa: S608
                [key, time.time()],
            )
            return cursor.fetchone() is not None

    def clear(self) -> None:
        with self._connection(write=True).cursor() as cursor:
            cursor.execute(f"DELETE FROM {self._table}")  # noqa: S608


def hit_many(cache: BaseCache, keys: list[str], timeout: float) -> list[int]:
    """Count one more for each of `keys` in `cache` and return their counts (1 for a new or
    expired entry). One statement on the shared cache; add-then-incr on any other backend.
    (`django.core.cache.cache` is a proxy, so this asks for the method rather than the class.)"""
    shared = getattr(cache, "hit_many", None)
    if shared is not None:
        return cast(list[int], shared(keys, timeout))
    counts = []
    for key in keys:
        try:
            cache.add(key, 0, timeout=timeout)
            counts.append(cache.incr(key))
        except ValueError:  # expired between add and incr: the first of a new window
            cache.set(key, 1, timeout=timeout)
            counts.append(1)
    return counts


def hit(cache: BaseCache, key: str, timeout: float) -> int:
    return hit_many(cache, [key], timeout)[0]
