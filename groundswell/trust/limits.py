"""What each trust level may post, enforced before anything is saved.

`check_post` is registered with `stories.signals.register_post_check`, so the web forms and the API
both go through it. `check_publish` runs when a story is published (see receivers.py). Each refusal
is a ValidationError that says what the limit is, why it exists and when it lifts.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy, ngettext

from groundswell.stories.models import Comment, Status, Story
from groundswell.trust import conf
from groundswell.trust.models import TrustLevel, TrustProfile

if TYPE_CHECKING:
    from groundswell.accounts.models import User

# [text](url "title") and ![alt](url): one link each, however the URL is written.
_MARKDOWN_LINK_RE = re.compile(r"!?\[[^\]\n]*\]\(\s*<?[^)\s>]+>?(?:\s+\"[^\"]*\")?\s*\)")
# Reference definitions: [1]: https://example.org
_REFERENCE_RE = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*\S+", re.MULTILINE)
# Bare and autolinked addresses: https://..., www.example.org, <mailto:...>
_BARE_URL_RE = re.compile(r"(?:\bhttps?://|\bwww\.|\bmailto:)[^\s<>()\[\]]+", re.IGNORECASE)
# @name, but not an email address (a word character before the @).
_MENTION_RE = re.compile(r"(?<![\w.@/])@([A-Za-z][\w.-]{0,39}[\w])")

DAY = timedelta(hours=24)


def count_links(text: str) -> int:
    """Links in member-written Markdown: inline, reference-style, and bare or autolinked URLs."""
    text = text or ""
    count = len(_MARKDOWN_LINK_RE.findall(text)) + len(_REFERENCE_RE.findall(text))
    rest = _REFERENCE_RE.sub(" ", _MARKDOWN_LINK_RE.sub(" ", text))
    return count + len(_BARE_URL_RE.findall(rest))


def find_mentions(text: str) -> list[str]:
    return [f"@{m}" for m in _MENTION_RE.findall(text or "")]


def is_exempt(user: Any) -> bool:
    """Staff are not limited: moderators, organisers and administrators."""
    return bool(getattr(user, "is_moderator", False) or getattr(user, "is_organiser", False))


def _group_name(level: int) -> str:
    return str(_GROUP_NAMES[TrustLevel(level)])


_GROUP_NAMES = {
    TrustLevel.NEW: gettext_lazy("New members"),
    TrustLevel.BASIC: gettext_lazy("Basic members"),
    TrustLevel.MEMBER: gettext_lazy("Members"),
    TrustLevel.TRUSTED: gettext_lazy("Trusted members"),
}


def _limit(level: int, key: str) -> Any:
    return cast(dict[str, Any], conf.trust_limits()[level])[key]


def when_it_lifts(profile: TrustProfile, joined: datetime, key: str, now: datetime) -> str:
    """A sentence saying what would lift the limit `key`, from what this person still needs."""
    if profile.level_locked_by_moderator:
        return gettext(
            "A moderator has set your account's level, so it won't change on its own; you can "
            "ask the moderators about it."
        )
    current = _limit(profile.level, key)
    target = None
    for level in sorted(conf.trust_limits()):
        if level <= profile.level:
            continue
        better = _limit(level, key)
        if (
            better is None
            or better is True
            or (type(better) is int and type(current) is int and better > current)
        ):
            target = level
            break
    if target is None:
        return gettext("This limit is the same for everyone.")
    needs: list[str] = []
    if not profile.has_verified_email:
        needs.append(gettext("verified your email address"))
    for level, req in sorted(conf.trust_requirements().items()):
        if level > target:
            break
        days_left = req["days_since_joining"] - (now - joined).days
        if days_left > 0:
            days = req["days_since_joining"]
            needs.append(
                ngettext(
                    "been a member for %(count)d day", "been a member for %(count)d days", days
                )
                % {"count": days}
            )
        if profile.posts_count < req["posts"]:
            needs.append(
                ngettext(
                    "shared a story or a comment",
                    "shared %(count)d stories or comments",
                    req["posts"],
                )
                % {"count": req["posts"]}
            )
        if profile.reactions_received < req["reactions_received"]:
            reactions = req["reactions_received"]
            needs.append(
                ngettext(
                    "had %(count)d reaction from others",
                    "had %(count)d reactions from others",
                    reactions,
                )
                % {"count": reactions}
            )
    needs = list(dict.fromkeys(needs))  # same need from two levels: say it once
    if profile.problems_count and target > conf.LEVEL_CAP_AFTER_PROBLEM:
        needs.append(
            gettext("had no posts removed by moderators for %(days)d days")
            % {"days": conf.PROBLEM_WINDOW_DAYS}
        )
    if not needs:
        return gettext("It lifts automatically very soon.")
    if len(needs) == 1:
        return gettext("It lifts once you have %(need)s.") % {"need": needs[0]}
    return gettext("It lifts once you have %(needs)s and %(last)s.") % {
        "needs": ", ".join(needs[:-1]),
        "last": needs[-1],
    }


def _hours_until(oldest: datetime | None, now: datetime) -> str:
    if oldest is None:
        return gettext("a day")
    hours = max(1, math.ceil((oldest + DAY - now).total_seconds() / 3600))
    return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}


def _refusal(
    profile: TrustProfile, user: User, action: str, text: str, has_image: bool, now: datetime
) -> ValidationError | None:
    limits = conf.trust_limits()[profile.level]
    group = _group_name(profile.level)
    field = "body"

    def lifts(key: str) -> str:
        return when_it_lifts(profile, user.date_joined, key, now)

    max_links = limits["links_per_post"]
    links = count_links(text)
    if max_links is not None and links > max_links:
        return ValidationError(
            {
                field: ngettext(
                    "%(group)s can add up to %(max)d link in a post, and this has %(links)d. "
                    "We limit links from newer accounts because that is how most spam arrives.",
                    "%(group)s can add up to %(max)d links in a post, and this has %(links)d. "
                    "We limit links from newer accounts because that is how most spam arrives.",
                    max_links,
                )
                % {"group": group, "max": max_links, "links": links}
                + f" {lifts('links_per_post')}"
            }
        )
    mentions = find_mentions(text)
    if mentions and not limits["mentions"]:
        return ValidationError(
            {
                field: gettext(
                    "%(group)s can't mention people with @ yet (this has %(mentions)s). It stops "
                    "new accounts being used to pester people. Remove the @ and the name will "
                    "still show."
                )
                % {"group": group, "mentions": ", ".join(mentions[:3])}
                + f" {lifts('mentions')}"
            }
        )
    if has_image and not limits["images"]:
        return ValidationError(
            {
                "image": gettext(
                    "%(group)s can't add images yet. We wait a little before allowing pictures, "
                    "to protect the community from spam and upsetting images. You can save "
                    "without the image and add it later."
                )
                % {"group": group}
                + f" {lifts('images')}"
            }
        )
    if action == "comment" and limits["comments_per_day"] is not None:
        recent = list(
            Comment.objects.filter(author=user, created_at__gte=now - DAY)
            .order_by("created_at")
            .values_list("created_at", flat=True)[: limits["comments_per_day"] + 1]
        )
        if len(recent) >= limits["comments_per_day"]:
            return ValidationError(
                {
                    field: ngettext(
                        "%(group)s can post up to %(max)d comment in 24 hours, and you have "
                        "reached that. It keeps conversations calm and spam out. You can comment "
                        "again in %(wait)s.",
                        "%(group)s can post up to %(max)d comments in 24 hours, and you have "
                        "reached that. It keeps conversations calm and spam out. You can comment "
                        "again in %(wait)s.",
                        limits["comments_per_day"],
                    )
                    % {
                        "group": group,
                        "max": limits["comments_per_day"],
                        "wait": _hours_until(recent[0], now),
                    }
                    + f" {lifts('comments_per_day')}"
                }
            )
    return None


def _profile_for(user: User, now: datetime) -> TrustProfile:
    from groundswell.trust.services import trust_recalculate

    profile = TrustProfile.objects.filter(user=user).first()
    return profile if profile is not None else trust_recalculate(user=user, now=now)


def _check(user: User, now: datetime, refuse: Any) -> None:
    """Refuse with the stored level; if it would refuse, recalculate once first, since someone may
    have just earned a higher level (their last post, or the passing of a day)."""
    from groundswell.trust.services import trust_recalculate

    profile = _profile_for(user, now)
    error = refuse(profile)
    if (
        error is not None
        and not profile.level_locked_by_moderator
        and profile.recalculated_at != now
    ):
        profile = trust_recalculate(user=user, now=now)
        error = refuse(profile)
    if error is not None:
        raise error


def check_post(
    *,
    user: Any,
    action: str,
    text: str,
    has_image: bool = False,
    now: datetime | None = None,
    **_: Any,
) -> None:
    """The post check: links, @mentions and images on every save, comments per day on new comments.

    Stories per day are counted when a story is published, not here: this also runs when a draft
    is saved or a published story corrected, and those must never be refused for being "too many".
    """
    if (
        not conf.limits_enforced()
        or not getattr(user, "is_authenticated", False)
        or is_exempt(user)
    ):
        return
    now = now or timezone.now()
    _check(user, now, lambda profile: _refusal(profile, user, action, text, has_image, now))


def check_publish(*, user: Any, story: Story, now: datetime | None = None) -> None:
    """Stories, ideas and resources published in any 24 hours. Re-confirming consent for a story
    that was already published once (after changing its audience) doesn't count as a new one."""
    if not conf.limits_enforced() or is_exempt(user) or story.published_at is not None:
        return
    now = now or timezone.now()

    def refuse(profile: TrustProfile) -> ValidationError | None:
        limit = conf.trust_limits()[profile.level]["stories_per_day"]
        if limit is None:
            return None
        recent = list(
            Story.objects.filter(author=user, status=Status.PUBLISHED, published_at__gte=now - DAY)
            .exclude(pk=story.pk)
            .order_by("published_at")
            .values_list("published_at", flat=True)[: limit + 1]
        )
        if len(recent) < limit:
            return None
        return ValidationError(
            ngettext(
                "%(group)s can publish up to %(max)d story, idea or resource in 24 hours, and you "
                "have reached that. It keeps the community calm and protects it from spam. Your "
                "draft is saved: you can publish it in %(wait)s.",
                "%(group)s can publish up to %(max)d stories, ideas or resources in 24 hours, and "
                "you have reached that. It keeps the community calm and protects it from spam. "
                "Your draft is saved: you can publish it in %(wait)s.",
                limit,
            )
            % {
                "group": _group_name(profile.level),
                "max": limit,
                "wait": _hours_until(recent[0], now),
            }
            + f" {when_it_lifts(profile, user.date_joined, 'stories_per_day', now)}"
        )

    _check(user, now, refuse)
