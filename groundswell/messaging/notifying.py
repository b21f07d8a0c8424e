"""What the messaging app tells people (groundswell.notifications). Types are registered from
MessagingConfig.ready().

A burst of messages is one notification: the dedupe key names the conversation, the recipient
and how far they had read, so the next notification comes only after they have caught up.
Neither the inbox line nor the email quotes the message (it can be about someone's health):
"X sent you a message".
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from groundswell.notifications import registry, services
from groundswell.notifications.models import EmailDelivery

MESSAGE = "message"


def register_types() -> None:
    registry.register_type(
        MESSAGE,
        label=_("New messages"),
        description=_(
            "Someone sends you a message, or writes to an organisation inbox you answer."
        ),
        default_delivery=EmailDelivery.IMMEDIATE,
        summary=_("{actor} sent you a message"),
    )


def _marker(when: object) -> str:
    return str(int(when.timestamp())) if hasattr(when, "timestamp") else "0"


def message_sent(message_id: int) -> None:
    """After the message is committed: tell the people it went to."""
    from groundswell.messaging import selectors
    from groundswell.messaging.models import Message, Participant
    from groundswell.organisations.models import MANAGING_ROLES, Membership

    message = (
        Message.objects.select_related("conversation__organisation", "sender")
        .filter(pk=message_id)
        .first()
    )
    if message is None or message.sender is None:
        return
    conversation = message.conversation
    sender = message.sender
    label = selectors.sender_name(message, for_staff=False)
    url = reverse("messaging:conversation", args=[conversation.pk])
    org = conversation.organisation
    if org is not None and not message.as_organisation:
        # To the organisation's inbox: each of its owners and admins.
        staff = Membership.objects.filter(organisation=org, role__in=MANAGING_ROLES).select_related(
            "user"
        )
        for membership in staff:
            services.notify(
                membership.user,
                MESSAGE,
                actor=sender,
                actor_label=label,
                url=url,
                # Stored with the notification, so in the language of the moment it is sent.
                label=str(_("a message to %(organisation)s") % {"organisation": org.name}),
                dedupe_key=(
                    f"message:{conversation.pk}:{membership.user_id}:"
                    f"{_marker(conversation.organisation_read_at)}"
                ),
            )
        return
    rows = Participant.objects.filter(conversation=conversation).select_related("user")
    for row in rows:
        if row.user_id == sender.pk:
            continue
        services.notify(
            row.user,
            MESSAGE,
            actor=sender,
            actor_label=label,
            url=url,
            label=str(_("a message")),
            dedupe_key=f"message:{conversation.pk}:{row.user_id}:{_marker(row.last_read_at)}",
        )
