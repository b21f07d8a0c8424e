"""Direct messages: conversations between two connected members, with an organisation's shared
inbox, or started by a moderator about a safeguarding alert; their messages; reports of a message.

Message bodies are health data. Moderators read a message only when it is reported, one message
at a time, on the reported-messages page (every look is audited); nothing else shows them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

BODY_MAX_CHARS = 5000


class ConversationKind(models.TextChoices):
    PEOPLE = "people", _("Between two members")
    ORGANISATION = "organisation", _("With an organisation's inbox")
    SAFETY = "safety", _("A moderator checking on someone's safety")


class Conversation(models.Model):
    kind = models.CharField(max_length=16, choices=ConversationKind.choices)
    # One conversation per pair of people ("people:3:9"), per member and organisation
    # ("organisation:4:9") and per moderator and member ("safety:2:9"), so a second "new
    # message" continues the first.
    key = models.CharField(max_length=64, unique=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="conversations",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The safeguarding alert a moderator wrote about (never its words).
    alert_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # The organisation's shared inbox is read once for all its staff.
    organisation_read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=ConversationKind.ORGANISATION, organisation__isnull=False)
                | (~Q(kind=ConversationKind.ORGANISATION) & Q(organisation__isnull=True)),
                name="messaging_organisation_only_for_its_kind",
            )
        ]

    def __str__(self) -> str:
        return f"Conversation {self.pk} ({self.kind})"


class Participant(models.Model):
    """A person in a conversation, with how far they have read. An organisation's staff are
    not participants: they read the shared inbox (Conversation.organisation_read_at)."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conversation_rows"
    )
    last_read_at = models.DateTimeField(null=True, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "user"], name="messaging_participant_once"
            )
        ]
        indexes = [models.Index(fields=["user", "conversation"], name="messaging_part_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.conversation_id}"


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    # Null once the sender's account is erased (the words go too: is_removed).
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages_sent",
    )
    # A reply from an organisation's shared inbox, shown under the organisation's name.
    as_organisation = models.BooleanField(default=False)
    body = models.TextField(max_length=BODY_MAX_CHARS, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    is_removed = models.BooleanField(default=False)
    submission_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "submission_key"],
                condition=Q(submission_key__isnull=False),
                name="messaging_message_submitted_once",
            )
        ]
        indexes = [
            models.Index(fields=["conversation", "created_at"], name="messaging_msg_conv_idx")
        ]

    def __str__(self) -> str:
        return f"Message {self.pk} in {self.conversation_id}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class ReportReason(models.TextChoices):
    HARASSMENT = "harassment", _("Harassment, threats or abuse")
    SPAM = "spam", _("Spam, scams or advertising")
    PERSONAL_DATA = "personal_data", _("Shares someone's personal details")
    UNWANTED = "unwanted", _("Unwanted contact")
    OTHER = "other", _("Something else")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a moderator")
    DISMISSED = "dismissed", _("No action needed")
    HIDDEN = "hidden", _("Message removed")


class MessageReport(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="message_reports_made",
    )
    reason = models.CharField(max_length=20, choices=ReportReason.choices)
    details = models.TextField(max_length=1000, blank=True)
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # One open report per person and message: reporting twice is one report.
            models.UniqueConstraint(
                fields=["message", "reporter"],
                condition=Q(status="open"),
                name="messaging_report_open_once",
            )
        ]

    def __str__(self) -> str:
        return f"Report {self.pk} of message {self.message_id}"
