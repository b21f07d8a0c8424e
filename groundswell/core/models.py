from __future__ import annotations

from django.db import models


class ScopeVersion(models.Model):
    """The version of one *scope* of what visitors can see: `story:123`, a stripe of a list such
    as `list:stories#3`, or `site`. Stored pages for anonymous visitors (core/pagecache.py) are
    served only while the versions of the scopes they show are unchanged.

    Bumped by database triggers (installed by `core.pagecache.install_triggers` after every
    migrate, from the tables the domain apps `watch()`) or by `pagecache.bump()` inside a
    service's transaction, so the bump commits with the change. A missing row is version 0.
    Never written through the ORM.
    """

    scope = models.CharField(max_length=200, primary_key=True)
    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.scope} at {self.value}"


class SharedCacheEntry(models.Model):
    """One entry of the cache shared by every server process (`core.sharedcache`): rate-limit
    counts, allauth's login limits and its used one-time codes. Read and written with SQL by the
    cache backend, never through the ORM. Whole numbers are kept in `number`, so counting up is
    one atomic statement; anything else is pickled into `value`."""

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.BinaryField(null=True)
    number = models.BigIntegerField(null=True)
    # Seconds since the epoch; an entry at or past it is gone.
    expires = models.FloatField(db_index=True)

    def __str__(self) -> str:
        return self.cache_key
