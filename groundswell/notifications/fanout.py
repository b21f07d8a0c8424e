"""One notification to many people at once, in a background task: "new in what you follow".

`notify_many(...)` is `services.notify` for a list of recipients: the same rules (nobody hears of
their own action, suppressors veto, each person's choices decide the inbox and the email, a
dedupe key makes a repeat one row), worked out for a thousand people at a time with a handful of
queries instead of several per person, and the rows written with `bulk_create`.

Suppressors (registry.register_suppressor) ask about one person at a time. An app that has one
can also give its bulk form here, under the same name, and the fan-out asks that instead::

    fanout.register_bulk_suppressor(
        "follows.blocks", lambda *, recipient_ids, actor, type_key: {ids to drop}
    )

A suppressor with no bulk form is still asked, once per recipient (correct, only slower).

Producers that fan out from a background task register a named job, run by
`tasks.run_fanout.enqueue(name, object_id)`, so the request that caused it never waits::

    fanout.register_job("following_new_story", notify_story_followers)  # fn(object_id) -> int

The notifications app never imports the producers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from groundswell.notifications import registry
from groundswell.notifications.models import (
    EmailDelivery,
    Notification,
    NotificationPreference,
    NotificationSettings,
)

# Recipients handled per round of queries and per INSERT.
BATCH_SIZE = 1000

BulkSuppressor = Callable[..., set[int]]
Job = Callable[[int], int]

_bulk_suppressors: dict[str, BulkSuppressor] = {}
_jobs: dict[str, Job] = {}


def register_bulk_suppressor(name: str, fn: BulkSuppressor) -> None:
    """The bulk form of the suppressor registered under `name`: fn(recipient_ids=list[int],
    actor=User | None, type_key=str) returns the ids to drop."""
    _bulk_suppressors[name] = fn


def unregister_bulk_suppressor(name: str) -> None:
    _bulk_suppressors.pop(name, None)


def register_job(name: str, fn: Job) -> None:
    """A fan-out run by tasks.run_fanout(name, object_id); fn returns how many were notified."""
    _jobs[name] = fn


def run_job(name: str, object_id: int) -> int:
    job = _jobs.get(name)
    if job is None:
        raise LookupError(f"No fan-out job is registered as {name!r}.")
    return job(object_id)


def enqueue_job(name: str, object_id: int) -> None:
    """Queue the job for the worker (`manage.py db_worker`); returns at once."""
    from groundswell.notifications.tasks import run_fanout

    run_fanout.enqueue(name, object_id)


def _per_person_suppressors() -> list[registry.Suppressor]:
    # The registry keeps its suppressors private; the fan-out is part of the same app and reads
    # them to skip the ones that have a bulk form here.
    found = registry._suppressors
    return [fn for name, fn in list(found.items()) if name not in _bulk_suppressors]


def _chunks(ids: Sequence[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])


def _suppressed(ids: list[int], actor: Any, type_key: str) -> set[int]:
    dropped: set[int] = set()
    for fn in list(_bulk_suppressors.values()):
        dropped |= set(fn(recipient_ids=ids, actor=actor, type_key=type_key))
    slow = _per_person_suppressors()
    if slow:
        people = get_user_model().objects.filter(pk__in=[i for i in ids if i not in dropped])
        for person in people:
            if any(fn(recipient=person, actor=actor, type_key=type_key) for fn in slow):
                dropped.add(person.pk)
    return dropped


def notify_many(
    recipient_ids: Iterable[int],
    type_key: str,
    *,
    actor: Any = None,
    actor_label: str = "",
    target: Any = None,
    url: str = "",
    label: str = "",
    dedupe_key: str,
    batch_size: int = BATCH_SIZE,
) -> int:
    """Tell each of `recipient_ids` the same thing (see services.notify for the arguments).
    Returns how many notifications were created.

    `dedupe_key` is required: a task that runs twice, or a producer that fires twice, must not
    notify anyone twice. Per batch of `batch_size` people: one query for who is active, one for
    their choices of this type, one for who turned every email off, one per bulk suppressor,
    one INSERT, and (only when some want it straight away) one to find the rows to email.
    """
    ntype = registry.get_type(type_key)
    if not dedupe_key:
        raise ValueError("notify_many needs a dedupe_key, so a repeat notifies nobody twice.")
    actor_id = getattr(actor, "pk", None)
    ids = sorted({int(i) for i in recipient_ids if i is not None and i != actor_id})
    created = 0
    for chunk in _chunks(ids, batch_size):
        created += _notify_batch(
            chunk,
            ntype,
            actor=actor if actor_id else None,
            actor_label=actor_label[:150],
            target=target,
            url=url[:500],
            label=label[:200],
            dedupe_key=dedupe_key[:120],
        )
    return created


def _notify_batch(
    ids: list[int],
    ntype: registry.NotificationType,
    *,
    actor: Any,
    actor_label: str,
    target: Any,
    url: str,
    label: str,
    dedupe_key: str,
) -> int:
    people = dict(
        get_user_model().objects.filter(pk__in=ids, is_active=True).values_list("pk", "email")
    )
    if not people:
        return 0
    dropped = _suppressed(list(people), actor, ntype.key)
    choices = {
        user_id: (in_site, email)
        for user_id, in_site, email in NotificationPreference.objects.filter(
            user_id__in=list(people), type_key=ntype.key
        ).values_list("user_id", "in_site", "email")
    }
    no_email = set(
        NotificationSettings.objects.filter(user_id__in=list(people), emails_off=True).values_list(
            "user_id", flat=True
        )
    )
    rows: list[Notification] = []
    immediate: list[int] = []
    for user_id, address in people.items():
        if user_id in dropped:
            continue
        in_site, email = choices.get(user_id, (ntype.default_in_site, ntype.default_delivery))
        if not address or user_id in no_email:
            email = EmailDelivery.NEVER
        if not in_site and email == EmailDelivery.NEVER:
            continue
        if email == EmailDelivery.IMMEDIATE:
            immediate.append(user_id)
        rows.append(
            Notification(
                recipient_id=user_id,
                type_key=ntype.key,
                actor=actor,
                actor_label=actor_label,
                target_item=target,
                target_url=url,
                target_label=label,
                dedupe_key=dedupe_key,
                in_site=in_site,
                email_delivery="" if email == EmailDelivery.NEVER else email,
            )
        )
    if not rows:
        return 0
    with transaction.atomic():
        before = _existing(ids, dedupe_key)
        # A person who already has this key keeps the one row (the unique constraint, and
        # ignore_conflicts for a concurrent run).
        rows = [r for r in rows if r.recipient_id not in before]
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
        if immediate:
            fresh = [i for i in immediate if i not in before]
            to_email = list(
                Notification.objects.filter(
                    recipient_id__in=fresh,
                    dedupe_key=dedupe_key,
                    email_delivery=EmailDelivery.IMMEDIATE,
                    emailed_at__isnull=True,
                ).values_list("pk", flat=True)
            )
            if to_email:
                transaction.on_commit(lambda: _queue_emails(to_email))
    return len(rows)


def _existing(ids: list[int], dedupe_key: str) -> set[int]:
    return set(
        Notification.objects.filter(recipient_id__in=ids, dedupe_key=dedupe_key).values_list(
            "recipient_id", flat=True
        )
    )


def _queue_emails(notification_ids: list[int]) -> None:
    from groundswell.notifications.tasks import send_notification_emails

    send_notification_emails.enqueue(notification_ids)
