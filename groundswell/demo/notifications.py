"""Demo notifications: what the demo community's replies and reactions told each member, dated
when they happened, all read and emailed except the newest few, so the demo member finds some
waiting in their inbox (and in the next daily summary in var/mail/).

Runs after the demo is committed: the comments and reactions the loader wrote notify their
authors as they do on the real site (stories/notifying.py) once the transaction commits.
"""

from __future__ import annotations

from datetime import datetime

from django.core.management.base import OutputWrapper
from django.db import transaction

from groundswell.accounts.models import User
from groundswell.messaging.models import Message
from groundswell.notifications.models import Notification
from groundswell.stories.models import Comment, Reaction

# How many each demo member has waiting; the demo member gets a few more to look at.
UNREAD_EACH = 1
UNREAD_DEMO_MEMBER = 5


@transaction.atomic
def load_notifications(*, domain: str, stdout: OutputWrapper | None = None) -> int:
    people = list(User.objects.filter(email__iendswith=f"@{domain}"))
    notifications = list(Notification.objects.filter(recipient__in=people))
    item_ids = {n.target_item_id for n in notifications if n.target_item_id}
    when: dict[int | None, datetime] = dict(
        Comment.objects.filter(item_id__in=item_ids).values_list("item_id", "created_at")
    )
    reacted: dict[tuple[int | None, int | None], datetime] = {
        (r.user_id, r.item_id): r.created_at
        for r in Reaction.objects.filter(item_id__in=item_ids, user__in=people)
    }
    # A message's notification: when the conversation's newest message from someone else came
    # (demo/messages.py dates the messages over the last few days).
    conversation_ids = {
        int(n.dedupe_key.split(":")[1])
        for n in notifications
        if n.dedupe_key.startswith("message:")
    }
    last_message: dict[tuple[int, int | None], datetime] = {}
    for conversation_id, sender_id, sent_at in Message.objects.filter(
        conversation_id__in=conversation_ids
    ).values_list("conversation_id", "sender_id", "created_at"):
        key = (conversation_id, sender_id)
        if key not in last_message or sent_at > last_message[key]:
            last_message[key] = sent_at
    for n in notifications:
        at = reacted.get((n.actor_id, n.target_item_id)) or when.get(n.target_item_id)
        if at is None and n.dedupe_key.startswith("message:") and n.actor_id is not None:
            at = last_message.get((int(n.dedupe_key.split(":")[1]), n.actor_id))
        if at is not None:
            n.created_at = at
        n.read_at, n.emailed_at, n.email_delivery = n.created_at, n.created_at, ""
    newest: dict[int, list[Notification]] = {}
    for n in sorted(notifications, key=lambda n: n.created_at, reverse=True):
        newest.setdefault(n.recipient_id, []).append(n)
    for recipient_id, rows in newest.items():
        is_demo_member = any(p.pk == recipient_id and p.email.startswith("member@") for p in people)
        for n in rows[: UNREAD_DEMO_MEMBER if is_demo_member else UNREAD_EACH]:
            n.read_at, n.emailed_at, n.email_delivery = None, None, "daily"
    Notification.objects.bulk_update(
        notifications, ["created_at", "read_at", "emailed_at", "email_delivery"], batch_size=500
    )
    waiting = sum(1 for n in notifications if n.read_at is None)
    if stdout is not None:
        stdout.write(f"Notifications: {len(notifications)} sent, {waiting} waiting unread.")
    return waiting
