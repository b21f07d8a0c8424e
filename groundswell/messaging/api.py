"""The messaging API routes (mounted by groundswell.api): the same rules as the pages, from
messaging.permissions. Reads work with a token or a signed-in session; sending, marking read
and reporting need a write token. Moderators have no extra reach here: reported messages are
reviewed on the web only, on a two-step-verified session."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Path, Query, Router, Schema
from ninja.responses import Status

from groundswell.accounts.models import User
from groundswell.api import schemas
from groundswell.api.auth import READ_AUTH, READ_SECURITY, WRITE_AUTH, member, writer
from groundswell.api.endpoints.common import responses
from groundswell.api.pagination import cursor_datetime, cursor_id, decode_cursor, encode_cursor
from groundswell.messaging import permissions, selectors, services
from groundswell.messaging.models import BODY_MAX_CHARS, Message, ReportReason
from groundswell.organisations.models import Organisation
from groundswell.safeguarding import conf as safeguarding_conf
from groundswell.safeguarding.services import review_text

router = Router(tags=["Messages"])

ConversationId = Path(..., ge=1, le=schemas.MAX_ID, description="The conversation's id.")
MessageId = Path(..., ge=1, le=schemas.MAX_ID, description="The message's id.")


class ConversationOut(Schema):
    id: int
    title: str = Field(description="Who the conversation is with, as you see them.")
    kind: str = Field(description="people, organisation or safety.")
    as_organisation: bool = Field(description="You answer it for an organisation's inbox.")
    unread: int
    last_message_at: dt.datetime
    url: str


class ConversationPage(Schema):
    items: list[ConversationOut]
    next_cursor: str | None


class MessageOut(Schema):
    id: int
    conversation_id: int
    sender: str = Field(description="The name the message is shown under.")
    mine: bool
    text: str = Field(description="Empty when the message was removed (see note).")
    note: str = Field(description="'Message removed' or 'Removed by a moderator', else empty.")
    sent_at: dt.datetime


class HelplineOut(Schema):
    name: str
    contact: str
    description: str


class SentOut(MessageOut):
    help_lines: list[HelplineOut] = Field(
        description="When your message spoke of a crisis: free, confidential services to talk "
        "to (moderators are told you may need support, never what you wrote). Else empty."
    )


class MessagePage(Schema):
    items: list[MessageOut]
    next_cursor: str | None
    can_reply: bool
    cant_reply_because: str


class PageParams(Schema):
    cursor: schemas.Cursor = schemas.optional(description="The next_cursor of the previous page.")
    limit: schemas.PageSize = schemas.PAGE_SIZE_DEFAULT


class NewConversationIn(Schema):
    to: str = Field("", max_length=40, description="The handle of a member you are connected with.")
    organisation: str = Field("", max_length=140, description="Or an organisation's slug.")
    body: str = Field(..., max_length=BODY_MAX_CHARS * 2)
    submission_key: uuid.UUID | None = Field(
        None, description="Send the same key again to get the first message back (retries)."
    )


class MessageIn(Schema):
    body: str = Field(..., max_length=BODY_MAX_CHARS * 2)
    submission_key: uuid.UUID | None = Field(
        None, description="Send the same key again to get the first message back (retries)."
    )


class ReportIn(Schema):
    reason: ReportReason
    details: str = Field("", max_length=1000)


class ReportOut(Schema):
    message_id: int
    reported: bool


class ReadOut(Schema):
    conversation_id: int
    unread: int


def _conversation_out(request: HttpRequest, row: selectors.InboxRow) -> dict[str, Any]:
    return {
        "id": row.conversation.pk,
        "title": row.title,
        "kind": row.conversation.kind,
        "as_organisation": row.as_organisation,
        "unread": row.unread,
        "last_message_at": row.last_message_at,
        "url": request.build_absolute_uri(row.url),
    }


def _message_out(conversation_id: int, view: selectors.MessageView) -> dict[str, Any]:
    return {
        "id": view.pk,
        "conversation_id": conversation_id,
        "sender": view.name,
        "mine": view.is_mine,
        "text": view.text,
        "note": view.note,
        "sent_at": view.created_at,
    }


@router.get(
    "/messages/conversations",
    response=responses({200: ConversationPage}, cursor=True),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="Your conversations, most recent first, with unread counts",
)
def conversations(request: HttpRequest, params: Query[PageParams]) -> dict[str, Any]:
    user = member(request)
    rows = selectors.inbox(user)
    if params.cursor:
        when_raw, id_raw = decode_cursor(params.cursor, 2)
        when, last_id = cursor_datetime(when_raw), cursor_id(id_raw)
        rows = [r for r in rows if (r.last_message_at, r.conversation.pk) < (when, last_id)]
    page = rows[: params.limit]
    next_cursor = None
    if len(rows) > params.limit:
        last = page[-1]
        next_cursor = encode_cursor(last.last_message_at.isoformat(), last.conversation.pk)
    return {"items": [_conversation_out(request, r) for r in page], "next_cursor": next_cursor}


@router.get(
    "/messages/conversations/{conversation_id}",
    response=responses({200: MessagePage}, 404, cursor=True),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="A conversation's messages, newest first",
)
def conversation_messages(
    request: HttpRequest, params: Query[PageParams], conversation_id: int = ConversationId
) -> dict[str, Any]:
    """Reading does not mark the conversation read: POST .../read does. 404 for a
    conversation you are not in."""
    user = member(request)
    access = permissions.get_conversation_for_user(user, conversation_id)
    views = list(reversed(selectors.messages_for(access)))
    if params.cursor:
        before = cursor_id(decode_cursor(params.cursor, 1)[0])
        views = [v for v in views if v.pk < before]
    page = views[: params.limit]
    refusal = permissions.reply_refusal(access)
    return {
        "items": [_message_out(conversation_id, v) for v in page],
        "next_cursor": encode_cursor(page[-1].pk) if len(views) > params.limit else None,
        "can_reply": refusal is None,
        "cant_reply_because": refusal or "",
    }


def _message_response(user: User, message: Message) -> dict[str, Any]:
    access = permissions.get_conversation_for_user(user, message.conversation_id)
    view = next(v for v in selectors.messages_for(access) if v.pk == message.pk)
    support = review_text(message.body).shows_support
    return {
        **_message_out(message.conversation_id, view),
        "help_lines": list(safeguarding_conf.helplines()) if support else [],
    }


@router.post(
    "/messages/conversations",
    response=responses({201: SentOut}, write=True),
    auth=WRITE_AUTH,
    summary="Send a message to a member or an organisation",
)
def conversation_start(request: HttpRequest, payload: NewConversationIn) -> Status[dict[str, Any]]:
    """Starts a conversation, or continues the one you already have with them. 403 when you
    are not connected with the member or either of you blocked the other; 404 for no such
    member or organisation."""
    user = writer(request)
    if bool(payload.to) == bool(payload.organisation):
        raise Http404("Send to one member (to) or one organisation (organisation).")
    if payload.organisation:
        org = Organisation.objects.filter(slug=payload.organisation).first()
        if org is None or not org.is_active:
            raise Http404("No such organisation")
        to = services.Recipient(organisation=org)
    else:
        person = User.objects.filter(handle=payload.to, is_active=True).first()
        if person is None or person.pk == user.pk:
            raise Http404("No such member")
        to = services.Recipient(person=person)
    message = services.message_start(
        sender=user, to=to, body=payload.body, submission_key=payload.submission_key
    )
    return Status(201, _message_response(user, message))


@router.post(
    "/messages/conversations/{conversation_id}/messages",
    response=responses({201: SentOut}, write=True),
    auth=WRITE_AUTH,
    summary="Reply in a conversation",
)
def message_send(
    request: HttpRequest, payload: MessageIn, conversation_id: int = ConversationId
) -> Status[dict[str, Any]]:
    """Organisation staff reply as the organisation. 403 (with the reason) when you can't
    reply: a block, no longer connected, a closed account."""
    user = writer(request)
    access = permissions.get_conversation_for_user(user, conversation_id)
    message = services.message_send(
        access=access, body=payload.body, submission_key=payload.submission_key
    )
    return Status(201, _message_response(user, message))


@router.post(
    "/messages/conversations/{conversation_id}/read",
    response=responses({200: ReadOut}, write=True),
    auth=WRITE_AUTH,
    summary="Mark a conversation read",
)
def mark_read(request: HttpRequest, conversation_id: int = ConversationId) -> dict[str, Any]:
    user = writer(request)
    access = permissions.get_conversation_for_user(user, conversation_id)
    services.conversation_mark_read(access=access)
    return {"conversation_id": conversation_id, "unread": 0}


@router.post(
    "/messages/conversations/{conversation_id}/messages/{message_id}/report",
    response=responses({200: ReportOut}, write=True),
    auth=WRITE_AUTH,
    summary="Report a message to the moderators",
)
def report(
    request: HttpRequest,
    payload: ReportIn,
    conversation_id: int = ConversationId,
    message_id: int = MessageId,
) -> dict[str, Any]:
    """Moderators see only this message. Reporting twice is one report. 404 for a message
    that is not in a conversation of yours, or one you wrote."""
    user = writer(request)
    access = permissions.get_conversation_for_user(user, conversation_id)
    message = Message.objects.filter(pk=message_id, conversation=access.conversation).first()
    if message is None or not permissions.can_report(access, message):
        raise Http404("No such message")
    services.message_report(
        access=access, message=message, reason=payload.reason, details=payload.details
    )
    return {"message_id": message_id, "reported": True}
