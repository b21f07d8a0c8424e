"""People's data rights: copies of their data (exports) and proof that an erasure happened."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to start")
    RUNNING = "running", _("Being prepared")
    READY = "ready", _("Ready to download")
    DOWNLOADED = "downloaded", _("Downloaded")
    EXPIRED = "expired", _("Expired")
    FAILED = "failed", _("Failed")


IN_PROGRESS = (ExportStatus.PENDING, ExportStatus.RUNNING)


class DataExport(models.Model):
    """One request for a copy of a person's data.

    The ZIP file lives outside MEDIA_ROOT (settings.PRIVACY_EXPORT_ROOT). The download link carries
    a random token; only its SHA-256 is stored here, and the link works once.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    status = models.CharField(
        max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    token_hash = models.CharField(max_length=64, editable=False)
    file_name = models.CharField(max_length=100, blank=True, editable=False)
    size_bytes = models.PositiveBigIntegerField(default=0)
    item_count = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    link_expires_at = models.DateTimeField(null=True, blank=True)
    downloaded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "created_at"], name="export_user_created_idx")]
        constraints = [
            # One export at a time per person: a double click or two tabs cannot start two.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status__in=["pending", "running"]),
                name="export_one_in_progress",
            ),
        ]

    def __str__(self) -> str:
        return f"Export {self.pk} ({self.status})"

    @property
    def is_in_progress(self) -> bool:
        return self.status in IN_PROGRESS

    def link_is_live(self, now: dt.datetime) -> bool:
        return (
            self.status == ExportStatus.READY
            and self.link_expires_at is not None
            and now < self.link_expires_at
        )

    def shown_status(self, now: dt.datetime) -> str:
        """The status a person sees: a ready export whose link has run out reads as expired."""
        if self.status == ExportStatus.READY and not self.link_is_live(now):
            return ExportStatus.EXPIRED
        return self.status


class DeletionReason(models.TextChoices):
    MEMBER_REQUEST = "member_request", _("The member deleted their account")
    UNVERIFIED = "unverified", _("Unverified account removed by the retention policy")


class DeletionMode(models.TextChoices):
    EVERYTHING = "everything", _("Delete everything I wrote")
    ANONYMISE = "anonymise", _("Keep my published stories and comments, anonymised")


class DeletionReceiptQuerySet(models.QuerySet["DeletionReceipt"]):
    def update(self, **kwargs: Any) -> int:
        raise TypeError("Deletion receipts are append-only.")


class DeletionReceipt(models.Model):
    """Proof that an account was erased, holding nothing that identifies the person.

    `account_number` is the old user id: audit events by that account now read
    "Deleted account (#id)", so moderators' past actions stay accountable.
    """

    account_number = models.PositiveBigIntegerField(db_index=True)
    reason = models.CharField(max_length=20, choices=DeletionReason.choices)
    mode = models.CharField(max_length=12, choices=DeletionMode.choices)
    counts = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DeletionReceiptQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Account #{self.account_number} deleted ({self.mode})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise TypeError("Deletion receipts are append-only.")
        super().save(*args, **kwargs)
