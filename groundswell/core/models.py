from __future__ import annotations

from django.db import models


class ContentVersion(models.Model):
    """One row whose value goes up whenever something a visitor can see changes.

    Database triggers (installed by `core.pagecache.install_triggers` after every migrate) bump it
    in the same transaction as the change, so the page cache for anonymous visitors can never serve
    a page rendered before a story was withdrawn, hidden or deleted. Never written from Python.
    """

    value = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="content_version_single_row")
        ]

    def __str__(self) -> str:
        return f"content version {self.value}"


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
