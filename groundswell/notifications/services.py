"""Every write of the notifications app: sending, reading, choices, unsubscribing, digests."""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from groundswell.notifications import preferences, registry
from groundswell.notifications.models import (
    Digest,
    DigestPeriod,
    EmailDelivery,
    Notification,
    NotificationPreference,
    NotificationSettings,
)

logger = logging.getLogger(__name__)

# A summary lists at most this many notifications; the rest wait in the inbox.
DIGEST_MAX_ITEMS = 50


def notify(
    recipient: Any,
    type_key: str,
    *,
    actor: Any = None,
    actor_label: str = "",
    target: Any = None,
    url: str = "",
    label: str = "",
    dedupe_key: str = "",
) -> Notification | None:
    """Tell `recipient` something happened. Returns the notification, or None when none is due.

    - `type_key` is a registered type (registry.register_type).
    - `actor` is who did it; `actor_label` the name they are shown under where they did it (a
      comment's byline: never a name the reader may not know). Nobody is notified of their own
      actions, and a registered suppressor (a block) can veto.
    - `target` is a content.ContentItem: its link and title are worked out when shown, for the
      reader, so a hidden or withdrawn piece never shows its title. `url` is a site path for a
      target that is not content (a person, an organisation; with `label` as its name), or an
      anchor within the content's page ("#comment-12").
    - `dedupe_key` makes repeats one notification (a reaction taken back and given again).

    The person's choices decide whether it shows in their inbox and how it is emailed; an email
    straight away is queued after the transaction commits.
    """
    ntype = registry.get_type(type_key)
    if recipient is None or not getattr(recipient, "is_active", False):
        return None
    if actor is not None and getattr(actor, "pk", None) == recipient.pk:
        return None
    if registry.is_suppressed(recipient=recipient, actor=actor, type_key=type_key):
        return None
    choice = preferences.choice_for(recipient, ntype.key)
    email = preferences.email_wanted(recipient, ntype.key, choice)
    if not choice.in_site and email == EmailDelivery.NEVER:
        return None
    notification = Notification(
        recipient=recipient,
        type_key=ntype.key,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=actor_label[:150],
        target_item=target,
        target_url=url[:500],
        target_label=label[:200],
        dedupe_key=dedupe_key[:120],
        in_site=choice.in_site,
        email_delivery="" if email == EmailDelivery.NEVER else email,
    )
    with transaction.atomic():
        try:
            with transaction.atomic():
                notification.save()
        except IntegrityError:
            if not dedupe_key:
                raise
            return None
        if email == EmailDelivery.IMMEDIATE:
            notification_id = notification.pk
            transaction.on_commit(lambda: _queue_email(notification_id))
    return notification


def _queue_email(notification_id: int) -> None:
    from groundswell.notifications.tasks import send_notification_email

    send_notification_email.enqueue(notification_id)


def notification_email_send(*, notification_id: int) -> bool:
    """Email one notification now, if the person still wants it. Claims the row first, so a
    task run twice sends one email."""
    from groundswell.notifications import emails

    notification = (
        Notification.objects.select_related("recipient")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .exclude(email_delivery="")
        .first()
    )
    if notification is None:
        return False
    recipient = notification.recipient
    if preferences.email_wanted(recipient, notification.type_key) != EmailDelivery.IMMEDIATE:
        Notification.objects.filter(pk=notification.pk).update(email_delivery="")
        return False
    claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return False
    emails.notification_message(notification).send()
    return True


@transaction.atomic
def notification_mark_read(*, user: Any, notification: Notification) -> Notification:
    if notification.recipient_id != user.pk:
        raise PermissionError("Only the recipient can mark a notification read.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


@transaction.atomic
def notifications_mark_all_read(*, user: Any) -> int:
    return Notification.objects.filter(recipient=user).unread().update(read_at=timezone.now())


@transaction.atomic
def preferences_save(*, user: Any, choices: Mapping[str, preferences.Choice]) -> None:
    """Save the person's choice for each type given (unknown types are ignored)."""
    for type_key, choice in choices.items():
        if registry.find_type(type_key) is None:
            continue
        NotificationPreference.objects.update_or_create(
            user=user,
            type_key=type_key,
            defaults={"in_site": choice.in_site, "email": choice.email},
        )


@transaction.atomic
def emails_set_off(*, user: Any, off: bool) -> None:
    NotificationSettings.objects.update_or_create(user=user, defaults={"emails_off": off})


@transaction.atomic
def unsubscribe(*, user: Any, type_key: str = "") -> str:
    """Turn off the emails of one type, or every notification email when `type_key` is "" (or no
    longer exists). The site's inbox is left as it is. Returns the type key acted on."""
    ntype = registry.find_type(type_key) if type_key else None
    if ntype is None:
        emails_set_off(user=user, off=True)
        return ""
    current = preferences.choice_for(user, ntype.key)
    NotificationPreference.objects.update_or_create(
        user=user,
        type_key=ntype.key,
        defaults={"in_site": current.in_site, "email": EmailDelivery.NEVER},
    )
    return ntype.key


# Digests -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DuePeriod:
    period: str
    period_key: str


def due_periods(now: dt.datetime) -> list[DuePeriod]:
    """The summaries that may go out at `now` (site time zone): the daily one from
    NOTIFICATIONS_DIGEST_HOUR each day, the weekly one from that hour on
    NOTIFICATIONS_DIGEST_WEEKDAY (0 = Monday) until the week ends, so a server that was down at
    the hour still sends it later."""
    local = timezone.localtime(now)
    hour = int(getattr(settings, "NOTIFICATIONS_DIGEST_HOUR", 8))
    weekday = int(getattr(settings, "NOTIFICATIONS_DIGEST_WEEKDAY", 0))
    due = []
    if local.hour >= hour:
        due.append(DuePeriod(DigestPeriod.DAILY, local.date().isoformat()))
    if (local.weekday(), local.hour) >= (weekday, hour):
        year, week, _ = local.isocalendar()
        due.append(DuePeriod(DigestPeriod.WEEKLY, f"{year}-W{week:02d}"))
    return due


@dataclass
class DigestRun:
    sent: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def as_dict(self) -> dict[str, int]:
        return {str(period): count for period, count in self.sent.items()}


# People whose summaries one transaction claims, builds and marks (and then sends).
DIGEST_BATCH = 500
# At most this many ids in one `IN (...)` list (SQLite allows 32,766 parameters).
_IDS_PER_STATEMENT = 5000


def digests_run(*, now: dt.datetime | None = None) -> DigestRun:
    """Build and send the summaries due now. Safe to run again, or on two workers at once: each
    person gets one summary per period (the Digest row is the claim).

    People are taken DIGEST_BATCH at a time (digests_send_for), so the queries grow with the
    number of batches, not of people, except one visibility check per person's summary."""
    now = now or timezone.now()
    run = DigestRun()
    for due in due_periods(now):
        already = Digest.objects.filter(period=due.period, period_key=due.period_key).values(
            "user_id"
        )
        # order_by(): Notification's default ordering would make DISTINCT apply to
        # (recipient, created_at, id), one row per notification instead of one per person.
        # Sorted, so two workers claim in the same order and never wait on each other in a cycle.
        user_ids = sorted(
            Notification.objects.filter(email_delivery=due.period, emailed_at__isnull=True)
            .exclude(recipient_id__in=already)
            .order_by()
            .values_list("recipient_id", flat=True)
            .distinct()
        )
        for start in range(0, len(user_ids), DIGEST_BATCH):
            sent = digests_send_for(
                user_ids=user_ids[start : start + DIGEST_BATCH],
                period=due.period,
                period_key=due.period_key,
                now=now,
            )
            run.sent[due.period] += len(sent)
    return run


def _chunks(ids: list[int]) -> list[list[int]]:
    return [ids[i : i + _IDS_PER_STATEMENT] for i in range(0, len(ids), _IDS_PER_STATEMENT)]


def _claim_digests(counts: dict[int, int], *, period: str, period_key: str) -> dict[int, int]:
    """Create the Digest rows (the claims) for these people, with their item counts, in one
    statement; {user id: digest id} for the rows this call created. A row another run created
    first is skipped (ON CONFLICT DO NOTHING waits for that run to commit), so its person is
    left to that run. PostgreSQL and SQLite (3.35+) both speak this INSERT."""
    table = connection.ops.quote_name(Digest._meta.db_table)
    created = connection.ops.adapt_datetimefield_value(timezone.now())
    rows = []
    params: list[Any] = []
    for user_id, item_count in sorted(counts.items()):
        rows.append("(%s, %s, %s, %s, %s)")
        params += [user_id, period, period_key, created, item_count]
    sql = (
        f"INSERT INTO {table} (user_id, period, period_key, created_at, item_count) "  # noqa: S608
        f"VALUES {', '.join(rows)} ON CONFLICT (user_id, period, period_key) DO NOTHING "
        "RETURNING user_id, id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


def digests_send_for(
    *, user_ids: list[int], period: str, period_key: str, now: dt.datetime
) -> list[int]:
    """Claim and send the summaries of these people for one period, in one transaction and a
    fixed number of queries; the summaries are emailed after it commits. Returns the ids of the
    Digests claimed: people with nothing to send, or whose summary another run claimed, have
    none.

    A notification whose type the person now wants in another summary moves there; one they
    no longer want emailed loses its email (it stays in the inbox)."""
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=user_ids)}
    if not users:
        return []
    with transaction.atomic():
        pending: dict[int, list[tuple[int, str]]] = defaultdict(list)
        rows = (
            Notification.objects.filter(
                recipient_id__in=users, email_delivery=period, emailed_at__isnull=True
            )
            .order_by("recipient_id", "created_at", "id")
            .values_list("recipient_id", "id", "type_key")
        )
        for recipient_id, pk, type_key in rows:
            pending[recipient_id].append((pk, type_key))
        if not pending:
            return []
        wanted = preferences.emails_wanted_many(
            (users[uid] for uid in pending),
            {type_key for items in pending.values() for _, type_key in items},
        )
        include: dict[int, list[int]] = {}
        # Choices changed since these were sent: move them to the new summary, or drop the email.
        moved: dict[str, list[int]] = defaultdict(list)
        for uid, items in pending.items():
            for pk, type_key in items:
                want = wanted[uid][type_key]
                if want == period:
                    include.setdefault(uid, []).append(pk)
                else:
                    keep = want in (DigestPeriod.DAILY, DigestPeriod.WEEKLY)
                    moved[want if keep else ""].append(pk)
        for delivery, ids in moved.items():
            for chunk in _chunks(ids):
                Notification.objects.filter(pk__in=chunk).update(email_delivery=delivery)
        if not include:
            return []
        claimed = _claim_digests(
            {uid: min(len(ids), DIGEST_MAX_ITEMS) for uid, ids in include.items()},
            period=period,
            period_key=period_key,
        )
        if not claimed:
            return []
        own = Digest.objects.filter(
            user_id=OuterRef("recipient_id"), period=period, period_key=period_key
        ).values("id")[:1]
        for chunk in _chunks([pk for uid in sorted(claimed) for pk in include[uid]]):
            Notification.objects.filter(pk__in=chunk, emailed_at__isnull=True).update(
                emailed_at=now, digest_id=Subquery(own)
            )
        digest_ids = sorted(claimed.values())
        transaction.on_commit(lambda: _send_digests(digest_ids))
    return digest_ids


def _send_digests(digest_ids: list[int]) -> None:
    """Email these summaries and mark the ones that went."""
    from groundswell.notifications import emails

    sent: list[int] = []
    for digest_id, message in emails.digest_messages(digest_ids):
        try:
            message.send()
        except Exception:
            # The claim stays: a retry could send twice. Logged for the operator.
            logger.exception("Could not send notification summary %s", digest_id)
            continue
        sent.append(digest_id)
    if sent:
        Digest.objects.filter(pk__in=sent).update(sent_at=timezone.now())
