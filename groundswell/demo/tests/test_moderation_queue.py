"""The demo moderator's work (demo/moderation_queue.py): after the demo loads, the moderator finds
reports, a held story, an appeal and a safeguarding alert waiting, made the way the site makes
them, and dated over the last few days."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.core.management.base import OutputWrapper
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from groundswell.accounts.models import User
from groundswell.demo.management.commands import load_demo as load_demo_command
from groundswell.demo.management.commands.load_demo import DEMO_DOMAIN, MODERATOR_EMAIL, demo_users
from groundswell.demo.moderation_queue import (
    APPEAL_MESSAGE,
    HELD_TITLE,
    NAMED_NURSE_TITLE,
    load_moderation_work,
)
from groundswell.moderation.models import AppealStatus, HiddenCause, Report
from groundswell.moderation.testing import give_totp
from groundswell.stories.models import Comment, Status, Story

pytestmark = pytest.mark.django_db


def moderator_client(client_for: Any) -> Any:
    moderator = User.objects.get(email=MODERATOR_EMAIL)
    if not Authenticator.objects.filter(user=moderator, type=Authenticator.Type.TOTP).exists():
        give_totp(moderator)
    return client_for(moderator)


def test_after_loading_the_moderator_has_reports_a_held_story_an_appeal_and_an_alert(
    settings: Any,
    django_capture_on_commit_callbacks: Any,
    client_for: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One test, because the demo takes a while to load."""
    settings.DEBUG = True
    # load_demo puts this work in place itself (the browser journey in e2e/tests/test_launch.py
    # walks it); here the demo loads without it so the test can hold what the loader returns.
    monkeypatch.setattr(load_demo_command, "load_moderation_work", lambda **kwargs: None)
    call_command("load_demo", "--force", stdout=StringIO())
    members = {u.username.removeprefix("demo-"): u for u in demo_users()}
    stories = list(
        Story.objects.filter(author__in=demo_users(), status=Status.PUBLISHED)
        .select_related("place", "author")
        .order_by("published_at", "pk")
    )
    before = set(Report.objects.filter(resolved_at__isnull=True).values_list("pk", flat=True))
    out = StringIO()
    # The alert is raised when the late-night comment is committed, as on the site.
    with django_capture_on_commit_callbacks(execute=True):
        work = load_moderation_work(
            members=members, stories=stories, domain=DEMO_DOMAIN, stdout=OutputWrapper(out)
        )
    assert work is not None
    assert "1 safeguarding alert" in out.getvalue()

    # Made the way the site makes them.
    new_reports = Report.objects.filter(resolved_at__isnull=True).exclude(pk__in=before)
    assert sorted(new_reports.values_list("reason", flat=True)) == [
        Report.Reason.MISINFORMATION,
        Report.Reason.PERSONAL_DATA,
    ]
    assert {r.item_id for r in new_reports} == {
        work.reported_comment.item_id,
        work.reported_story.item_id,
    }
    assert work.held_story.is_held_for_review
    assert work.held_story.hidden_cause == HiddenCause.PREMODERATION
    assert work.appeal.status == AppealStatus.OPEN
    assert work.appeal.author_id == work.appeal.item.author_id
    alert = work.alert
    assert alert is not None and alert.is_high and alert.acknowledged_at is None
    assert alert.person_id == work.alert_comment.author_id

    # The moderator's queue shows each of them.
    client = moderator_client(client_for)
    queue = client.get(reverse("moderation:queue"))
    assert queue.status_code == 200
    html = queue.content.decode()
    assert NAMED_NURSE_TITLE in html  # the reported story
    assert "Dangerous health misinformation" in html  # the reported comment
    assert HELD_TITLE in html  # held for review
    assert "Appeal" in html or "appeal" in html
    appeals = client.get(reverse("moderation:queue") + "?status=appeals").content.decode()
    assert escape(APPEAL_MESSAGE[:100]) in appeals
    # And the alerts page, the late-night comment.
    alerts = client.get(reverse("safeguarding:alerts"))
    assert alerts.status_code == 200
    assert "better off without me" in alerts.content.decode()

    # Dated over the last few days, not all at once.
    now = timezone.now()
    times = [
        *new_reports.values_list("created_at", flat=True),
        Story.objects.get(pk=work.held_story.pk).published_at,
        work.appeal.created_at,
        work.appeal.hidden_at,
        alert.created_at,
    ]
    assert all(t is not None and now - timedelta(days=5) <= t <= now for t in times), times
    assert len({t.date() for t in times if t}) >= 3
    # The appeal still answers the hiding it is about.
    hidden = Comment.objects.get(pk=work.appeal.target.pk)
    assert work.appeal.hidden_at == hidden.hidden_at
    assert hidden.hidden_cause == HiddenCause.MODERATOR

    # A second call finds its work already there and adds nothing.
    members = {u.username.removeprefix("demo-"): u for u in demo_users()}
    assert load_moderation_work(members=members, stories=stories, domain=DEMO_DOMAIN) is None
    assert Story.objects.filter(title=HELD_TITLE).count() == 1
