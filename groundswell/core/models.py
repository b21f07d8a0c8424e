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
