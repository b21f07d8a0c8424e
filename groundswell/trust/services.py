"""Writes for trust levels and professional verification.

Levels rise (and fall) automatically from what someone has done here; a moderator can set one and
lock it. Every moderator action is audit-logged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext

from groundswell.audit.models import AuditAction
from groundswell.audit.services import audit_record
from groundswell.lib.text import clean_text
from groundswell.stories.models import Comment, HiddenCause, Report, Status, Story
from groundswell.trust import conf
from groundswell.trust.models import TrustLevel, TrustProfile

if TYPE_CHECKING:
    from groundswell.accounts.models import User


@dataclass(frozen=True)
class TrustStats:
    verified_email: bool
    days_since_joining: int
    posts: int
    reactions_received: int
    problems: int


def compute_level(stats: TrustStats) -> int:
    """The level these numbers earn: the highest whose requirements (and all below) are met."""
    if not stats.verified_email:
        return TrustLevel.NEW
    level: int = TrustLevel.NEW
    for candidate, req in sorted(conf.trust_requirements().items()):
        if (
            stats.days_since_joining >= req["days_since_joining"]
            and stats.posts >= req["posts"]
            and stats.reactions_received >= req["reactions_received"]
        ):
            level = candidate
        else:
            break
    if stats.problems:
        level = min(level, conf.LEVEL_CAP_AFTER_PROBLEM)
    return int(level)


def trust_stats_for(users: Sequence[User], *, now: datetime) -> dict[int, TrustStats]:
    """The numbers behind each person's level, in five grouped queries whatever the number of people."""
    ids = [u.pk for u in users]
    since = now - timedelta(days=conf.PROBLEM_WINDOW_DAYS)
    verified = set(
        EmailAddress.objects.filter(user_id__in=ids, verified=True).values_list(
            "user_id", flat=True
        )
    )
    visible = Q(is_hidden=False)
    moderator_hidden = Q(is_hidden=True, hidden_cause=HiddenCause.MODERATOR, hidden_at__gte=since)
    stories = {
        row["author_id"]: row
        for row in Story.objects.filter(author_id__in=ids)
        .values("author_id")
        .annotate(
            posts=Count("id", filter=visible & Q(status=Status.PUBLISHED)),
            received=Coalesce(Sum("experienced_count", filter=visible), 0)
            + Coalesce(Sum("helped_count", filter=visible), 0),
            problems=Count("id", filter=moderator_hidden),
        )
        .order_by()
    }
    comments = {
        row["author_id"]: row
        for row in Comment.objects.filter(author_id__in=ids)
        .values("author_id")
        .annotate(
            posts=Count("id", filter=visible & Q(is_deleted=False)),
            received=Coalesce(Sum("experienced_count", filter=visible), 0)
            + Coalesce(Sum("helped_count", filter=visible), 0),
            problems=Count("id", filter=moderator_hidden),
        )
        .order_by()
    }
    upheld: dict[int, int] = {}
    reports = Report.objects.filter(outcome=Report.Outcome.ACTIONED, resolved_at__gte=since).filter(
        Q(item__author_id__in=ids) | Q(profile_user_id__in=ids)
    )
    for item_author, profile_user in reports.values_list("item__author_id", "profile_user_id"):
        who = item_author or profile_user
        upheld[who] = upheld.get(who, 0) + 1
    empty: dict[str, int] = {"posts": 0, "received": 0, "problems": 0}
    result = {}
    for user in users:
        s, c = stories.get(user.pk, empty), comments.get(user.pk, empty)
        result[user.pk] = TrustStats(
            verified_email=user.pk in verified,
            days_since_joining=max(0, (now - user.date_joined).days),
            posts=s["posts"] + c["posts"],
            reactions_received=s["received"] + c["received"],
            problems=s["problems"] + c["problems"] + upheld.get(user.pk, 0),
        )
    return result


def _apply_stats(profile: TrustProfile, stats: TrustStats, now: datetime) -> list[str]:
    """Copy the numbers onto the profile and, unless locked, the level. Returns changed fields."""
    values: dict[str, Any] = {
        "has_verified_email": stats.verified_email,
        "posts_count": stats.posts,
        "reactions_received": stats.reactions_received,
        "problems_count": stats.problems,
    }
    if not profile.level_locked_by_moderator:
        values["level"] = compute_level(stats)
    changed = [name for name, value in values.items() if getattr(profile, name) != value]
    for name in changed:
        setattr(profile, name, values[name])
    profile.recalculated_at = now
    return [*changed, "recalculated_at"]


@transaction.atomic
def trust_recalculate(*, user: User, now: datetime | None = None) -> TrustProfile:
    """Work out someone's level again from what they have done; a locked level stays as it is."""
    now = now or timezone.now()
    stats = trust_stats_for([user], now=now)[user.pk]
    profile, _ = TrustProfile.objects.select_for_update().get_or_create(user=user)
    profile.save(update_fields=_apply_stats(profile, stats, now))
    return profile


def trust_recalculate_all(*, now: datetime | None = None, batch_size: int = 500) -> int:
    """Recalculate everyone, in batches (a nightly task or `manage.py recalculate_trust`).

    Idempotent: running it twice gives the same levels. Returns how many levels changed.
    """
    from groundswell.accounts.models import User

    now = now or timezone.now()
    changed_levels = 0
    last_pk = 0
    while True:
        batch = list(
            User.objects.filter(is_active=True, pk__gt=last_pk).order_by("pk")[:batch_size]
        )
        if not batch:
            return changed_levels
        last_pk = batch[-1].pk
        changed_levels += _recalculate_batch(batch, now)


@transaction.atomic
def _recalculate_batch(users: Sequence[User], now: datetime) -> int:
    stats = trust_stats_for(users, now=now)
    existing = {
        p.user_id: p
        for p in TrustProfile.objects.select_for_update().filter(user_id__in=[u.pk for u in users])
    }
    to_create: list[TrustProfile] = []
    to_update: list[TrustProfile] = []
    changed_levels = 0
    for user in users:
        profile = existing.get(user.pk) or TrustProfile(user=user)
        before = profile.level if profile.pk else None
        _apply_stats(profile, stats[user.pk], now)
        changed_levels += int(before is not None and before != profile.level)
        (to_update if profile.pk else to_create).append(profile)
    TrustProfile.objects.bulk_create(to_create, ignore_conflicts=True)
    TrustProfile.objects.bulk_update(
        to_update,
        [
            "level",
            "has_verified_email",
            "posts_count",
            "reactions_received",
            "problems_count",
            "recalculated_at",
        ],
    )
    return changed_levels


def _refuse_self(member: User, actor: User) -> None:
    if member.pk == actor.pk:
        raise PermissionDenied(
            gettext("You can't change your own trust level or verification. Ask another moderator.")
        )


def _reason(reason: str) -> str:
    reason = clean_text(reason)[:500]
    if not reason:
        raise ValidationError({"reason": gettext("Say briefly why, for the audit log.")})
    return reason


@transaction.atomic
def trust_set_level(
    *,
    member: User,
    actor: User,
    level: int,
    lock: bool,
    reason: str,
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> TrustProfile:
    """A moderator sets someone's level. Locked, it stays until unlocked; unlocked, the next
    automatic recalculation may move it again."""
    _refuse_self(member, actor)
    reason = _reason(reason)
    if level not in TrustLevel.values:
        raise ValidationError({"level": gettext("Choose a level from 0 to 3.")})
    now = now or timezone.now()
    profile, _ = TrustProfile.objects.select_for_update().get_or_create(user=member)
    before = (profile.level, profile.level_locked_by_moderator)
    profile.level = level
    profile.level_locked_by_moderator = lock
    profile.level_set_by = actor
    profile.level_set_at = now
    profile.save(
        update_fields=["level", "level_locked_by_moderator", "level_set_by", "level_set_at"]
    )
    audit_record(
        actor=actor,
        action=AuditAction.TRUST_LEVEL_SET,
        target=profile,
        details={
            "member": member.pk,
            "from": before[0],
            "to": level,
            "was_locked": before[1],
            "locked": lock,
            "reason": reason,
        },
        request=request,
    )
    return profile


@transaction.atomic
def trust_unlock_level(
    *, member: User, actor: User, request: HttpRequest | None = None, now: datetime | None = None
) -> TrustProfile:
    """Let the level follow the automatic rules again, recalculating it now."""
    _refuse_self(member, actor)
    profile, _ = TrustProfile.objects.select_for_update().get_or_create(user=member)
    before = profile.level
    profile.level_locked_by_moderator = False
    profile.save(update_fields=["level_locked_by_moderator"])
    profile = trust_recalculate(user=member, now=now)
    audit_record(
        actor=actor,
        action=AuditAction.TRUST_LEVEL_UNLOCKED,
        target=profile,
        details={"member": member.pk, "from": before, "to": profile.level},
        request=request,
    )
    return profile


@transaction.atomic
def professional_verify(
    *,
    member: User,
    actor: User,
    title: str,
    evidence: str,
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> TrustProfile:
    """A moderator records that they checked someone is the professional they say they are."""
    _refuse_self(member, actor)
    title = clean_text(title, single_line=True)[:80]
    if not title:
        raise ValidationError(
            {
                "title": gettext(
                    "Say what they are verified as, for example “GP” or “Social prescriber”."
                )
            }
        )
    evidence = clean_text(evidence)[:500]
    if not evidence:
        raise ValidationError(
            {"evidence": gettext("Say how you checked, for example which professional register.")}
        )
    profile, _ = TrustProfile.objects.select_for_update().get_or_create(user=member)
    profile.professional_title = title
    profile.professional_evidence = evidence
    profile.professional_verified_at = now or timezone.now()
    profile.professional_verified_by = actor
    profile.professional_verified_by_name = actor.public_name
    profile.save(
        update_fields=[
            "professional_title",
            "professional_evidence",
            "professional_verified_at",
            "professional_verified_by",
            "professional_verified_by_name",
        ]
    )
    audit_record(
        actor=actor,
        action=AuditAction.PROFESSIONAL_VERIFIED,
        target=profile,
        details={"member": member.pk, "title": title, "evidence": evidence},
        request=request,
    )
    return profile


@transaction.atomic
def professional_unverify(
    *, member: User, actor: User, reason: str, request: HttpRequest | None = None
) -> TrustProfile:
    """Remove a professional verification; the badge disappears everywhere at once."""
    _refuse_self(member, actor)
    reason = _reason(reason)
    profile, _ = TrustProfile.objects.select_for_update().get_or_create(user=member)
    before = profile.professional_title
    profile.professional_title = ""
    profile.professional_evidence = ""
    profile.professional_verified_at = None
    profile.professional_verified_by = None
    profile.professional_verified_by_name = ""
    profile.save(
        update_fields=[
            "professional_title",
            "professional_evidence",
            "professional_verified_at",
            "professional_verified_by",
            "professional_verified_by_name",
        ]
    )
    audit_record(
        actor=actor,
        action=AuditAction.PROFESSIONAL_UNVERIFIED,
        target=profile,
        details={"member": member.pk, "title": before, "reason": reason},
        request=request,
    )
    return profile
