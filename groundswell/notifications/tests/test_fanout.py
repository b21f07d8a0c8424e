"""notify_many: the same rules as notify() for many people, in a few queries per batch."""

from __future__ import annotations

import pytest
from django.core import mail

from groundswell.core.testing.factories import StoryFactory, UserFactory
from groundswell.notifications import fanout, preferences, registry, services
from groundswell.notifications.models import EmailDelivery, Notification
from groundswell.notifications.selectors import entries

pytestmark = pytest.mark.django_db


def recipients(type_key: str) -> list[int]:
    return sorted(
        Notification.objects.filter(type_key=type_key).values_list("recipient_id", flat=True)
    )


def test_everyone_listed_gets_one_inbox_line_except_the_actor(member, outsider, ping_type) -> None:
    others = UserFactory.create_batch(3)
    story = StoryFactory(author=member, title="A walk that helped")
    ids = [member.pk, outsider.pk, *(p.pk for p in others), outsider.pk]
    made = fanout.notify_many(
        ids, ping_type, actor=member, actor_label="Mina", target=story.item, dedupe_key="k1"
    )
    assert made == 4
    assert recipients(ping_type) == sorted([outsider.pk, *(p.pk for p in others)])
    found = entries(Notification.objects.filter(recipient=outsider), outsider)
    assert [(e.text, e.title) for e in found] == [("Mina pinged you", "A walk that helped")]


def test_a_repeat_with_the_same_key_notifies_nobody_twice(member, outsider, ping_type) -> None:
    assert fanout.notify_many([member.pk, outsider.pk], ping_type, dedupe_key="again") == 2
    assert fanout.notify_many([member.pk, outsider.pk], ping_type, dedupe_key="again") == 0
    assert Notification.objects.count() == 2


def test_a_dedupe_key_is_required(member, ping_type) -> None:
    with pytest.raises(ValueError):
        fanout.notify_many([member.pk], ping_type, dedupe_key="")


def test_inactive_accounts_and_people_who_chose_never_are_left_out(
    member, outsider, ping_type
) -> None:
    gone = UserFactory(is_active=False)
    services.preferences_save(
        user=outsider,
        choices={ping_type: preferences.Choice(in_site=False, email=EmailDelivery.NEVER)},
    )
    fanout.notify_many([member.pk, outsider.pk, gone.pk], ping_type, dedupe_key="k")
    assert recipients(ping_type) == [member.pk]


def test_each_persons_email_choice_is_kept_on_their_row(member, outsider, ping_type) -> None:
    services.preferences_save(
        user=outsider,
        choices={ping_type: preferences.Choice(in_site=False, email=EmailDelivery.WEEKLY)},
    )
    quiet = UserFactory()
    services.emails_set_off(user=quiet, off=True)
    fanout.notify_many([member.pk, outsider.pk, quiet.pk], ping_type, dedupe_key="k")
    rows = {
        n.recipient_id: (n.in_site, n.email_delivery)
        for n in Notification.objects.filter(type_key=ping_type)
    }
    assert rows == {
        member.pk: (True, EmailDelivery.DAILY),
        outsider.pk: (False, EmailDelivery.WEEKLY),
        quiet.pk: (True, ""),
    }


def test_straight_away_emails_go_out_after_commit(
    member, outsider, ping_type, django_capture_on_commit_callbacks
) -> None:
    for person in (member, outsider):
        services.preferences_save(
            user=person,
            choices={ping_type: preferences.Choice(in_site=True, email=EmailDelivery.IMMEDIATE)},
        )
    with django_capture_on_commit_callbacks(execute=True):
        fanout.notify_many([member.pk, outsider.pk], ping_type, actor_label="Ann", dedupe_key="now")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, outsider.email])
    assert all("Ann pinged you" in m.subject for m in mail.outbox)
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


def test_a_per_person_suppressor_without_a_bulk_form_is_still_asked(
    member, outsider, ping_type
) -> None:
    def no_outsider(*, recipient, actor, type_key) -> bool:
        return recipient.pk == outsider.pk

    registry.register_suppressor(no_outsider, name="test.no_outsider")
    try:
        fanout.notify_many([member.pk, outsider.pk], ping_type, dedupe_key="k")
    finally:
        registry.unregister_suppressor("test.no_outsider")
    assert recipients(ping_type) == [member.pk]


def test_a_bulk_suppressor_replaces_its_per_person_form(member, outsider, ping_type) -> None:
    asked: list[str] = []

    def slow(*, recipient, actor, type_key) -> bool:
        asked.append("slow")
        return False

    def fast(*, recipient_ids, actor, type_key) -> set[int]:
        asked.append("fast")
        return {outsider.pk}

    registry.register_suppressor(slow, name="test.both")
    fanout.register_bulk_suppressor("test.both", fast)
    try:
        fanout.notify_many([member.pk, outsider.pk], ping_type, dedupe_key="k")
    finally:
        registry.unregister_suppressor("test.both")
        fanout.unregister_bulk_suppressor("test.both")
    assert asked == ["fast"]
    assert recipients(ping_type) == [member.pk]


def test_queries_stay_the_same_for_two_batches_of_many(
    ping_type, django_assert_max_num_queries
) -> None:
    people = UserFactory.create_batch(40, verified=False)
    ids = [p.pk for p in people]
    # Two batches of 20: about six queries each (people, blocks, choices, emails off, existing
    # rows, insert) plus savepoints, however many people are in a batch.
    with django_assert_max_num_queries(20):
        made = fanout.notify_many(ids, ping_type, dedupe_key="many", batch_size=20)
    assert made == 40
    assert Notification.objects.count() == 40


def test_a_registered_job_runs_through_the_task(member, ping_type) -> None:
    def job(object_id: int) -> int:
        return fanout.notify_many([object_id], ping_type, dedupe_key="job")

    fanout.register_job("test_job", job)
    try:
        fanout.enqueue_job("test_job", member.pk)  # tests run tasks at once
    finally:
        fanout._jobs.pop("test_job", None)
    assert recipients(ping_type) == [member.pk]
