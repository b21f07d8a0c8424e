"""Every write: sending (which starts a conversation when needed), reading, reporting, and a
moderator's decision on a report. Each runs in a transaction and is safe to repeat: the same
submission key sends one message, reporting twice is one report."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from groundswell.accounts.models import User
from groundswell.audit.services import audit_record
from groundswell.lib.text import clean_text
from groundswell.messaging import limits, notifying, permissions
from groundswell.messaging.models import (
    BODY_MAX_CHARS,
    Conversation,
    ConversationKind,
    Message,
    MessageReport,
    Participant,
    ReportReason,
    ReportStatus,
)
from groundswell.organisations.models import Organisation
from groundswell.safeguarding.services import alert_raise_private

# Audit log actions (groundswell.audit.models.AuditAction lists them with their labels).
AUDIT_REPORT_VIEWED = "message_report_viewed"
AUDIT_MESSAGE_HIDDEN = "message_hidden"
AUDIT_REPORTS_DISMISSED = "message_reports_dismissed"


class NotAllowed(PermissionDenied):
    """The message is refused (a block, no connection); the message is for the member."""


def clean_body(body: str) -> str:
    """The message as it will be sent, or a ValidationError on "body" in plain words."""
    body = clean_text(body or "")
    if not body:
        raise ValidationError({"body": _("Write a message before sending.")})
    if len(body) > BODY_MAX_CHARS:
        raise ValidationError(
            {
                "body": f"Messages can be up to {BODY_MAX_CHARS:,} characters, and this one is "
                f"{len(body):,}. Please shorten it or send it in two parts."
            }
        )
    return body


@dataclass(frozen=True)
class Recipient:
    """Who a new message goes to: a member, an organisation's inbox, or (for a moderator) a
    member about a safeguarding alert."""

    person: User | None = None
    organisation: Organisation | None = None
    alert_id: int | None = None


def _key_for(sender: User, to: Recipient) -> tuple[str, str]:
    if to.organisation is not None:
        return ConversationKind.ORGANISATION, f"organisation:{to.organisation.pk}:{sender.pk}"
    if to.person is None:
        raise ValueError("A message goes to a person or an organisation.")
    if to.alert_id is not None:
        return ConversationKind.SAFETY, f"safety:{sender.pk}:{to.person.pk}"
    low, high = sorted((sender.pk, to.person.pk))
    return ConversationKind.PEOPLE, f"people:{low}:{high}"


def _check_recipient(sender: User, to: Recipient) -> None:
    if to.organisation is not None:
        if not permissions.can_message_organisation(sender, to.organisation):
            raise NotAllowed(_("You can't send a message to this organisation."))
        return
    assert to.person is not None  # noqa: S101 (checked by _key_for)
    if to.alert_id is not None:
        if not permissions.can_contact_about_safety(sender, to.person):
            raise NotAllowed(_("You can't send a message to this person."))
        return
    refusal = permissions.person_refusal(sender, to.person, with_permits=True)
    if refusal is not None:
        raise NotAllowed(refusal)


def _existing(sender: User, submission_key: uuid.UUID | None) -> Message | None:
    if submission_key is None:
        return None
    return Message.objects.filter(sender=sender, submission_key=submission_key).first()


@transaction.atomic
def message_start(
    *,
    sender: User,
    to: Recipient,
    body: str,
    submission_key: uuid.UUID | None = None,
) -> Message:
    """Send a first message to a person or an organisation; when the two already have a
    conversation, the message continues it. A repeated submission key returns the first message."""
    existing = _existing(sender, submission_key)
    if existing is not None:
        return existing
    body = clean_body(body)
    _check_recipient(sender, to)
    kind, key = _key_for(sender, to)
    conversation = Conversation.objects.filter(key=key).first()
    limits.check_message(user=sender, text=body, new_conversation=conversation is None)
    if conversation is None:
        try:
            with transaction.atomic():
                conversation = Conversation.objects.create(
                    kind=kind,
                    key=key,
                    organisation=to.organisation,
                    alert_id=to.alert_id,
                    started_by=sender,
                )
        except IntegrityError:  # started by the other person at the same moment
            conversation = Conversation.objects.get(key=key)
        people = [sender] if to.organisation is not None else [sender, to.person]
        for person in people:
            Participant.objects.get_or_create(conversation=conversation, user=person)
    elif to.alert_id is not None and conversation.alert_id != to.alert_id:
        conversation.alert_id = to.alert_id
        conversation.save(update_fields=["alert_id"])
    return _send(conversation, sender, body, as_organisation=False, submission_key=submission_key)


@transaction.atomic
def message_send(
    *,
    access: permissions.Access,
    body: str,
    submission_key: uuid.UUID | None = None,
) -> Message:
    """Reply in a conversation (as the organisation, for its staff). A repeated submission key
    returns the first message."""
    sender = access.viewer
    existing = _existing(sender, submission_key)
    if existing is not None:
        return existing
    body = clean_body(body)
    refusal = permissions.reply_refusal(access)
    if refusal is not None:
        raise NotAllowed(refusal)
    limits.check_message(user=sender, text=body, new_conversation=False)
    return _send(
        access.conversation,
        sender,
        body,
        as_organisation=access.as_organisation,
        submission_key=submission_key,
    )


def _send(
    conversation: Conversation,
    sender: User,
    body: str,
    *,
    as_organisation: bool,
    submission_key: uuid.UUID | None,
) -> Message:
    message = Message(
        conversation=conversation,
        sender=sender,
        as_organisation=as_organisation,
        body=body,
        submission_key=submission_key,
    )
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:  # the same submission twice at once
        return Message.objects.get(sender=sender, submission_key=submission_key)
    now = message.created_at
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
    if as_organisation:
        Conversation.objects.filter(pk=conversation.pk).update(organisation_read_at=now)
    else:
        Participant.objects.filter(conversation=conversation, user=sender).update(last_read_at=now)
    # Moderators learn who wrote crisis language in a message and where, never the words.
    alert_raise_private(person=sender, source="message", text=body)
    message_id = message.pk
    transaction.on_commit(lambda: notifying.message_sent(message_id))
    return message


@transaction.atomic
def conversation_mark_read(*, access: permissions.Access, now: datetime | None = None) -> None:
    """Everything in the conversation so far is read by the viewer (or by the organisation's
    inbox, for its staff)."""
    now = now or timezone.now()
    if access.as_organisation:
        Conversation.objects.filter(pk=access.conversation.pk).update(organisation_read_at=now)
        access.conversation.organisation_read_at = now
    elif access.participant is not None:
        Participant.objects.filter(pk=access.participant.pk).update(last_read_at=now)
        access.participant.last_read_at = now


@transaction.atomic
def message_report(
    *,
    access: permissions.Access,
    message: Message,
    reason: str,
    details: str = "",
) -> MessageReport:
    """Report a message to the moderators; reporting it again returns the open report."""
    if not permissions.can_report(access, message):
        raise NotAllowed(_("You can't report this message."))
    if reason not in ReportReason.values:
        raise ValidationError({"reason": _("Choose what is wrong with the message.")})
    details = clean_text(details or "")
    if len(details) > 1000:
        raise ValidationError({"details": _("Please keep this to 1,000 characters.")})
    reporter = access.viewer
    open_report = MessageReport.objects.filter(
        message=message, reporter=reporter, status=ReportStatus.OPEN
    ).first()
    if open_report is not None:
        return open_report
    try:
        with transaction.atomic():
            return MessageReport.objects.create(
                message=message, reporter=reporter, reason=reason, details=details
            )
    except IntegrityError:
        return MessageReport.objects.get(
            message=message, reporter=reporter, status=ReportStatus.OPEN
        )


def report_view_record(
    *, report: MessageReport, moderator: User, request: HttpRequest | None = None
) -> None:
    """Every time a moderator is shown a reported message, the audit log says so."""
    audit_record(
        actor=moderator,
        action=AUDIT_REPORT_VIEWED,
        target=report.message,
        details={"report": report.pk},
        request=request,
    )


@transaction.atomic
def report_resolve(
    *,
    report: MessageReport,
    moderator: User,
    hide: bool,
    request: HttpRequest | None = None,
) -> int:
    """Close every open report of the message: hide it ("Removed by a moderator" for the
    people in the conversation) or dismiss them. Returns how many reports were closed."""
    if not permissions.can_review_reports(moderator):
        raise NotAllowed(_("Only moderators can decide on reports."))
    now = timezone.now()
    message = report.message
    if hide and message.hidden_at is None:
        Message.objects.filter(pk=message.pk).update(hidden_at=now)
        message.hidden_at = now
    closed = MessageReport.objects.filter(message=message, status=ReportStatus.OPEN).update(
        status=ReportStatus.HIDDEN if hide else ReportStatus.DISMISSED,
        resolved_at=now,
        resolved_by=moderator,
    )
    audit_record(
        actor=moderator,
        action=AUDIT_MESSAGE_HIDDEN if hide else AUDIT_REPORTS_DISMISSED,
        target=message,
        details={"report": report.pk, "reports_closed": closed},
        request=request,
    )
    return closed


def erase_for_user(user: Any) -> None:
    """Inside the account deletion: the words of every message they sent go (the others in the
    conversation see "Message removed"), and so do their places in conversations and the
    reports they made."""
    Message.objects.filter(sender=user).update(
        body="", is_removed=True, sender=None, submission_key=None
    )
    Participant.objects.filter(user=user).delete()
    MessageReport.objects.filter(reporter=user).delete()
    Conversation.objects.filter(started_by=user).update(started_by=None)
