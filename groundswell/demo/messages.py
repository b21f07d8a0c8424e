"""Demo messages: a few conversations between the demo member and people they are connected
with, one with an organisation's inbox (answered as the organisation), and some unread messages
waiting for the demo member. Written through the messaging services, as the site would (so
only connected people write to each other), then dated over the last few days.

Call after follows and organisations are loaded (load_follows makes the connections).
"""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import OutputWrapper
from django.db import transaction
from django.utils import timezone

from groundswell.accounts.models import User
from groundswell.follows.selectors import are_connected, connections_of
from groundswell.messaging import permissions, services
from groundswell.messaging.models import Conversation, Message, Participant
from groundswell.organisations.models import MANAGING_ROLES, Membership, OrganisationStatus

# (who writes: "me" or "them", the words), oldest first; the last "them" lines stay unread.
THREADS: list[list[tuple[str, str]]] = [
    [
        ("them", "Hi! Are you coming to the walking group on Tuesday?"),
        ("me", "I'd like to. Is it alright if I go slowly? My knee is still sore."),
        ("them", "Of course. We stop at the café halfway, and nobody rushes."),
        ("them", "I'll save you a seat on the bench by the library at 10."),
    ],
    [
        ("me", "Thank you for sharing your story about the waiting list. It helped me a lot."),
        ("them", "I'm so glad. It took me a long time to write it."),
        ("me", "Did you ever hear back from the clinic?"),
        ("them", "Yes, finally! I have an appointment next month."),
    ],
    [
        ("them", "Would you be up for helping with the carers' leaflet? No pressure at all."),
    ],
]
TO_ORGANISATION = "Hello, is your Thursday session suitable for someone using a wheelchair?"
FROM_ORGANISATION = (
    "Yes, the hall is step-free with an accessible toilet. You'd be very welcome. "
    "If you let us know beforehand we'll keep a space at the front."
)


def _send(sender: User, conversation: Conversation, body: str) -> Message:
    access = permissions.get_conversation_for_user(sender, conversation.pk)
    return services.message_send(access=access, body=body)


@transaction.atomic
def load_messages(*, domain: str, stdout: OutputWrapper | None = None) -> int:
    """Returns how many messages were written. Safe to run again: it does nothing the second
    time."""
    me = User.objects.filter(email__iexact=f"member@{domain}").first()
    if me is None or Participant.objects.filter(user=me).exists():
        return 0
    friends = [p for p in connections_of(me) if p.email.lower().endswith(f"@{domain}")]
    friends = [p for p in friends if are_connected(me, p)][: len(THREADS)]
    written: list[Message] = []
    unread: list[Message] = []
    for friend, lines in zip(friends, THREADS, strict=False):
        conversation: Conversation | None = None
        for i, (who, body) in enumerate(lines):
            sender, to = (me, friend) if who == "me" else (friend, me)
            if conversation is None:
                message = services.message_start(
                    sender=sender, to=services.Recipient(person=to), body=body
                )
                conversation = message.conversation
            else:
                message = _send(sender, conversation, body)
            written.append(message)
            if who == "them" and all(w == "them" for w, _ in lines[i:]):
                unread.append(message)
    staff = (
        Membership.objects.filter(
            role__in=MANAGING_ROLES, organisation__status=OrganisationStatus.ACTIVE
        )
        .exclude(user=me)
        .exclude(organisation__memberships__user=me)
        .select_related("organisation", "user")
        .order_by("organisation_id")
        .first()
    )
    if staff is not None:
        first = services.message_start(
            sender=me, to=services.Recipient(organisation=staff.organisation), body=TO_ORGANISATION
        )
        written.append(first)
        access = permissions.get_conversation_for_user(staff.user, first.conversation_id)
        reply = services.message_send(access=access, body=FROM_ORGANISATION)
        written.append(reply)
        unread.append(reply)
    _spread_over_days(me, written, unread)
    if stdout is not None:
        stdout.write(
            f"Messages: {len(written)} in {len({m.conversation_id for m in written})} "
            f"conversations, {len(unread)} waiting unread for the demo member."
        )
    return len(written)


def _spread_over_days(me: User, written: list[Message], unread: list[Message]) -> None:
    """Date the messages over the last four days, in order, and mark everything before the
    unread ones read."""
    now = timezone.now()
    start = now - timedelta(days=4)
    step = (now - timedelta(hours=1) - start) / max(1, len(written))
    unread_ids = {m.pk for m in unread}
    for n, message in enumerate(written):
        message.created_at = start + step * n
    Message.objects.bulk_update(written, ["created_at"])
    by_conversation: dict[int, list[Message]] = {}
    for message in written:
        by_conversation.setdefault(message.conversation_id, []).append(message)
    for conversation_id, messages in by_conversation.items():
        last = messages[-1].created_at
        Conversation.objects.filter(pk=conversation_id).update(
            last_message_at=last, created_at=messages[0].created_at, organisation_read_at=last
        )
        read_upto = max((m.created_at for m in messages if m.pk not in unread_ids), default=None)
        for row in Participant.objects.filter(conversation_id=conversation_id):
            mine = row.user_id == me.pk
            row.last_read_at = read_upto if mine else last
            row.save(update_fields=["last_read_at"])
