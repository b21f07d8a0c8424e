"""Reads: the inbox with unread counts, a conversation's messages as one reader sees them, the
navigation badge (unread_count, one query), and the open reports moderators work through."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import (
    Count,
    DateTimeField,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from groundswell.messaging.models import (
    Conversation,
    ConversationKind,
    Message,
    MessageReport,
    Participant,
    ReportStatus,
)
from groundswell.messaging.permissions import Access
from groundswell.organisations.models import MANAGING_ROLES, Membership, OrganisationStatus

# Read markers start here: before any message was sent.
NEVER = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
INBOX_SIZE = 200
CONVERSATION_SIZE = 500
REMOVED = gettext_lazy("Message removed")
HIDDEN = gettext_lazy("Removed by a moderator")
FORMER = gettext_lazy("Former member")


def _managed_org_ids(user: Any) -> QuerySet[Membership, Any]:
    return Membership.objects.filter(
        user=user, role__in=MANAGING_ROLES, organisation__status=OrganisationStatus.ACTIVE
    ).values("organisation_id")


# Literal table names: the badge is counted on every signed-in page, and compiling the ORM's
# version (an EXISTS on the reader's participant row, a subquery for the organisation inboxes
# they answer) cost about 1.5 ms of Python, several times the query. tests/test_unread_count.py
# checks the names are the models' tables and the count matches the ORM's formulation.
_UNREAD_SQL = (
    "SELECT COUNT(*) FROM messaging_message m "
    "INNER JOIN messaging_conversation c ON m.conversation_id = c.id "
    "WHERE (EXISTS (SELECT 1 FROM messaging_participant p WHERE p.conversation_id = "
    "m.conversation_id AND p.user_id = %s AND (p.last_read_at IS NULL OR p.last_read_at < "
    "m.created_at)) AND (m.sender_id IS NULL OR m.sender_id <> %s)) "
    "OR (NOT m.as_organisation AND c.organisation_id IN (SELECT ms.organisation_id FROM "
    "organisations_membership ms INNER JOIN organisations_organisation o ON ms.organisation_id "
    "= o.id WHERE o.status = %s AND ms.role IN (%s, %s) AND ms.user_id = %s) "
    "AND (c.organisation_read_at IS NULL OR c.organisation_read_at < m.created_at))"
)
UNREAD_SQL_TABLES = (
    "messaging_message",
    "messaging_conversation",
    "messaging_participant",
    "organisations_membership",
    "organisations_organisation",
)


def unread_count(user: Any) -> int:
    """Unread messages in the person's conversations and in the organisation inboxes they
    answer (one query), for the navigation badge: a message is unread by a participant who
    did not send it and has not read past it, and by the owners and admins of an active
    organisation whose inbox has not been read past a message its correspondent sent."""
    if not getattr(user, "is_authenticated", False):
        return 0
    uid = user.pk
    owner, admin = MANAGING_ROLES
    with connection.cursor() as cursor:
        cursor.execute(
            _UNREAD_SQL, [uid, uid, OrganisationStatus.ACTIVE.value, owner.value, admin.value, uid]
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def _unread_since(marker: Any, *, exclude_sender: Any = None, org_side: bool = False) -> Any:
    messages = Message.objects.filter(
        conversation=OuterRef("conversation_id" if not org_side else "pk"),
        created_at__gt=Coalesce(marker, Value(NEVER), output_field=DateTimeField()),
    )
    if exclude_sender is not None:
        messages = messages.exclude(sender_id=exclude_sender)
    if org_side:
        messages = messages.filter(as_organisation=False)
    counted = messages.order_by().values("conversation").annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


@dataclass
class InboxRow:
    conversation: Conversation
    title: str
    unread: int
    as_organisation: bool

    @property
    def url(self) -> str:
        return reverse("messaging:conversation", args=[self.conversation.pk])

    @property
    def last_message_at(self) -> dt.datetime:
        return self.conversation.last_message_at or self.conversation.created_at


def _title(conversation: Conversation, others: list[str], as_organisation: bool) -> str:
    org = conversation.organisation
    if conversation.kind == ConversationKind.ORGANISATION and org is not None:
        if as_organisation:
            return _("%(name)s, to %(organisation)s") % {
                "name": others[0] if others else FORMER,
                "organisation": org.name,
            }
        return org.name
    name = others[0] if others else str(FORMER)
    if conversation.kind == ConversationKind.SAFETY:
        return f"{name} (about safety)"
    return name


def inbox(user: Any) -> list[InboxRow]:
    """The person's conversations and their organisations' inbox conversations, most recent
    first, each with how many messages they haven't read. Four queries."""
    rows = list(
        Participant.objects.filter(user=user)
        .select_related("conversation__organisation")
        .annotate(unread=_unread_since(OuterRef("last_read_at"), exclude_sender=user.pk))
        .order_by(F("conversation__last_message_at").desc(nulls_last=True))[:INBOX_SIZE]
    )
    org_conversations = list(
        Conversation.objects.filter(organisation_id__in=_managed_org_ids(user))
        .select_related("organisation")
        .annotate(unread=_unread_since(OuterRef("organisation_read_at"), org_side=True))
        .order_by(F("last_message_at").desc(nulls_last=True))[:INBOX_SIZE]
    )
    ids = [r.conversation_id for r in rows] + [c.pk for c in org_conversations]
    names: dict[int, list[str]] = {}
    for conversation_id, name_user in (
        (p.conversation_id, p.user)
        for p in Participant.objects.filter(conversation_id__in=ids)
        .exclude(user=user)
        .select_related("user")
        .order_by("pk")
    ):
        names.setdefault(conversation_id, []).append(name_user.public_name)
    result = [
        InboxRow(
            r.conversation,
            _title(r.conversation, names.get(r.conversation_id, []), False),
            r.unread,
            False,
        )
        for r in rows
    ]
    seen = {r.conversation_id for r in rows}
    result += [
        InboxRow(c, _title(c, names.get(c.pk, []), True), c.unread, True)
        for c in org_conversations
        if c.pk not in seen
    ]
    result.sort(key=lambda r: r.last_message_at, reverse=True)
    return result[:INBOX_SIZE]


def conversation_title(access: Access) -> str:
    return _title(
        access.conversation, [p.public_name for p in access.others], access.as_organisation
    )


def sender_name(message: Message, *, for_staff: bool) -> str:
    """The name a message is shown under: an organisation's replies under its name (and, for
    its own staff only, who wrote them)."""
    if message.is_removed or message.sender is None:
        return str(FORMER)
    if message.as_organisation:
        org = message.conversation.organisation
        org_name = org.name if org is not None else _("An organisation")
        return f"{org_name} ({message.sender.public_name})" if for_staff else org_name
    return message.sender.public_name


@dataclass
class MessageView:
    message: Message
    name: str
    text: str
    is_mine: bool
    is_unread: bool
    note: str  # "Message removed" or "Removed by a moderator" in place of the words

    @property
    def pk(self) -> int:
        return self.message.pk

    @property
    def created_at(self) -> dt.datetime:
        return self.message.created_at


def messages_for(access: Access) -> list[MessageView]:
    """The conversation's latest messages, oldest first, as the viewer sees them (one query).
    Read state is taken before the page marks them read."""
    if access.as_organisation:
        marker = access.conversation.organisation_read_at
    else:
        marker = access.participant.last_read_at if access.participant else None
    marker = marker or NEVER
    latest = list(
        Message.objects.filter(conversation=access.conversation)
        .select_related("sender")
        .order_by("-created_at", "-id")[:CONVERSATION_SIZE]
    )
    latest.reverse()
    views = []
    for m in latest:
        m.conversation = access.conversation
        if access.as_organisation:
            mine = m.as_organisation
        else:
            mine = m.sender_id == access.viewer.pk and not m.as_organisation
        note = str(REMOVED) if m.is_removed else (str(HIDDEN) if m.is_hidden else "")
        views.append(
            MessageView(
                message=m,
                name=sender_name(m, for_staff=access.as_organisation),
                text="" if note else m.body,
                is_mine=mine,
                is_unread=not mine and m.created_at > marker,
                note=note,
            )
        )
    return views


def open_reports() -> list[MessageReport]:
    """Open reports, oldest first, without the words (the page that shows one message records
    that a moderator looked)."""
    return list(
        MessageReport.objects.filter(status=ReportStatus.OPEN)
        .select_related("reporter")
        .order_by("created_at", "pk")[:200]
    )
