"""The retention policy: delete what we no longer need, on a timer (`manage.py apply_retention`).

Each rule is idempotent and reads its period from settings; a period of 0 turns that rule off.
Run it daily (docs/privacy.md has the cron and systemd lines); running it more often is safe.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from groundswell.accounts.models import SiteRole, User
from groundswell.privacy import services
from groundswell.privacy.models import (
    IN_PROGRESS,
    DataExport,
    DeletionMode,
    DeletionReason,
    ExportStatus,
)
from groundswell.stories.models import ConsentAction, Identity, Status, Story, StoryRevision

WITHDRAWN_TITLE = "Withdrawn"
STUCK_EXPORT_HOURS = 6
# Files younger than this are left alone: an upload or an export may be in the middle of writing.
STRAY_FILE_GRACE = dt.timedelta(hours=1)
ORPHAN_IMAGE_GRACE = dt.timedelta(days=1)


@dataclass
class RetentionReport:
    dry_run: bool
    done: list[tuple[str, int]] = field(default_factory=list)

    def add(self, label: str, count: int) -> None:
        self.done.append((label, count))

    def as_dict(self) -> dict[str, Any]:
        return {"dry_run": self.dry_run, **dict(self.done)}

    def lines(self) -> list[str]:
        verb = "Would remove" if self.dry_run else "Removed"
        return [f"{verb}: {label}: {count}" for label, count in self.done]


def months_before(when: dt.datetime, months: int) -> dt.datetime:
    """The same moment `months` calendar months earlier (31 March - 1 month = 28/29 February)."""
    month_index = when.year * 12 + when.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(when.day, calendar.monthrange(year, month + 1)[1])
    return when.replace(year=year, month=month + 1, day=day)


def _unverified_accounts(report: RetentionReport, now: dt.datetime) -> None:
    days = settings.RETENTION_UNVERIFIED_ACCOUNT_DAYS
    if days <= 0:
        return
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    ids = list(
        User.objects.filter(
            date_joined__lt=now - dt.timedelta(days=days),
            is_staff=False,
            is_superuser=False,
            site_role=SiteRole.MEMBER,
        )
        .exclude(username=services.FORMER_MEMBER_USERNAME)
        .exclude(Exists(verified))
        .values_list("pk", flat=True)
    )
    if not report.dry_run:
        for user in User.objects.filter(pk__in=ids):
            services.account_delete(
                user=user, mode=DeletionMode.EVERYTHING, reason=DeletionReason.UNVERIFIED
            )
    report.add(f"accounts never verified after {days} days", len(ids))


def _delete_stories(ids: list[int], images: list[str]) -> None:
    from groundswell.stories import searching as search_services

    with transaction.atomic():
        Story.objects.filter(pk__in=ids).delete()

        def after() -> None:
            storage = Story._meta.get_field("image").storage
            for name in images:
                with contextlib.suppress(OSError):
                    storage.delete(name)
            for pk in ids:
                search_services.unindex_story(pk)

        transaction.on_commit(after)


def _old_drafts(report: RetentionReport, now: dt.datetime) -> None:
    months = settings.RETENTION_DRAFT_MONTHS
    if months <= 0:
        return
    rows = list(
        Story.objects.filter(
            status=Status.DRAFT, updated_at__lt=months_before(now, months)
        ).values_list("pk", "image")
    )
    if not report.dry_run and rows:
        _delete_stories([pk for pk, _ in rows], [image for _, image in rows if image])
    report.add(f"drafts untouched for {months} months", len(rows))


def _withdrawn_text(report: RetentionReport, now: dt.datetime) -> None:
    """Withdrawn stories keep a shell for their consent records; the words and image go."""
    days = settings.RETENTION_WITHDRAWN_STORY_DAYS
    if days <= 0:
        return
    qs = (
        Story.objects.filter(status=Status.WITHDRAWN)
        .exclude(title=WITHDRAWN_TITLE, body="", image="", place__isnull=True)
        .annotate(
            withdrawn_at=Max(
                "consents__created_at", filter=Q(consents__action=ConsentAction.WITHDRAWN)
            )
        )
        .annotate(since=Coalesce("withdrawn_at", "updated_at"))
        .filter(since__lt=now - dt.timedelta(days=days))
    )
    rows = list(qs.values_list("pk", "image"))
    ids = [pk for pk, _ in rows]
    if not report.dry_run and ids:
        images = [image for _, image in rows if image]
        with transaction.atomic():
            StoryRevision.objects.filter(story_id__in=ids).delete()
            Story.topics.through.objects.filter(story_id__in=ids).delete()
            Story.objects.filter(pk__in=ids).update(
                title=WITHDRAWN_TITLE,
                body="",
                body_html="",
                excerpt="",
                image="",
                image_alt="",
                place=None,
                identity=Identity.ANONYMOUS,
                pseudonym="",
            )

            def after() -> None:
                from groundswell.stories import searching as search_services

                storage = Story._meta.get_field("image").storage
                for name in images:
                    with contextlib.suppress(OSError):
                        storage.delete(name)
                for pk in ids:
                    search_services.unindex_story(pk)

            transaction.on_commit(after)
    report.add(f"withdrawn stories' text after {days} days", len(ids))


def _exports(report: RetentionReport, now: dt.datetime) -> None:
    hours = settings.RETENTION_EXPORT_HOURS
    stuck = DataExport.objects.filter(
        status__in=IN_PROGRESS, created_at__lt=now - dt.timedelta(hours=STUCK_EXPORT_HOURS)
    )
    expired = list(
        DataExport.objects.filter(status=ExportStatus.READY, link_expires_at__lte=now).values_list(
            "pk", flat=True
        )
    )
    old = (
        DataExport.objects.filter(created_at__lt=now - dt.timedelta(hours=hours))
        if hours > 0
        else DataExport.objects.none()
    )
    report_stuck = stuck.count()
    report_old = old.count()
    if not report.dry_run:
        stuck.update(status=ExportStatus.FAILED, finished_at=now, error="Timed out")
        for pk in expired:
            services.export_expire(export_id=pk, now=now)
        for file_name in old.exclude(file_name="").values_list("file_name", flat=True):
            services.export_root().joinpath(file_name).unlink(missing_ok=True)
        old.delete()
    report.add("data exports that never finished", report_stuck)
    report.add("data export files whose link expired", len(expired))
    if hours > 0:
        report.add(f"data export records older than {hours} hours", report_old)
    report.add("stray files in the export folder", _stray_export_files(now, dry_run=report.dry_run))


def _stray_export_files(now: dt.datetime, *, dry_run: bool) -> int:
    root = services.export_root()
    if not root.is_dir():
        return 0
    known = set(DataExport.objects.exclude(file_name="").values_list("file_name", flat=True))
    cutoff = (now - STRAY_FILE_GRACE).timestamp()
    stray = [
        p
        for p in root.iterdir()
        if p.is_file() and p.name not in known and p.stat().st_mtime < cutoff
    ]
    if not dry_run:
        for path in stray:
            path.unlink(missing_ok=True)
    return len(stray)


def _task_results(report: RetentionReport, now: dt.datetime) -> None:
    days = settings.RETENTION_TASK_RESULT_DAYS
    if days <= 0 or not apps.is_installed("django_tasks_db"):
        return
    from django_tasks_db.models import DBTaskResult

    qs = DBTaskResult.objects.finished().filter(finished_at__lt=now - dt.timedelta(days=days))
    count = qs.count()
    if not report.dry_run:
        qs.delete()
    report.add(f"background task results older than {days} days", count)


def _expired_sessions(report: RetentionReport, now: dt.datetime) -> None:
    if not settings.SESSION_ENGINE.endswith(
        ("sessions.backends.db", "sessions.backends.cached_db")
    ):
        return
    from django.contrib.sessions.models import Session

    count = Session.objects.filter(expire_date__lt=now).count()
    if not report.dry_run:
        import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    report.add("expired sessions", count)


def _expired_cache_entries(report: RetentionReport, now: dt.datetime) -> None:
    """Rate-limit counts and used-code marks past their window (core/sharedcache.py). Writes
    delete them now and then; this catches what a quiet site leaves behind."""
    from groundswell.core.models import SharedCacheEntry

    expired = SharedCacheEntry.objects.filter(expires__lte=now.timestamp())
    count = expired.count()
    if not report.dry_run:
        expired.delete()
    report.add("expired rate-limit entries", count)


def _orphan_images(report: RetentionReport, now: dt.datetime) -> None:
    """Uploaded images no story points at any more (replaced, or left by a failed save)."""
    storage = Story._meta.get_field("image").storage
    if not hasattr(storage, "location"):
        return  # only local folders are swept; object stores use their own lifecycle rules
    base = Path(storage.location)
    folder = base / "stories"
    if not folder.is_dir():
        report.add("uploaded images no longer used", 0)
        return
    used = set(Story.objects.exclude(image="").values_list("image", flat=True))
    cutoff = (now - ORPHAN_IMAGE_GRACE).timestamp()
    orphans = [
        p
        for p in folder.rglob("*")
        if p.is_file() and p.relative_to(base).as_posix() not in used and p.stat().st_mtime < cutoff
    ]
    if not report.dry_run:
        for path in orphans:
            path.unlink(missing_ok=True)
    report.add("uploaded images no longer used", len(orphans))


def apply_retention(*, dry_run: bool = False, now: dt.datetime | None = None) -> RetentionReport:
    """Apply every retention rule once. With dry_run, count what would go and change nothing."""
    now = now or timezone.now()
    report = RetentionReport(dry_run=dry_run)
    _unverified_accounts(report, now)
    _old_drafts(report, now)
    _withdrawn_text(report, now)
    _exports(report, now)
    _task_results(report, now)
    _expired_sessions(report, now)
    _expired_cache_entries(report, now)
    _orphan_images(report, now)
    return report
