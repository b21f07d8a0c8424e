"""Moderation writes: hide, restore, hold for review, close reports, appeals, rules and roles.

Every function checks the actor's role, runs in a transaction, writes the audit log, and queues
search re-indexing with `transaction.on_commit` so hidden content leaves the index (and restored
content comes back) only once the change is saved.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from groundswell.accounts.models import SiteRole, User
from groundswell.audit.models import AuditAction
from groundswell.audit.services import audit_record
from groundswell.content import registry
from groundswell.core.staff import is_moderator
from groundswell.lib.text import clean_text
from groundswell.moderation import permissions, signals
from groundswell.moderation.models import (
    HELD_CAUSES,
    Appeal,
    AppealStatus,
    DecisionAction,
    HiddenCause,
    ModerationDecision,
    PreModerationRule,
    Report,
)

if TYPE_CHECKING:
    from django.http import HttpRequest

    from groundswell.places.models import Place
    from groundswell.topics.models import Topic

# A piece of content of any kind registered with `moderation=` (content.registry.Moderation).
Item = Any

REASON_MAX_CHARS = 1000


def _require_moderator(actor: Any) -> None:
    if not is_moderator(actor):
        raise PermissionDenied(_("Only moderators can do this."))


def _clean_reason(reason: str, *, required: bool, field: str = "reason") -> str:
    reason = clean_text(reason or "")
    if required and not reason:
        raise ValidationError(
            {field: _("Give a reason. The author will see it, so keep it kind and clear.")}
        )
    if len(reason) > REASON_MAX_CHARS:
        raise ValidationError(
            {
                field: _("Keep the reason under %(max)s characters.")
                % {"max": f"{REASON_MAX_CHARS:,}"}
            }
        )
    return reason


def moderation_of(item: Item) -> registry.Moderation:
    """The moderation manifest of this object's kind; a kind without one cannot be moderated."""
    moderation = registry.kind_of(item).moderation
    if moderation is None:
        raise ValueError(f"{type(item).__name__} is not a kind moderators can hide.")
    return moderation


def _target(item: Item) -> dict[str, int]:
    """The filter for the records about this piece of content: its content item."""
    return {"item_id": item.item_id}


def _audit_action(item: Item, change: str) -> str:
    """The kind's own audit action for this change; "<kind>_<change>" for a kind that names none
    (it can give that action its label with audit.models.register_action)."""
    return moderation_of(item).audit_actions.get(change) or f"{registry.kind_of(item).key}_{change}"


def _changed(item: Item, *, change: str, cause: str) -> None:
    """Let the kind update what depends on visibility (search, counters, announcements)."""
    hook = moderation_of(item).changed
    if hook is not None:
        hook(item, change=change, cause=cause)


_HIDE_FIELDS = ["is_hidden", "hidden_cause", "hidden_reason", "hidden_at", "hidden_by"]


def _lock(item: Item) -> Item:
    """Re-read the moderation state under a row lock so two moderators can't act on stale state."""
    fields = [*_HIDE_FIELDS[:-1], "hidden_by_id", *moderation_of(item).lock_fields]
    locked = type(item)._default_manager.select_for_update().only(*fields).get(pk=item.pk)
    for name in fields:
        setattr(item, name, getattr(locked, name))
    return item


def _check_actionable(item: Item) -> None:
    reason = moderation_of(item).not_actionable(item)
    if reason:
        raise ValidationError(reason)


def _close_open_reports(target: Item | User, *, actor: Any, outcome: str) -> int:
    where: dict[str, Any] = (
        {"profile_user": target} if isinstance(target, User) else _target(target)
    )
    return Report.objects.filter(resolved_at__isnull=True, **where).update(
        resolved_at=timezone.now(), resolved_by=actor, outcome=outcome
    )


@transaction.atomic
def item_hide(*, item: Item, actor: User, reason: str, request: HttpRequest | None = None) -> Item:
    """Hide a piece of content (or keep a held one hidden). The author is shown the reason.

    Open reports about it are closed as actioned, and it leaves lists, feeds and search (the
    kind's `changed` hook).
    """
    _require_moderator(actor)
    reason = _clean_reason(reason, required=True)
    _lock(item)
    _check_actionable(item)
    if item.is_hidden and item.hidden_cause == HiddenCause.MODERATOR:
        raise ValidationError(_("This is already hidden."))
    was_held = item.hidden_cause if item.is_hidden else ""
    item.is_hidden = True
    item.hidden_cause = HiddenCause.MODERATOR
    item.hidden_reason = reason
    item.hidden_at = timezone.now()
    item.hidden_by = actor
    item.save(update_fields=_HIDE_FIELDS)
    ModerationDecision.objects.create(
        action=DecisionAction.HIDDEN, reason=reason, actor=actor, **_target(item)
    )
    closed = _close_open_reports(item, actor=actor, outcome=Report.Outcome.ACTIONED)
    audit_record(
        actor=actor,
        action=_audit_action(item, "hidden"),
        target=item,
        details={"reason": reason, "reports_closed": closed, "was_held": was_held},
        request=request,
    )
    _changed(item, change="hidden", cause=was_held)
    return item


@transaction.atomic
def item_restore(
    *,
    item: Item,
    actor: User,
    reason: str = "",
    request: HttpRequest | None = None,
    appeal: Appeal | None = None,
) -> Item:
    """Show a hidden piece of content again, or approve one held for review.

    A reason is required when undoing a moderator's decision (the author sees it); approving a
    held post may go without one. Open reports are closed as needing no action, and an open
    appeal is accepted.
    """
    _require_moderator(actor)
    _lock(item)
    _check_actionable(item)
    if not item.is_hidden:
        raise ValidationError(_("This is not hidden."))
    cause = item.hidden_cause
    approving = cause in HELD_CAUSES
    reason = _clean_reason(reason, required=not approving)
    item.is_hidden = False
    item.hidden_cause = ""
    item.hidden_reason = ""
    # hidden_at and hidden_by stay as a record of the last time it was hidden.
    item.save(update_fields=["is_hidden", "hidden_cause", "hidden_reason"])
    if appeal is not None:
        action = DecisionAction.APPEAL_OVERTURNED
    elif approving:
        action = DecisionAction.APPROVED
    else:
        action = DecisionAction.RESTORED
    ModerationDecision.objects.create(action=action, reason=reason, actor=actor, **_target(item))
    closed = _close_open_reports(item, actor=actor, outcome=Report.Outcome.DISMISSED)
    if appeal is None:
        Appeal.objects.filter(status=AppealStatus.OPEN, **_target(item)).update(
            status=AppealStatus.OVERTURNED,
            decided_at=timezone.now(),
            decided_by=actor,
            decision_reason=reason,
        )
    change = "approved" if approving else "restored"
    audit_record(
        actor=actor,
        action=_audit_action(item, change),
        target=item,
        details={
            "reason": reason,
            "reports_closed": closed,
            "appeal": appeal.pk if appeal else None,
        },
        request=request,
    )
    _changed(item, change=change, cause=cause)
    return item


_HELD_REASONS = {
    HiddenCause.REPORTS: "Several members reported this, so it is hidden until a moderator looks at it.",
    HiddenCause.PREMODERATION: "New members' posts here are checked by a moderator before they appear.",
}


def item_hold(*, item: Item, cause: str, details: dict[str, Any]) -> bool:
    """Hide a piece of content pending review, unless it is already hidden. True if this call
    held it. `cause` is one of HELD_CAUSES; call inside the caller's transaction."""
    moderation_of(item)
    now = timezone.now()
    held = (
        type(item)
        ._default_manager.filter(pk=item.pk, is_hidden=False)
        .update(is_hidden=True, hidden_cause=cause, hidden_reason="", hidden_at=now, hidden_by=None)
    )
    if not held:
        return False
    item.is_hidden, item.hidden_cause, item.hidden_reason = True, cause, ""
    item.hidden_at, item.hidden_by = now, None
    ModerationDecision.objects.create(
        action=DecisionAction.HELD, reason=_HELD_REASONS[HiddenCause(cause)], **_target(item)
    )
    audit_record(actor=None, action=_audit_action(item, "held"), target=item, details=details)
    _changed(item, change="held", cause="")
    return True


@transaction.atomic
def report_create(
    *,
    reporter: User,
    reason: str,
    details: str = "",
    item_id: int | None = None,
    profile_user: User | None = None,
) -> Report:
    """Record a report for moderators about a piece of content (by its content item's id) or a
    profile. One open report per person per item or profile.

    Sends `signals.report_filed` after commit (moderation holds an item after several reports).
    """
    if (item_id is None) == (profile_user is None):
        raise ValueError("Report exactly one piece of content or profile.")
    existing = Report.objects.filter(
        reporter=reporter, item_id=item_id, profile_user=profile_user, resolved_at__isnull=True
    ).first()
    if existing is not None:
        return existing
    report = Report.objects.create(
        reporter=reporter,
        item_id=item_id,
        profile_user=profile_user,
        reason=reason,
        details=clean_text(details)[:1000],
    )
    transaction.on_commit(lambda: signals.report_filed.send(sender=Report, report=report))
    return report


@transaction.atomic
def report_auto_hold(*, report: Report) -> bool:
    """Hold a piece of content for review once enough different members have reported it.

    The threshold is MODERATION_AUTO_HOLD_REPORTS open reports from distinct reporters. Profiles
    are never hidden automatically; they only rise to the top of the queue. Kinds that are not
    moderated, and content a moderator could not act on now, are never held.
    """
    item: Item | None = registry.resolve(report.item) if report.item is not None else None
    if item is None or registry.kind_of(item).moderation is None:
        return False
    if moderation_of(item).not_actionable(item):
        return False
    reporters = (
        Report.objects.filter(resolved_at__isnull=True, **_target(item))
        .values("reporter_id")
        .distinct()
        .count()
    )
    if reporters < settings.MODERATION_AUTO_HOLD_REPORTS:
        return False
    return item_hold(item=item, cause=HiddenCause.REPORTS, details={"reporters": reporters})


def is_new_member(user: User) -> bool:
    """Joined fewer than PREMODERATION_NEW_MEMBER_DAYS ago and not yet trusted.

    With groundswell.trust installed, someone who has already earned (or been given) a trust
    level above "new" is not held, however recently they joined. Staff roles never are.
    """
    if user.site_role != SiteRole.MEMBER or user.is_staff or user.is_superuser:
        return False
    joined_after = timezone.now() - timedelta(days=settings.PREMODERATION_NEW_MEMBER_DAYS)
    if user.date_joined <= joined_after:
        return False
    if apps.is_installed("groundswell.trust"):
        from groundswell.trust.models import TrustLevel
        from groundswell.trust.selectors import trust_level_for

        return trust_level_for(user) == TrustLevel.NEW
    return True


def premoderation_rule_for(*, place: Place | None, topic_ids: Any) -> PreModerationRule | None:
    """The rule that covers this place (or a place above it) or one of these topics
    (`topic_ids`: ids, or a values("id") queryset)."""
    condition = Q(topic_id__in=topic_ids)
    if place is not None:
        condition |= Q(place_id__in=[*place.ancestor_ids, place.pk])
    return PreModerationRule.objects.filter(condition).select_related("place", "topic").first()


def premoderation_hold(*, item: Item, author: User, place: Place | None, topic_ids: Any) -> bool:
    """Publish gate for a kind that offers pre-moderation (the stories app's publish gate): hold
    a new member's post in a pre-moderated place or topic. Call inside the publishing
    transaction; True if it was held."""
    if not is_new_member(author):
        return False
    rule = premoderation_rule_for(place=place, topic_ids=topic_ids)
    if rule is None:
        return False
    return item_hold(
        item=item,
        cause=HiddenCause.PREMODERATION,
        details={"rule": rule.pk, "rule_for": str(rule.place or rule.topic)},
    )


def would_be_held(*, author: User, place: Place | None, topic_ids: Any) -> bool:
    """Shown on a publish page so the author knows before they agree."""
    return (
        is_new_member(author)
        and premoderation_rule_for(place=place, topic_ids=topic_ids) is not None
    )


@transaction.atomic
def reports_close(
    *,
    actor: User,
    outcome: str,
    note: str = "",
    item: Item | None = None,
    profile_user: User | None = None,
    request: HttpRequest | None = None,
) -> int:
    """Close the open reports about one piece of content or profile: 'actioned' or 'dismissed'
    (no action needed)."""
    _require_moderator(actor)
    if outcome not in Report.Outcome.values:
        raise ValidationError(_("Unknown outcome."))
    if (item is None) == (profile_user is None):
        raise ValueError("Close the reports of exactly one piece of content or profile.")
    if item is not None:
        _lock(item)  # as it is now, not as the caller last read it
        if item.is_hidden and item.hidden_cause in HELD_CAUSES:
            raise ValidationError(_("This is held for review: approve it or hide it instead."))
    target = item if item is not None else profile_user
    note = _clean_reason(note, required=False, field="note")
    closed = _close_open_reports(target, actor=actor, outcome=outcome)
    if not closed:
        raise ValidationError(_("There are no open reports about this."))
    audit_record(
        actor=actor,
        action=AuditAction.REPORTS_RESOLVED,
        target=target,
        details={"outcome": outcome, "count": closed, "note": note},
        request=request,
    )
    return closed


@transaction.atomic
def appeal_create(*, item: Item, author: User, message: str) -> Appeal:
    """The author asks moderators to look again at a hidden post. Once per hiding."""
    if item.item.author_id != author.pk:
        raise PermissionDenied(_("Only the author can appeal."))
    _lock(item)
    if not permissions.can_appeal(author, item):
        raise ValidationError("You can only appeal a post a moderator has hidden.")
    message = clean_text(message or "")
    if not message:
        raise ValidationError(
            {"message": _("Tell the moderators why you think it should be shown again.")}
        )
    if len(message) > 2000:
        raise ValidationError({"message": _("Keep your appeal under 2,000 characters.")})
    hidden_at = item.hidden_at
    if hidden_at is None:  # can_appeal checked this; kept for type checkers
        raise ValidationError("You can only appeal a post a moderator has hidden.")
    if Appeal.objects.filter(hidden_at=hidden_at, **_target(item)).exists():
        raise ValidationError(_("You have already appealed this decision."))
    try:
        with transaction.atomic():
            return Appeal.objects.create(
                author=author, hidden_at=hidden_at, message=message, **_target(item)
            )
    except IntegrityError as exc:  # a double submit lost the race
        raise ValidationError(_("You have already appealed this decision.")) from exc


@transaction.atomic
def appeal_decide(
    *, appeal: Appeal, actor: User, overturn: bool, reason: str, request: HttpRequest | None = None
) -> Appeal:
    """Turn an appeal down (it stays hidden) or accept it (shown again). The author sees the reason."""
    _require_moderator(actor)
    reason = _clean_reason(reason, required=True)
    locked = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if locked.status != AppealStatus.OPEN:
        raise ValidationError(_("This appeal has already been decided."))
    item = registry.resolve(appeal.item)
    if item is None:
        raise ValidationError(_("The appealed content no longer exists."))
    appeal.status = AppealStatus.OVERTURNED if overturn else AppealStatus.UPHELD
    appeal.decided_at = timezone.now()
    appeal.decided_by = actor
    appeal.decision_reason = reason
    appeal.save(update_fields=["status", "decided_at", "decided_by", "decision_reason"])
    if overturn:
        item_restore(item=item, actor=actor, reason=reason, request=request, appeal=appeal)
    else:
        ModerationDecision.objects.create(
            action=DecisionAction.APPEAL_UPHELD, reason=reason, actor=actor, **_target(item)
        )
    audit_record(
        actor=actor,
        action=AuditAction.APPEAL_DECIDED,
        target=item,
        details={"appeal": appeal.pk, "outcome": appeal.status, "reason": reason},
        request=request,
    )
    return appeal


@transaction.atomic
def premoderation_rule_create(
    *,
    actor: User,
    place: Place | None = None,
    topic: Topic | None = None,
    note: str = "",
    request: HttpRequest | None = None,
) -> PreModerationRule:
    """Turn pre-moderation on for new members' stories in a place (and below) or a topic."""
    _require_moderator(actor)
    if (place is None) == (topic is None):
        raise ValidationError(_("Choose a place or a topic, not both."))
    if PreModerationRule.objects.filter(place=place, topic=topic).exists():
        raise ValidationError(_("Pre-moderation is already on there."))
    rule = PreModerationRule.objects.create(
        place=place, topic=topic, note=clean_text(note, single_line=True)[:300], created_by=actor
    )
    audit_record(
        actor=actor,
        action=AuditAction.PREMODERATION_CHANGED,
        target=rule,
        details={
            "change": "on",
            "place": place.pk if place else None,
            "topic": topic.pk if topic else None,
        },
        request=request,
    )
    return rule


@transaction.atomic
def premoderation_rule_delete(
    *, rule: PreModerationRule, actor: User, request: HttpRequest | None = None
) -> None:
    """Turn pre-moderation off. Stories already held stay in the queue."""
    _require_moderator(actor)
    audit_record(
        actor=actor,
        action=AuditAction.PREMODERATION_CHANGED,
        target=rule,
        details={"change": "off", "place": rule.place_id, "topic": rule.topic_id},
        request=request,
    )
    rule.delete()
