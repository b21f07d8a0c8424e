"""Moderation pages as people use them: forms, messages, what the author sees."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from groundswell.accounts.models import Profile
from groundswell.audit.models import AuditAction, AuditEvent
from groundswell.core.testing.factories import StoryFactory, UserFactory
from groundswell.moderation import services
from groundswell.moderation.models import Appeal, AppealStatus, PreModerationRule
from groundswell.stories import services as story_services
from groundswell.stories.models import Report

pytestmark = pytest.mark.django_db


def test_moderator_hides_a_story_and_the_author_sees_why(
    client_for, story, moderator, owner, member
):
    url = reverse("moderation:story_hide", args=[story.pk])
    response = client_for(moderator).post(url, {"hide-reason": "It names a nurse on ward 4."})
    assert response.status_code == 302 and response["Location"] == reverse(
        "moderation:story", args=[story.pk]
    )

    page = client_for(owner).get(reverse("stories:detail", args=[story.pk]))
    assert page.status_code == 200
    assert "Hidden by a moderator" in page.text and "It names a nurse on ward 4." in page.text
    assert reverse("moderation:appeal_story", args=[story.pk]) in page.text

    mine = client_for(owner).get(reverse("stories:my_stories"))
    assert "Hidden by a moderator" in mine.text and "It names a nurse on ward 4." in mine.text

    assert client_for(member).get(reverse("stories:detail", args=[story.pk])).status_code == 404


def test_hide_without_reason_shows_the_error_next_to_the_field(client_for, story, moderator):
    response = client_for(moderator).post(
        reverse("moderation:story_hide", args=[story.pk]), {"hide-reason": ""}
    )
    assert response.status_code == 400
    assert "There is a problem" in response.text and "Give a reason" in response.text
    story.refresh_from_db()
    assert not story.is_hidden


def test_moderator_sees_notice_and_review_link_on_hidden_story(client_for, story, moderator):
    services.item_hide(item=story, actor=moderator, reason="Spam")
    page = client_for(moderator).get(reverse("stories:detail", args=[story.pk]))
    assert reverse("moderation:story", args=[story.pk]) in page.text


def test_author_appeals_and_sees_the_outcome(client_for, story, moderator, owner, admin_user):
    services.item_hide(item=story, actor=moderator, reason="Off topic")
    author = client_for(owner)
    appeal_url = reverse("moderation:appeal_story", args=[story.pk])
    assert author.post(appeal_url, {"message": ""}).status_code == 400
    response = author.post(
        appeal_url, {"message": "It is about long covid services, which is the topic."}
    )
    assert response.status_code == 302
    page = author.get(reverse("stories:detail", args=[story.pk]))
    assert "You appealed on" in page.text
    assert appeal_url not in page.text  # only once
    again = author.get(appeal_url)
    assert "already appealed" in again.text

    appeal = Appeal.objects.get()
    queue = client_for(admin_user).get(reverse("moderation:queue"))
    assert reverse("moderation:appeal_decide", args=[appeal.pk]) in queue.text
    decide = client_for(admin_user).post(
        reverse("moderation:appeal_decide", args=[appeal.pk]),
        {"decision": "overturn", "reason": "You're right, it fits the topic."},
    )
    assert decide.status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.OVERTURNED
    page = author.get(reverse("stories:detail", args=[story.pk]))
    assert "Appeal accepted" in page.text and "You&#x27;re right, it fits the topic." in page.text
    decisions = author.get(reverse("moderation:my_decisions"))
    assert (
        "You&#x27;re right, it fits the topic." in decisions.text and "Off topic" in decisions.text
    )


def test_appeal_turned_down_is_shown_to_the_author(client_for, story, moderator, owner):
    services.item_hide(item=story, actor=moderator, reason="Off topic")
    appeal = services.appeal_create(item=story, author=owner, message="Please")
    client_for(moderator).post(
        reverse("moderation:appeal_decide", args=[appeal.pk]),
        {"decision": "uphold", "reason": "Still off topic."},
    )
    page = client_for(owner).get(reverse("stories:detail", args=[story.pk]))
    assert "Your appeal was turned down" in page.text and "Still off topic." in page.text


def test_author_sees_own_hidden_comment_with_reason_others_do_not(
    client_for, comment, moderator, owner, member
):
    services.item_hide(item=comment, actor=moderator, reason="Shares a phone number")
    url = reverse("stories:detail", args=[comment.story_id])
    mine = client_for(owner).get(url)
    assert "Shares a phone number" in mine.text and comment.body in mine.text
    assert reverse("moderation:appeal_comment", args=[comment.pk]) in mine.text
    theirs = client_for(member).get(url)
    assert comment.body not in theirs.text and "Shares a phone number" not in theirs.text


@pytest.fixture
def shown(outsider):
    """The outsider shows everyone something, so their profile page (and its report form) can
    be found."""
    Profile.objects.filter(user=outsider).update(bio="Here to listen.", bio_visibility="public")


def test_report_a_profile(client_for, member, outsider, shown):
    assert (
        client_for(None).get(reverse("accounts:profile", args=[outsider.handle])).status_code == 200
    )
    profile = client_for(member).get(reverse("accounts:profile", args=[outsider.handle]))
    report_url = reverse("moderation:report_member", args=[outsider.handle])
    assert report_url in profile.text
    own = client_for(outsider).get(reverse("accounts:profile", args=[outsider.handle]))
    assert report_url not in own.text
    assert (
        report_url
        not in client_for(None).get(reverse("accounts:profile", args=[outsider.handle])).text
    )

    response = client_for(member).post(
        report_url, {"reason": "spam", "details": "Advertises pills"}
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.profile_user, report.reporter, report.reason) == (outsider, member, "spam")


def test_profile_reports_are_rate_limited(client_for, member, outsider, shown, settings):
    settings.RATE_LIMITS = {"report": {"user": [1, 3600]}}
    url = reverse("moderation:report_member", args=[outsider.handle])
    client = client_for(member)
    assert client.post(url, {"reason": "spam"}).status_code == 302
    assert client.post(url, {"reason": "harmful"}).status_code == 429
    assert Report.objects.count() == 1


def test_report_profile_needs_a_reason(client_for, member, outsider, shown):
    response = client_for(member).post(
        reverse("moderation:report_member", args=[outsider.handle]), {"reason": ""}
    )
    assert response.status_code == 200 and "There is a problem" in response.text
    assert not Report.objects.exists()


def test_queue_groups_reports_by_item_and_filters(client_for, moderator, story, comment, outsider):
    reporters = UserFactory.create_batch(2)
    for r in reporters:
        story_services.report_create(reporter=r, reason="harmful", story=story)
    story_services.report_create(reporter=reporters[0], reason="spam", comment=comment)
    story_services.report_create(reporter=reporters[0], reason="spam", profile_user=outsider)
    client = client_for(moderator)
    page = client.get(reverse("moderation:queue"))
    assert page.status_code == 200
    assert "2 reports from 2 members" in page.text
    assert story.title in page.text and outsider.public_name in page.text
    only_profiles = client.get(reverse("moderation:queue"), {"type": "profile"})
    assert outsider.public_name in only_profiles.text and story.title not in only_profiles.text
    only_spam = client.get(reverse("moderation:queue"), {"reason": "spam"})
    story_link = reverse("moderation:story", args=[story.pk])
    assert story_link in page.text and story_link not in only_spam.text
    assert outsider.public_name in only_spam.text
    # Reporters are never named to moderators.
    assert reporters[0].public_name not in page.text


def test_held_items_come_first_in_the_queue(
    client_for, moderator, settings, story, django_capture_on_commit_callbacks
):
    settings.MODERATION_AUTO_HOLD_REPORTS = 2
    older = StoryFactory(title="Older reported story")
    with django_capture_on_commit_callbacks(execute=True):
        story_services.report_create(reporter=UserFactory(), reason="spam", story=older)
        for _ in range(2):
            story_services.report_create(reporter=UserFactory(), reason="harmful", story=story)
    page = client_for(moderator).get(reverse("moderation:queue")).text
    held_section = page.split('id="held-title"')[1].split('id="appeals-title"')[0]
    reported_section = page.split('id="reports-title"')[1]
    assert story.title in held_section and "2 reports from 2 members" in held_section
    assert older.title not in held_section
    assert older.title in reported_section and story.title not in reported_section


def test_resolved_filter_lists_closed_reports(client_for, moderator, story, member):
    story_services.report_create(reporter=member, reason="spam", story=story)
    services.reports_close(actor=moderator, outcome=Report.Outcome.DISMISSED, item=story)
    client = client_for(moderator)
    assert (
        story.title
        not in client.get(reverse("moderation:queue")).text.split('id="reports-title"')[1]
    )
    assert story.title in client.get(reverse("moderation:queue"), {"status": "resolved"}).text


def test_close_reports_form(client_for, moderator, story, member):
    story_services.report_create(reporter=member, reason="spam", story=story)
    response = client_for(moderator).post(
        reverse("moderation:story_close", args=[story.pk]),
        {"close-outcome": "dismissed", "close-note": "Not spam"},
    )
    assert response.status_code == 302
    assert Report.objects.get().outcome == "dismissed"


def test_approve_held_story_from_item_page(client_for, moderator, topic, story):
    services.premoderation_rule_create(actor=moderator, topic=topic)
    newcomer = UserFactory()
    draft = StoryFactory(author=newcomer, status="draft", published_at=None, topics=[topic])
    held = story_services.story_publish(story=draft, actor=newcomer, consented=True)
    client = client_for(moderator)
    item_page = client.get(reverse("moderation:story", args=[held.pk]))
    assert "Held for review before it appears" in item_page.text
    assert reverse("moderation:story_approve", args=[held.pk]) in item_page.text
    assert (
        client.post(
            reverse("moderation:story_approve", args=[held.pk]), {"approve-reason": ""}
        ).status_code
        == 302
    )
    held.refresh_from_db()
    assert held.is_published


def test_new_member_is_told_before_and_after_publishing(client_for, moderator, topic):
    services.premoderation_rule_create(actor=moderator, topic=topic)
    newcomer = UserFactory()
    draft = StoryFactory(author=newcomer, status="draft", published_at=None, topics=[topic])
    client = client_for(newcomer)
    before = client.get(reverse("stories:publish", args=[draft.pk]))
    assert "A moderator will check this first" in before.text
    response = client.post(
        reverse("stories:publish", args=[draft.pk]), {"consent": "on"}, follow=True
    )
    assert "a moderator will check it before it appears" in response.text
    assert "Held for review" in response.text
    mine = client.get(reverse("stories:my_stories"))
    assert "Held for review" in mine.text


def test_premoderation_page_turns_rules_on_and_off(client_for, moderator, topic, region):
    client = client_for(moderator)
    assert client.post(reverse("moderation:premoderation"), {}).status_code == 400
    assert (
        client.post(
            reverse("moderation:premoderation"), {"place": region.pk, "note": "Spam wave"}
        ).status_code
        == 302
    )
    rule = PreModerationRule.objects.get()
    assert rule.place == region and rule.note == "Spam wave"
    page = client.get(reverse("moderation:premoderation"))
    assert "North West" in page.text
    client.post(reverse("moderation:premoderation_delete", args=[rule.pk]))
    assert not PreModerationRule.objects.exists()


def test_audit_log_filters_and_export_is_itself_audited(
    client_for, admin_user, moderator, story, comment
):
    services.item_hide(item=story, actor=moderator, reason='=HYPERLINK("http://evil")')
    services.item_hide(item=comment, actor=admin_user, reason="Rude")
    client = client_for(admin_user)
    page = client.get(reverse("moderation:audit"), {"action": AuditAction.STORY_HIDDEN})
    assert "<td>Hid a story</td>" in page.text and "<td>Hid a comment</td>" not in page.text
    by_actor = client.get(reverse("moderation:audit"), {"actor": admin_user.email})
    assert "<td>Hid a comment</td>" in by_actor.text and "<td>Hid a story</td>" not in by_actor.text
    bad_dates = client.get(
        reverse("moderation:audit"), {"date_from": "2026-12-02", "date_to": "2026-12-01"}
    )
    assert "There is a problem" in bad_dates.text

    response = client.get(reverse("moderation:audit_export"), {"action": AuditAction.STORY_HIDDEN})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:4] == ["id", "when", "actor", "action"]
    assert [r[3] for r in rows[1:]] == [AuditAction.STORY_HIDDEN]
    assert "'" not in rows[1][6][:1]  # the details cell starts with "{", not a formula
    export = AuditEvent.objects.get(action=AuditAction.AUDIT_EXPORTED)
    assert (
        export.actor == admin_user
        and export.details["filters"]["action"] == AuditAction.STORY_HIDDEN
    )


def test_csv_cells_that_look_like_formulas_are_defused():
    from groundswell.audit.selectors import _safe_cell

    assert _safe_cell("=SUM(A1)") == "'=SUM(A1)"
    assert _safe_cell("@cmd") == "'@cmd"
    assert _safe_cell("plain") == "plain"


def test_audit_log_pages_backwards(client_for, admin_user, moderator):
    stories = StoryFactory.create_batch(3)
    for s in stories:
        services.item_hide(item=s, actor=moderator, reason="x")
    from groundswell.audit import selectors as audit_selectors

    events, next_before = audit_selectors.audit_page(
        audit_selectors.audit_events(audit_selectors.AuditFilters()), before=None, size=2
    )
    assert len(events) == 2 and next_before == events[-1].pk
    rest, after = audit_selectors.audit_page(
        audit_selectors.audit_events(audit_selectors.AuditFilters()),
        before=str(next_before),
        size=2,
    )
    assert len(rest) == 1 and after is None
    assert {e.pk for e in events} | {e.pk for e in rest} == set(
        AuditEvent.objects.values_list("pk", flat=True)
    )


def test_moderation_link_in_header_only_for_moderators(client_for, moderator, member):
    assert reverse("moderation:queue") in client_for(moderator).get("/").text
    assert reverse("moderation:queue") not in client_for(member).get("/").text


def test_identity_reveal_is_still_audited(client_for, moderator, owner):
    story = StoryFactory(author=owner, identity="anonymous")
    response = client_for(moderator).post(reverse("stories:reveal_author", args=[story.pk]))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(
        action=AuditAction.IDENTITY_VIEWED, target_id=str(story.pk)
    ).exists()
