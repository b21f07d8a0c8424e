"""Reads: the inbox with unread counts, a conversation's messages as one reader sees them, the
navigation badge (unread_count, one query), and the open reports moderators work through."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse

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
REMOVED = "Message removed"
HIDDEN = "Removed by a moderator"
FORMER = "Former member"


def _managed_org_ids(user: Any) -> QuerySet[Membership, Any]:
    return Membership.objects.filter(
        user=user, role__in=MANAGING_ROLES, organisation__status=OrganisationStatus.ACTIVE
    ).values("organisation_id")


def unread_count(user: Any) -> int:
    """Unread messages in the person's conversations and in the organisation inboxes they
    answer (one query), for the navigation badge."""
    if not getattr(user, "is_authenticated", False):
        return 0
    mine = Participant.objects.filter(conversation=OuterRef("conversation"), user=user).filter(
        Q(last_read_at__isnull=True) | Q(last_read_at__lt=OuterRef("created_at"))
    )
    as_staff = Q(
        conversation__organisation_id__in=_managed_org_ids(user), as_organisation=False
    ) & (
        Q(conversation__organisation_read_at__isnull=True)
        | Q(conversation__organisation_read_at__lt=F("created_at"))
    )
    return (
        Message.objects.filter((Q(Exists(mine)) & ~Q(sender_id=user.pk)) | as_staff)
        .order_by()
        .count()
    )


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
            return f"{others[0] if others else FORMER}, to {org.name}"
        return org.name
    name = others[0] if others else FORMER
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
        return FORMER
    if message.as_organisation:
        org = message.conversation.organisation
        org_name = org.name if org is not None else "An organisation"
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
        note = REMOVED if m.is_removed else (HIDDEN if m.is_hidden else "")
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
