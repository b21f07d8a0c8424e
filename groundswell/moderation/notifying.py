"""What moderation tells authors (groundswell.notifications), connected from
ModerationConfig.ready() with one line: `notifying.connect()`.

Every decision about a post (moderation.models.ModerationDecision) tells its author once, after
the decision is committed:

- held for review, after reports or by pre-moderation ("moderation_held");
- hidden by a moderator ("moderation_hidden");
- approved, or shown again ("moderation_shown");
- their appeal answered, accepted or turned down ("appeal_decided").

The inbox line shows the reason as the notification's title ("A moderator hid your post: <the
reason>"), as the author's decisions page does, and links to that page. Emails never carry a
title (notifications.emails), so the reason stays out of email. The moderator is never named,
and no block between the two people stops the notice: it is about the author's own post.

Moderation is a shared app: this module reads only the content layer (ContentItem.author) and
never imports the kinds of content.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from groundswell.moderation.models import DecisionAction, ModerationDecision
from groundswell.notifications import registry, services
from groundswell.notifications.models import EmailDelivery

MODERATION_HELD = "moderation_held"
MODERATION_HIDDEN = "moderation_hidden"
MODERATION_SHOWN = "moderation_shown"
APPEAL_DECIDED = "appeal_decided"

_TYPE_OF = {
    DecisionAction.HELD: MODERATION_HELD,
    DecisionAction.HIDDEN: MODERATION_HIDDEN,
    DecisionAction.RESTORED: MODERATION_SHOWN,
    DecisionAction.APPROVED: MODERATION_SHOWN,
    DecisionAction.APPEAL_UPHELD: APPEAL_DECIDED,
    DecisionAction.APPEAL_OVERTURNED: APPEAL_DECIDED,
}

# Before the reason, for the decisions a summary line can't tell apart.
_OUTCOME = {
    DecisionAction.APPEAL_UPHELD: "Turned down, it stays hidden",
    DecisionAction.APPEAL_OVERTURNED: "Accepted, it is shown again",
}

LABEL_MAX = 200


def register_types() -> None:
    registry.register_type(
        MODERATION_HELD,
        label=_("Your posts held for review"),
        description=_(
            "Something you shared waits for a moderator to check it, after reports or "
            "because new members' posts are checked first."
        ),
        default_delivery=EmailDelivery.DAILY,
        summary=_("Your post is waiting for a moderator"),
    )
    registry.register_type(
        MODERATION_HIDDEN,
        label=_("Your posts hidden by a moderator"),
        description=_("A moderator hides something you shared. You can appeal."),
        default_delivery=EmailDelivery.IMMEDIATE,
        summary=_("A moderator hid your post"),
    )
    registry.register_type(
        MODERATION_SHOWN,
        label=_("Your posts approved or shown again"),
        description=_("A moderator approves something that was waiting, or shows it again."),
        default_delivery=EmailDelivery.DAILY,
        summary=_("A moderator checked your post and it is showing"),
    )
    registry.register_type(
        APPEAL_DECIDED,
        label=_("Answers to your appeals"),
        description=_("A moderator accepts or turns down your appeal."),
        default_delivery=EmailDelivery.IMMEDIATE,
        summary=_("A moderator answered your appeal"),
    )


def _label(decision: ModerationDecision) -> str:
    parts = [_OUTCOME.get(DecisionAction(decision.action), ""), decision.reason.strip()]
    text = ": ".join(p for p in parts if p) or "Decisions about your posts"
    if len(text) > LABEL_MAX:
        text = text[: LABEL_MAX - 1].rstrip() + "…"
    return text


def decision_saved(
    sender: Any, instance: ModerationDecision, created: bool = False, **kwargs: Any
) -> None:
    if not created or kwargs.get("raw"):
        return
    decision_id = instance.pk
    transaction.on_commit(lambda: decision_committed(decision_id))


def decision_committed(decision_id: int) -> None:
    """Tell the author about one decision (once, whatever calls this again)."""
    decision = (
        ModerationDecision.objects.select_related("item", "item__author")
        .filter(pk=decision_id)
        .first()
    )
    if decision is None:
        return
    type_key = _TYPE_OF.get(DecisionAction(decision.action))
    author = decision.item.author
    if type_key is None or author is None or decision.actor_id == author.pk:
        return
    services.notify(
        author,
        type_key,
        url=reverse("moderation:my_decisions"),
        label=_label(decision),
        dedupe_key=f"moderation:{decision.pk}",
    )


def connect() -> None:
    register_types()
    post_save.connect(
        decision_saved, sender=ModerationDecision, dispatch_uid="notifications_moderation"
    )
