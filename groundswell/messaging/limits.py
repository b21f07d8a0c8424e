"""How many messages each trust level may send, and the link limit posts already have.

New accounts are how most spam and pestering arrives, so a new member sends fewer messages a day
and starts fewer conversations. The numbers live here, beside the trust levels they read
(groundswell/trust/conf.py); `MESSAGE_LIMITS` in settings may override any of them.
Each refusal is a ValidationError on "body" that says what the limit is, why, and when it lifts.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any, TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from groundswell.messaging.models import Conversation, Message
from groundswell.trust import conf
from groundswell.trust.limits import count_links, is_exempt, when_it_lifts
from groundswell.trust.models import TrustProfile

DAY = timedelta(hours=24)


class MessageLimits(TypedDict):
    messages_per_day: int | None  # None: no limit
    conversations_per_day: int | None  # new conversations started in any 24 hours


# Each level that raises these also raises links_per_post (trust/conf.py), so "when it lifts"
# reads the same for both.
DEFAULT_MESSAGE_LIMITS: dict[int, MessageLimits] = {
    conf.NEW: {"messages_per_day": 20, "conversations_per_day": 5},
    conf.BASIC: {"messages_per_day": 100, "conversations_per_day": 20},
    conf.MEMBER: {"messages_per_day": None, "conversations_per_day": None},
    conf.TRUSTED: {"messages_per_day": None, "conversations_per_day": None},
}

_GROUP = {
    0: gettext_lazy("New members"),
    1: gettext_lazy("Basic members"),
    2: gettext_lazy("Members"),
    3: gettext_lazy("Trusted members"),
}


def message_limits() -> dict[int, MessageLimits]:
    overrides = getattr(settings, "MESSAGE_LIMITS", None) or {}
    merged: dict[int, Any] = {k: dict(v) for k, v in DEFAULT_MESSAGE_LIMITS.items()}
    for key, value in overrides.items():
        merged.setdefault(int(key), {}).update(value)
    return merged


def _profile(user: Any, now: datetime) -> TrustProfile:
    from groundswell.trust.services import trust_recalculate

    profile = TrustProfile.objects.filter(user=user).first()
    return profile if profile is not None else trust_recalculate(user=user, now=now)


def _in_hours(oldest: datetime, now: datetime) -> str:
    hours = max(1, math.ceil((oldest + DAY - now).total_seconds() / 3600))
    return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}


def _refusal(
    profile: TrustProfile, user: Any, text: str, new_conversation: bool, now: datetime
) -> ValidationError | None:
    group = _GROUP.get(profile.level, _GROUP[2])
    lifts = when_it_lifts(profile, user.date_joined, "links_per_post", now)
    max_links = conf.trust_limits()[profile.level]["links_per_post"]
    links = count_links(text)
    if max_links is not None and links > max_links:
        return ValidationError(
            {
                "body": ngettext(
                    "%(group)s can add up to %(max)d link in a message, and this has %(links)d. "
                    "We limit links from newer accounts because that is how most spam arrives.",
                    "%(group)s can add up to %(max)d links in a message, and this has %(links)d. "
                    "We limit links from newer accounts because that is how most spam arrives.",
                    max_links,
                )
                % {"group": group, "max": max_links, "links": links}
                + f" {lifts}"
            }
        )
    limits: dict[str, Any] = dict(message_limits().get(profile.level, {}))
    per_day = limits.get("messages_per_day")
    if per_day is not None:
        recent = list(
            Message.objects.filter(sender=user, created_at__gte=now - DAY)
            .order_by("created_at")
            .values_list("created_at", flat=True)[: per_day + 1]
        )
        if len(recent) >= per_day:
            return ValidationError(
                {
                    "body": _(
                        "%(group)s can send up to %(max)d messages in 24 hours, and you have "
                        "reached that. It protects people from unwanted messages and spam. You "
                        "can send again in %(wait)s."
                    )
                    % {"group": group, "max": per_day, "wait": _in_hours(recent[0], now)}
                    + f" {lifts}"
                }
            )
    started = limits.get("conversations_per_day")
    if new_conversation and started is not None:
        recent = list(
            Conversation.objects.filter(started_by=user, created_at__gte=now - DAY)
            .order_by("created_at")
            .values_list("created_at", flat=True)[: started + 1]
        )
        if len(recent) >= started:
            return ValidationError(
                {
                    "body": _(
                        "%(group)s can start up to %(max)d new conversations in 24 hours, and "
                        "you have reached that. You can still reply in the conversations you "
                        "have. You can start another in %(wait)s."
                    )
                    % {"group": group, "max": started, "wait": _in_hours(recent[0], now)}
                    + f" {lifts}"
                }
            )
    return None


def check_message(
    *, user: Any, text: str, new_conversation: bool, now: datetime | None = None
) -> None:
    """Raise a ValidationError when `user` may not send this message now. Staff are not limited."""
    if not conf.limits_enforced() or is_exempt(user):
        return
    now = now or timezone.now()
    profile = _profile(user, now)
    error = _refusal(profile, user, text, new_conversation, now)
    if error is not None and not profile.level_locked_by_moderator:
        # They may have just earned a higher level.
        from groundswell.trust.services import trust_recalculate

        profile = trust_recalculate(user=user, now=now)
        error = _refusal(profile, user, text, new_conversation, now)
    if error is not None:
        raise error
