"""Safeguarding reviews before publishing, and alerts for moderators after.

Nothing here blocks anyone from publishing: people in crisis who reach out by writing must not be
turned away. The author sees help lines; moderators see an alert, without health details in
any email.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from groundswell.audit.models import AuditAction
from groundswell.audit.services import audit_record
from groundswell.content import registry
from groundswell.lib.text import clean_name, clean_text
from groundswell.safeguarding import conf
from groundswell.safeguarding.checks import (
    HIGH,
    Finding,
    Passage,
    find_crisis_language,
    find_personal_data,
    needs_moderator_alert,
    passages,
)
from groundswell.safeguarding.models import Helpline, SafeguardingAlert

if TYPE_CHECKING:
    from groundswell.accounts.models import User

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Review:
    """What the publish page tells the author about their text."""

    crisis: list[Finding] = field(default_factory=list)
    personal: list[Finding] = field(default_factory=list)
    personal_passages: list[Passage] = field(default_factory=list)

    @property
    def shows_support(self) -> bool:
        return bool(self.crisis)

    @property
    def alerts_moderators(self) -> bool:
        return needs_moderator_alert(self.crisis)

    @property
    def personal_kinds(self) -> list[str]:
        return list(dict.fromkeys(_(f.label) for f in self.personal))


def text_of(content: Any) -> str:
    """The words of a piece of content the checks read: its kind's `safeguarding_text`
    (content registry), "" for a kind that declares none or once its author took the words back."""
    text_for = registry.kind_of(content).safeguarding_text
    return text_for(content) if text_for is not None else ""


def review_text(text: str) -> Review:
    """Check text before it is published. Pure: no queries."""
    personal = find_personal_data(text)
    return Review(
        crisis=find_crisis_language(text),
        personal=personal,
        personal_passages=passages(text, personal),
    )


def _findings(text: str) -> tuple[list[str], bool] | None:
    findings = [f for f in find_crisis_language(text) if not f.negated]
    if not findings:
        return None
    return sorted({f.kind for f in findings}), any(f.severity == HIGH for f in findings)


def _open_or_add(target: Any, create: dict[str, Any], kinds: list[str], is_high: bool) -> Any:
    """Add what was found to the open alert in `target` (a queryset of at most one), or open one.
    Moderators are emailed a link (never the words) once a new alert is committed."""
    alert = target.select_for_update().first()
    if alert is not None:
        alert.kinds = sorted(set(alert.kinds) | set(kinds))
        alert.is_high = alert.is_high or is_high
        alert.save(update_fields=["kinds", "is_high"])
        return alert
    try:
        with transaction.atomic():
            alert = SafeguardingAlert.objects.create(kinds=kinds, is_high=is_high, **create)
    except IntegrityError:  # a concurrent publish opened it first
        return target.first()
    if conf.email_moderators():
        from groundswell.safeguarding.tasks import email_moderators_about_alert

        alert_id = alert.pk
        transaction.on_commit(lambda: email_moderators_about_alert.enqueue(alert_id))
    return alert


@transaction.atomic
def alert_raise(*, content: Any, text: str) -> SafeguardingAlert | None:
    """Open an alert if `text` uses crisis language (denials like "I'm not suicidal" don't count).

    `content` is a published piece of content of any registered kind (a story, a comment): it has
    an `item_id` and an `author_id`. One open alert per item: publishing again adds to it.
    """
    found = _findings(text)
    if found is None:
        return None
    target = SafeguardingAlert.objects.open().filter(item_id=content.item_id)
    create = {"item_id": content.item_id, "person_id": content.author_id}
    return _open_or_add(target, create, *found)


def content_published(*, content: Any) -> SafeguardingAlert | None:
    """Check what was just published (a story, a comment: any registered kind) and alert
    moderators if it needs it. The kind's app calls this after the post is committed; a failure
    here is logged loudly and never turns the author's publish into an error page."""
    try:
        return alert_raise(content=content, text=text_of(content))
    except Exception:
        logger.exception("Could not raise a safeguarding alert for %s", content.item_id)
        return None


def _crisis_terms(text: str) -> set[tuple[str, str]]:
    return {(f.kind, f.text.casefold()) for f in find_crisis_language(text) if not f.negated}


def content_edited(*, content: Any, previous_text: str) -> SafeguardingAlert | None:
    """Words an edit adds to published content are checked as the first ones were. Words that
    were there before (`previous_text`: alerted then, or found to need nothing) don't alert
    again on every correction. Called by the kind's app after the edit is committed."""
    try:
        text = text_of(content)
        if not _crisis_terms(text) - _crisis_terms(previous_text):
            return None
        return alert_raise(content=content, text=text)
    except Exception:
        logger.exception("Could not raise a safeguarding alert for edited %s", content.item_id)
        return None


@transaction.atomic
def alert_raise_private(*, person: User, source: str, text: str) -> SafeguardingAlert | None:
    """Open an alert about something private `person` wrote (source "message": a direct
    message). Moderators may not read private words, so the alert records only who and where;
    a moderator can contact the person (a message about their safety). One open alert per
    person and source."""
    if not source:
        raise ValueError("Say where the private text was written (e.g. 'message').")
    found = _findings(text)
    if found is None:
        return None
    target = SafeguardingAlert.objects.open().filter(
        item__isnull=True, person=person, source=source
    )
    return _open_or_add(target, {"person": person, "source": source}, *found)


@transaction.atomic
def alert_acknowledge(
    *,
    alert: SafeguardingAlert,
    actor: User,
    note: str = "",
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> SafeguardingAlert:
    """A moderator has looked and done what was needed. Audit-logged; acknowledging twice is harmless."""
    locked = SafeguardingAlert.objects.select_for_update().get(pk=alert.pk)
    if locked.acknowledged_at is not None:
        return locked
    locked.acknowledged_at = now or timezone.now()
    locked.acknowledged_by = actor
    locked.note = clean_text(note)[:1000]
    locked.save(update_fields=["acknowledged_at", "acknowledged_by", "note"])
    audit_record(
        actor=actor,
        action=AuditAction.SAFEGUARDING_ACKNOWLEDGED,
        target=locked,
        details={"item": locked.item_id, "source": locked.source, "kinds": locked.kinds},
        request=request,
    )
    return locked


# --- Help lines (the staff screen) --------------------------------------------------------------

AUDIT_HELPLINE_CHANGED = "helpline_changed"


@transaction.atomic
def helpline_save(
    *,
    line: Helpline | None,
    data: dict[str, Any],
    actor: Any,
    request: HttpRequest | None = None,
) -> Helpline:
    """Add a help line (`line` None) or change one: name, contact, description, place (None for
    a national one), order, is_active. Administrators for national lines, organisers for lines
    in their places. Recorded in the audit log; pages show the change once it commits."""
    from groundswell.safeguarding import helplines, permissions

    new = line is None
    line = line or Helpline()
    if not new and not permissions.can_manage_helpline(actor, line):
        raise PermissionDenied(_("You can't change this help line."))
    before = {"name": line.name, "place": line.place_id, "active": line.is_active}
    line.name = clean_name(data["name"])
    line.contact = clean_text(data["contact"], single_line=True)
    line.description = clean_text(data.get("description", ""), single_line=True)
    line.place = data.get("place")
    line.order = data.get("order") or 100
    line.is_active = bool(data.get("is_active", True))
    if not permissions.can_manage_helpline(actor, line):
        raise PermissionDenied(_("You can't add a help line there."))
    same = Helpline.objects.filter(name__iexact=line.name, place=line.place).exclude(pk=line.pk)
    if same.exists():
        raise ValidationError(
            {"name": _("There is already a help line called %(name)s there.") % {"name": line.name}}
        )
    line.save()
    audit_record(
        actor=actor,
        action=AUDIT_HELPLINE_CHANGED,
        target=line,
        details={
            "change": "added" if new else "edited",
            "before": None if new else before,
            "name": line.name,
            "place": line.place_id,
            "active": line.is_active,
        },
        request=request,
    )
    helplines.forget()
    return line
