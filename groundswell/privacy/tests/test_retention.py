"""The retention policy and its command."""

from __future__ import annotations

import datetime as dt
import os
from io import StringIO
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.management import call_command
from django.utils import timezone

from groundswell.accounts.models import SiteRole, User
from groundswell.core.models import SharedCacheEntry
from groundswell.core.testing.factories import StoryFactory, UserFactory
from groundswell.privacy import services, tasks
from groundswell.privacy.models import DataExport, DeletionReason, DeletionReceipt, ExportStatus
from groundswell.privacy.retention import WITHDRAWN_TITLE, months_before
from groundswell.privacy.tests.factories import png_upload, write_story
from groundswell.stories import services as story_services
from groundswell.stories.models import ConsentAction, Status, Story, StoryConsent, StoryRevision

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def days_ago(n: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=n)


def run(*args: str) -> str:
    out = StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def test_unverified_accounts_go_after_the_period(settings, django_capture_on_commit_callbacks):
    settings.RETENTION_UNVERIFIED_ACCOUNT_DAYS = 14
    old = UserFactory(verified=False, date_joined=days_ago(15))
    young = UserFactory(verified=False, date_joined=days_ago(13))
    verified = UserFactory(date_joined=days_ago(400))
    unverified_second_address = UserFactory(date_joined=days_ago(400))
    EmailAddress.objects.create(
        user=unverified_second_address, email="second@example.org", verified=False
    )
    staff = UserFactory(verified=False, date_joined=days_ago(400), is_staff=True)
    moderator = UserFactory(verified=False, date_joined=days_ago(400), site_role=SiteRole.MODERATOR)
    EmailAddress.objects.create(user=old, email=old.email, verified=False, primary=True)

    assert "Would remove: accounts never verified after 14 days: 1" in run("--dry-run")
    assert User.objects.filter(pk=old.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        output = run()
    assert "Removed: accounts never verified after 14 days: 1" in output
    assert not User.objects.filter(pk=old.pk).exists()
    assert not EmailAddress.objects.filter(email=old.email).exists()
    for kept in (young, verified, unverified_second_address, staff, moderator):
        assert User.objects.filter(pk=kept.pk).exists()
    receipt = DeletionReceipt.objects.get()
    assert receipt.account_number == old.pk and receipt.reason == DeletionReason.UNVERIFIED
    assert "accounts never verified after 14 days: 0" in run()  # idempotent


def test_old_drafts_go_with_their_images(owner, settings, django_capture_on_commit_callbacks):
    settings.RETENTION_DRAFT_MONTHS = 6
    old = write_story(owner, title="Old draft", publish=False, image=png_upload(), image_alt="Alt")
    fresh = write_story(owner, title="Fresh draft", publish=False)
    published = write_story(owner, title="Published long ago")
    Story.objects.filter(pk__in=[old.pk, published.pk]).update(
        updated_at=months_before(timezone.now(), 7)
    )
    image = Path(settings.MEDIA_ROOT) / str(old.image.name)
    assert image.exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert "drafts untouched for 6 months: 1" in run()
    assert not Story.objects.filter(pk=old.pk).exists()
    assert not image.exists()
    assert Story.objects.filter(pk__in=[fresh.pk, published.pk]).count() == 2


def test_withdrawn_stories_lose_their_words_but_keep_consent_records(
    owner, settings, django_capture_on_commit_callbacks
):
    settings.RETENTION_WITHDRAWN_STORY_DAYS = 30
    old = write_story(
        owner,
        title="Withdrawn long ago",
        body="Private words",
        identity="pseudonym",
        pseudonym="Wren",
        image=png_upload(),
        image_alt="Alt",
    )
    story_services.story_edit(
        story=old, actor=owner,
        data=story_services.StoryInput(kind="story", title="Withdrawn long ago", body="Edited private words", identity="pseudonym", pseudonym="Wren", image_alt="Alt"),
    )  # fmt: skip
    recent = write_story(owner, title="Withdrawn yesterday", body="Recent words")
    for story in (old, recent):
        story_services.story_withdraw(story=Story.objects.get(pk=story.pk), actor=owner)
    StoryConsent.objects.filter(story=old, action=ConsentAction.WITHDRAWN).update(
        created_at=days_ago(31)
    )
    image = Path(settings.MEDIA_ROOT) / str(Story.objects.get(pk=old.pk).image.name)
    consents_before = StoryConsent.objects.filter(story=old).count()

    with django_capture_on_commit_callbacks(execute=True):
        assert "withdrawn stories' text after 30 days: 1" in run()
    old = Story.objects.get(pk=old.pk)
    assert (old.title, old.body, old.body_html, old.excerpt, old.pseudonym) == (
        WITHDRAWN_TITLE,
        "",
        "",
        "",
        "",
    )
    assert not old.image and not image.exists()
    assert not StoryRevision.objects.filter(story=old).exists()
    assert StoryConsent.objects.filter(story=old).count() == consents_before
    assert Story.objects.get(pk=recent.pk).body == "Recent words"
    assert "withdrawn stories' text after 30 days: 0" in run()  # idempotent


def test_exports_are_cleaned_up(owner, member, settings):
    settings.RETENTION_EXPORT_HOURS = 24
    expired, _ = services.export_request(user=owner)
    services.export_build(export_id=expired.pk)
    expired.refresh_from_db()
    DataExport.objects.filter(pk=expired.pk).update(
        link_expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    stuck, _ = services.export_request(user=member)
    DataExport.objects.filter(pk=stuck.pk).update(
        status=ExportStatus.RUNNING, created_at=timezone.now() - dt.timedelta(hours=7)
    )
    ancient = DataExport.objects.create(user=member, token_hash="x", status=ExportStatus.DOWNLOADED)
    DataExport.objects.filter(pk=ancient.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=25)
    )
    root = services.export_root()
    stray = root / "left-behind.zip.part"
    stray.write_bytes(b"x")
    old_time = (timezone.now() - dt.timedelta(hours=2)).timestamp()
    os.utime(stray, (old_time, old_time))

    output = run()
    assert "data exports that never finished: 1" in output
    assert "data export files whose link expired: 1" in output
    assert "data export records older than 24 hours: 1" in output
    assert "stray files in the export folder: 1" in output
    assert list(root.iterdir()) == []
    assert DataExport.objects.get(pk=expired.pk).status == ExportStatus.EXPIRED
    assert DataExport.objects.get(pk=stuck.pk).status == ExportStatus.FAILED
    assert not DataExport.objects.filter(pk=ancient.pk).exists()


def test_old_task_results_are_pruned(settings):
    from django_tasks_db.models import DBTaskResult

    settings.RETENTION_TASK_RESULT_DAYS = 14
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    tasks.purge_user_sessions.enqueue(1)
    tasks.purge_user_sessions.enqueue(2)
    tasks.purge_user_sessions.enqueue(3)
    old, recent, waiting = DBTaskResult.objects.order_by("enqueued_at")
    DBTaskResult.objects.filter(pk=old.pk).update(status="SUCCESSFUL", finished_at=days_ago(15))
    DBTaskResult.objects.filter(pk=recent.pk).update(status="FAILED", finished_at=days_ago(1))
    assert "background task results older than 14 days: 1" in run()
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}


def test_expired_sessions_are_removed(owner):
    live = SessionStore()
    live["x"] = 1
    live.create()
    dead = SessionStore()
    dead["x"] = 1
    dead.create()
    Session.objects.filter(session_key=dead.session_key).update(expire_date=days_ago(1))
    assert "expired sessions: 1" in run()
    assert set(Session.objects.values_list("session_key", flat=True)) == {live.session_key}


def test_expired_rate_limit_entries_are_removed():
    cache = caches["default"]
    cache.set("login:ip:192.0.2.9", 3, timeout=-1)  # already past its window
    cache.set("login:ip:192.0.2.10", 1, timeout=600)
    assert "expired rate-limit entries: 1" in run("--dry-run")
    assert SharedCacheEntry.objects.count() == 2
    assert "expired rate-limit entries: 1" in run()
    assert SharedCacheEntry.objects.count() == 1
    assert cache.get("login:ip:192.0.2.10") == 1


def test_unused_uploaded_images_are_removed(owner, settings):
    story = write_story(owner, image=png_upload(), image_alt="Alt")
    used = Path(settings.MEDIA_ROOT) / str(story.image.name)
    orphan = used.parent / "replaced-long-ago.jpg"
    orphan.write_bytes(b"old image")
    just_uploaded = used.parent / "being-saved.jpg"
    just_uploaded.write_bytes(b"new image")
    old_time = days_ago(2).timestamp()
    os.utime(orphan, (old_time, old_time))
    os.utime(used, (old_time, old_time))
    assert "uploaded images no longer used: 1" in run()
    assert used.exists() and just_uploaded.exists() and not orphan.exists()


def test_dry_run_changes_nothing(owner, settings):
    settings.RETENTION_DRAFT_MONTHS = 1
    draft = StoryFactory(author=owner, status=Status.DRAFT, published_at=None)
    Story.objects.filter(pk=draft.pk).update(updated_at=days_ago(90))
    output = run("--dry-run")
    assert (
        "Would remove: drafts untouched for 1 months: 1" in output
        and "Dry run: nothing was changed." in output
    )
    assert Story.objects.filter(pk=draft.pk).exists()


def test_a_zero_period_turns_a_rule_off(owner, settings):
    settings.RETENTION_DRAFT_MONTHS = 0
    draft = StoryFactory(author=owner, status=Status.DRAFT, published_at=None)
    Story.objects.filter(pk=draft.pk).update(updated_at=days_ago(3650))
    assert "drafts" not in run()
    assert Story.objects.filter(pk=draft.pk).exists()


def test_retention_task_runs_the_same_rules(settings):
    settings.RETENTION_UNVERIFIED_ACCOUNT_DAYS = 1
    person = UserFactory(verified=False, date_joined=days_ago(2))
    result = tasks.apply_retention.enqueue()
    assert result.return_value["accounts never verified after 1 days"] == 1
    assert not User.objects.filter(pk=person.pk).exists()


@pytest.mark.parametrize(
    ("when", "months", "expected"),
    [
        (
            dt.datetime(2026, 3, 31, 12, tzinfo=dt.UTC),
            1,
            dt.datetime(2026, 2, 28, 12, tzinfo=dt.UTC),
        ),
        (dt.datetime(2026, 1, 15, tzinfo=dt.UTC), 6, dt.datetime(2025, 7, 15, tzinfo=dt.UTC)),
        (dt.datetime(2024, 8, 31, tzinfo=dt.UTC), 6, dt.datetime(2024, 2, 29, tzinfo=dt.UTC)),
    ],
)
def test_months_before(when, months, expected):
    assert months_before(when, months) == expected


def test_sessions_of_a_deleted_account_are_removed(owner, member, client_for):
    client_for(owner), client_for(owner), client_for(member)
    assert services.sessions_purge_for_user(user_id=owner.pk) == 2
    assert Session.objects.count() == 1
