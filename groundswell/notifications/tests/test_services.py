"""notify(), people's choices, the stories app's producers, emails and digests."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from groundswell.core.testing.factories import CommentFactory, StoryFactory, UserFactory
from groundswell.notifications import preferences, registry, services
from groundswell.notifications.models import (
    Digest,
    EmailDelivery,
    Notification,
    NotificationPreference,
)
from groundswell.notifications.selectors import entries
from groundswell.stories import services as story_services
from groundswell.stories.models import Identity, ReactionKind

pytestmark = pytest.mark.django_db

# 09:00 on a Monday in London: both the daily and the weekly summaries are due.
MONDAY_9AM = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)


def lines(user) -> list[str]:
    rows = Notification.objects.filter(recipient=user).in_inbox()
    return [f"{e.text} | {e.title}" for e in entries(rows, user)]


# --- notify() ----------------------------------------------------------------------------------


def test_notify_creates_an_unread_inbox_notification(member, outsider, ping_type) -> None:
    n = services.notify(member, ping_type, actor=outsider, actor_label="Otto")
    assert n is not None and n.is_unread and n.in_site
    assert lines(member) == ["Otto pinged you | "]


def test_nobody_is_notified_of_their_own_actions(member, ping_type) -> None:
    assert services.notify(member, ping_type, actor=member, actor_label="Me") is None
    assert not Notification.objects.exists()


def test_a_suppressor_vetoes_a_notification(member, outsider, ping_type) -> None:
    def blocked(*, recipient, actor, type_key) -> bool:
        return actor is not None and actor.pk == outsider.pk

    registry.register_suppressor(blocked, name="test.blocked")
    try:
        assert services.notify(member, ping_type, actor=outsider) is None
        assert services.notify(member, ping_type, actor=UserFactory()) is not None
    finally:
        registry.unregister_suppressor("test.blocked")
    assert Notification.objects.count() == 1


def test_a_type_turned_off_everywhere_makes_no_notification(member, outsider, ping_type) -> None:
    services.preferences_save(
        user=member,
        choices={ping_type: preferences.Choice(in_site=False, email=EmailDelivery.NEVER)},
    )
    assert services.notify(member, ping_type, actor=outsider) is None


def test_email_only_choice_keeps_it_out_of_the_inbox_but_waiting_for_the_summary(
    member, outsider, ping_type
) -> None:
    services.preferences_save(
        user=member,
        choices={ping_type: preferences.Choice(in_site=False, email=EmailDelivery.WEEKLY)},
    )
    n = services.notify(member, ping_type, actor=outsider)
    assert n is not None and not n.in_site and n.email_delivery == EmailDelivery.WEEKLY
    assert lines(member) == []


def test_a_dedupe_key_makes_repeats_one_notification(member, outsider, ping_type) -> None:
    assert services.notify(member, ping_type, actor=outsider, dedupe_key="k1") is not None
    assert services.notify(member, ping_type, actor=outsider, dedupe_key="k1") is None
    assert Notification.objects.count() == 1


def test_an_immediate_email_has_one_click_unsubscribe_headers(
    member, outsider, ping_type, settings, django_capture_on_commit_callbacks
) -> None:
    settings.SITE_URL = "https://gs.example.org"
    services.preferences_save(
        user=member,
        choices={ping_type: preferences.Choice(in_site=True, email=EmailDelivery.IMMEDIATE)},
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(member, ping_type, actor=outsider, actor_label="Otto")
    [message] = mail.outbox
    assert message.to == [member.email]
    assert message.subject.endswith("Otto pinged you")
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<https://gs.example.org/notifications/unsubscribe/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe.strip("<>") in message.body
    # Sending again (a task run twice) sends nothing more.
    n = Notification.objects.get()
    assert n.emailed_at is not None
    assert services.notification_email_send(notification_id=n.pk) is False
    assert len(mail.outbox) == 1


def test_no_immediate_email_after_all_emails_were_turned_off(
    member, outsider, ping_type, django_capture_on_commit_callbacks
) -> None:
    services.preferences_save(
        user=member,
        choices={ping_type: preferences.Choice(in_site=True, email=EmailDelivery.IMMEDIATE)},
    )
    services.emails_set_off(user=member, off=True)
    with django_capture_on_commit_callbacks(execute=True):
        n = services.notify(member, ping_type, actor=outsider)
    assert n is not None and n.email_delivery == ""
    assert mail.outbox == []


# --- The stories app's producers ---------------------------------------------------------------


def test_a_comment_on_your_story_notifies_you_under_the_commenters_byline(
    owner, member, django_capture_on_commit_callbacks
) -> None:
    story = StoryFactory(author=owner, title="Waiting for the scan")
    with django_capture_on_commit_callbacks(execute=True):
        story_services.comment_create(story=story, author=member, body="Same here.")
    assert lines(owner) == [
        f"{member.public_name} commented on your story | a comment on Waiting for the scan"
    ]
    assert lines(member) == []


def test_a_reply_to_your_comment_notifies_you_and_the_story_author_once_each(
    owner, member, outsider, django_capture_on_commit_callbacks
) -> None:
    story = StoryFactory(author=owner)
    parent = CommentFactory(story=story, author=member)
    with django_capture_on_commit_callbacks(execute=True):
        story_services.comment_create(story=story, author=outsider, body="Me too.", parent=parent)
    assert [n.type_key for n in Notification.objects.filter(recipient=member)] == ["comment_reply"]
    assert [n.type_key for n in Notification.objects.filter(recipient=owner)] == ["story_reply"]


def test_a_pseudonymous_authors_reply_shows_the_pseudonym_never_their_name(
    owner, member, django_capture_on_commit_callbacks
) -> None:
    story = StoryFactory(author=owner, identity=Identity.PSEUDONYM, pseudonym="Quiet Heron")
    parent = CommentFactory(story=story, author=member)
    with django_capture_on_commit_callbacks(execute=True):
        story_services.comment_create(story=story, author=owner, body="Thank you.", parent=parent)
    [line] = lines(member)
    assert line.startswith("Quiet Heron replied to your comment")
    assert owner.display_name not in line and owner.public_name not in line
    n = Notification.objects.get(recipient=member)
    assert owner.display_name not in n.actor_label


def test_a_reply_to_your_own_story_tells_nobody(owner, django_capture_on_commit_callbacks) -> None:
    story = StoryFactory(author=owner)
    with django_capture_on_commit_callbacks(execute=True):
        story_services.comment_create(story=story, author=owner, body="An update.")
    assert not Notification.objects.exists()


def test_a_reaction_notifies_without_naming_who_and_only_once(
    owner, member, django_capture_on_commit_callbacks
) -> None:
    story = StoryFactory(author=owner)
    for _ in range(3):  # on, off, on again
        with django_capture_on_commit_callbacks(execute=True):
            story_services.reaction_toggle(user=member, kind=ReactionKind.HELPED, story=story)
    assert lines(owner) == [f"Someone reacted to what you shared | {story.title}"]
    assert member.public_name not in lines(owner)[0]


def test_a_withdrawn_story_never_shows_its_title_in_the_inbox(
    owner, member, django_capture_on_commit_callbacks
) -> None:
    story = StoryFactory(author=owner, title="My private diagnosis")
    parent = CommentFactory(story=story, author=member)
    with django_capture_on_commit_callbacks(execute=True):
        story_services.comment_create(story=story, author=owner, body="Thanks", parent=parent)
    assert "My private diagnosis" in lines(member)[0]
    story_services.story_withdraw(story=story, actor=owner)
    [line] = lines(member)
    assert "My private diagnosis" not in line and line.endswith(" | ")
    [entry] = entries(Notification.objects.filter(recipient=member), member)
    assert not entry.available


# --- Digests -----------------------------------------------------------------------------------


def test_the_daily_digest_is_sent_once_however_often_the_job_runs(
    member, outsider, ping_type, django_capture_on_commit_callbacks
) -> None:
    services.notify(member, ping_type, actor=outsider, actor_label="Otto")
    services.notify(member, ping_type, actor=UserFactory(), actor_label="Ada")
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            services.digests_run(now=MONDAY_9AM)
    [message] = mail.outbox
    assert message.to == [member.email]
    assert "2 new notifications today" in message.subject
    assert "Otto pinged you" in message.body and "Ada pinged you" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    digest = Digest.objects.get()
    assert (digest.period, digest.period_key, digest.item_count) == ("daily", "2026-11-30", 2)
    assert digest.sent_at is not None


def test_nothing_goes_out_before_the_digest_hour(member, outsider, ping_type) -> None:
    services.notify(member, ping_type, actor=outsider)
    early = MONDAY_9AM.replace(hour=6)
    services.digests_run(now=early)
    assert mail.outbox == [] and not Digest.objects.exists()


def test_weekly_choices_wait_for_the_weekly_digest(
    member, outsider, ping_type, django_capture_on_commit_callbacks
) -> None:
    services.preferences_save(
        user=member,
        choices={ping_type: preferences.Choice(in_site=True, email=EmailDelivery.WEEKLY)},
    )
    services.notify(member, ping_type, actor=outsider)
    tuesday = MONDAY_9AM + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.digests_run(now=tuesday)  # the server was down on Monday: it goes out now
    [message] = mail.outbox
    assert "this week" in message.subject
    assert Digest.objects.get().period_key == "2026-W49"


def test_a_choice_changed_to_never_drops_the_waiting_email(
    member, outsider, ping_type, django_capture_on_commit_callbacks
) -> None:
    services.notify(member, ping_type, actor=outsider)
    services.unsubscribe(user=member, type_key=ping_type)
    with django_capture_on_commit_callbacks(execute=True):
        services.digests_run(now=MONDAY_9AM)
    assert mail.outbox == []
    assert Notification.objects.get().email_delivery == ""
    assert NotificationPreference.objects.get(user=member).in_site is True


def test_one_digest_run_follows_each_persons_own_choices(
    ping_type, django_capture_on_commit_callbacks
) -> None:
    daily, weekly, emails_off, never = UserFactory.create_batch(4)
    services.preferences_save(
        user=weekly,
        choices={ping_type: preferences.Choice(in_site=True, email=EmailDelivery.WEEKLY)},
    )
    actor = UserFactory()
    for person in (daily, weekly, emails_off, never):
        services.notify(person, ping_type, actor=actor, actor_label="Ada")
    # After the notifications were sent: one turns every email off, one this type's.
    services.emails_set_off(user=emails_off, off=True)
    services.unsubscribe(user=never, type_key=ping_type)
    with django_capture_on_commit_callbacks(execute=True):
        services.digests_run(now=MONDAY_9AM)
    assert sorted((m.to[0], m.subject.split(" new ")[1]) for m in mail.outbox) == sorted(
        [(daily.email, "notification today"), (weekly.email, "notification this week")]
    )
    assert all("Ada pinged you" in m.body for m in mail.outbox)
    left = Notification.objects.filter(recipient__in=[emails_off, never])
    assert list(left.values_list("email_delivery", "emailed_at")) == [("", None), ("", None)]


def test_a_digest_lists_the_newest_fifty_and_says_so(
    member, ping_type, django_capture_on_commit_callbacks
) -> None:
    for n in range(services.DIGEST_MAX_ITEMS + 2):
        services.notify(member, ping_type, actor=UserFactory(), actor_label=f"Person {n}")
    with django_capture_on_commit_callbacks(execute=True):
        services.digests_run(now=MONDAY_9AM)
    [message] = mail.outbox
    assert "50 new notifications today" in message.subject
    assert "Person 51 pinged you" in message.body and "Person 1 pinged you" not in message.body
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


def test_the_digest_run_queries_do_not_grow_with_the_people_in_it(
    ping_type, django_capture_on_commit_callbacks
) -> None:
    actor = UserFactory()

    def run_for(people: int, now: dt.datetime) -> int:
        for person in UserFactory.create_batch(people):
            services.notify(person, ping_type, actor=actor)
            services.notify(person, ping_type, actor=actor)
        mail.outbox.clear()
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks(execute=True),
        ):
            services.digests_run(now=now)
        assert len(mail.outbox) == people
        return len(queries)

    few = run_for(2, MONDAY_9AM)
    many = run_for(12, MONDAY_9AM + dt.timedelta(days=1))
    assert many == few


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent connections: PostgreSQL's test database"
)
def test_two_workers_at_once_send_each_person_one_digest(ping_type) -> None:
    people = [UserFactory() for _ in range(5)]
    actor = UserFactory()
    for person in people:
        for _ in range(2):
            services.notify(person, ping_type, actor=actor)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            services.digests_run(now=MONDAY_9AM)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(m.to[0] for m in mail.outbox) == sorted(str(p.email) for p in people)
    assert Digest.objects.count() == 5
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_due_periods_follow_the_site_time_zone(settings) -> None:
    settings.NOTIFICATIONS_DIGEST_HOUR = 8
    sunday_night = dt.datetime(2026, 11, 29, 23, 30, tzinfo=dt.UTC)
    assert [(d.period, d.period_key) for d in services.due_periods(sunday_night)] == [
        ("daily", "2026-11-29"),
        ("weekly", "2026-W48"),
    ]
    monday_early = dt.datetime(2026, 11, 30, 7, 59, tzinfo=dt.UTC)  # London is on UTC then
    assert services.due_periods(monday_early) == []


def test_run_scheduled_once_sends_what_is_due(
    member, outsider, ping_type, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone as dj_timezone

    services.notify(member, ping_type, actor=outsider)
    monkeypatch.setattr(dj_timezone, "now", lambda: MONDAY_9AM)
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "run_scheduled",
            "--once",
            "--job",
            "notifications.summaries",
            stdout=(out := StringIO()),
        )
    assert out.getvalue() == "notifications.summaries: {'daily': 1}\n"
    assert [m.to for m in mail.outbox] == [[member.email]]
