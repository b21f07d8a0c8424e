"""The person's messages in "Download my data"."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from groundswell.messaging import permissions, selectors
from groundswell.messaging.models import Participant


def export_messages(user: Any) -> list[dict[str, Any]]:
    """Every message in the person's conversations, as they see them: others by the name they
    are shown under, never their ids or email addresses. Organisation inboxes they answer
    belong to the organisation, not to them, so only what they wrote there is in it."""
    rows: list[dict[str, Any]] = []
    for participant in Participant.objects.filter(user=user).select_related(
        "conversation__organisation"
    ):
        access = permissions.get_conversation_for_user(user, participant.conversation_id)
        title = selectors.conversation_title(access)
        for view in selectors.messages_for(access):
            rows.append(
                {
                    "conversation": title,
                    "from": _("You") if view.is_mine else view.name,
                    "sent_at": view.created_at,
                    "text": view.text or view.note,
                }
            )
    from groundswell.messaging.models import Message

    for message in (
        Message.objects.filter(sender=user, as_organisation=True)
        .select_related("conversation__organisation")
        .order_by("created_at")
    ):
        org = message.conversation.organisation
        rows.append(
            {
                "conversation": _("%(organisation)s inbox")
                % {"organisation": org.name if org else _("An organisation")},
                "from": _("You, for the organisation"),
                "sent_at": message.created_at,
                "text": "" if message.is_hidden else message.body,
            }
        )
    return rows
