"""Every write of the introductions app: making an introduction, answering it, withdrawing it,
and closing it when a side's account is erased. Each runs in a transaction and is safe to
repeat: the same submission key makes one introduction, answering twice is one answer.
Notifications are queued with on_commit (notifying.py)."""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from groundswell.accounts.models import User
from groundswell.follows.selectors import is_blocked
from groundswell.follows.services import connection_make
from groundswell.introductions import notifying, permissions
from groundswell.introductions.models import (
    NOTE_MAX_CHARS,
    SIDE_NOTE_MAX_CHARS,
    Answer,
    Introduction,
    IntroductionKind,
    IntroductionStatus,
)
from groundswell.lib.text import clean_text
from groundswell.messaging.models import Conversation
from groundswell.messaging.permissions import can_message_organisation
from groundswell.messaging.services import Recipient, message_start
from groundswell.organisations.models import Organisation

logger = logging.getLogger(__name__)

# Introductions reach two people each, so like new conversations they are limited per day.
# INTRODUCTIONS_PER_DAY in settings overrides it; 0 turns the limit off.
DEFAULT_PER_DAY = 10
# After an introduction of the same two by the same introducer did not go ahead, they are not
# asked again for this long (so a decline can't be worn down by asking again).
ASK_AGAIN_AFTER = timedelta(days=180)
# The message that starts the conversation carries a key made from the introduction, so going
# ahead twice sends it once.
_MESSAGE_KEYS = uuid.UUID("6b0e1f5c-7f1c-4c55-9b2f-1f3a4d2e9c11")


class NotAllowed(PermissionDenied):
    """The action is refused; the message is for the member."""


def per_day() -> int:
    return int(getattr(settings, "INTRODUCTIONS_PER_DAY", DEFAULT_PER_DAY))


def _clean_note(value: str, field: str, *, required: bool, limit: int) -> str:
    text = clean_text(value or "")
    if required and not text:
        raise ValidationError(
            {field: _("Write a few words to both of them: why you think they should meet.")}
        )
    if len(text) > limit:
        raise ValidationError(
            {
                field: _(
                    "This can be up to %(limit)s characters, and it is %(count)s. "
                    "Please shorten it."
                )
                % {"limit": f"{limit:,}", "count": f"{len(text):,}"}
            }
        )
    return text


def _check_daily_limit(introducer: User, now: Any) -> None:
    limit = per_day()
    if limit <= 0:
        return
    made = Introduction.objects.filter(
        introducer=introducer, created_at__gte=now - timedelta(hours=24)
    ).count()
    if made >= limit:
        raise ValidationError(
            ngettext(
                "You can make up to %(limit)d introduction in 24 hours, and you have reached "
                "that. It keeps introductions welcome. Please try again tomorrow.",
                "You can make up to %(limit)d introductions in 24 hours, and you have reached "
                "that. It keeps introductions welcome. Please try again tomorrow.",
                limit,
            )
            % {"limit": limit}
        )


def _same_two(
    introducer: User, person_a: User, person_b: User | None, org: Organisation | None
) -> Q:
    q = Q(introducer=introducer, person_a=person_a)
    return q & (Q(person_b=person_b) if person_b is not None else Q(organisation=org))


@transaction.atomic
def introduction_create(
    *,
    introducer: User,
    person: User,
    other_person: User | None = None,
    organisation: Organisation | None = None,
    note: str,
    note_to_person: str = "",
    note_to_other: str = "",
    submission_key: uuid.UUID | None = None,
) -> Introduction:
    """Introduce `person` to `other_person` or to `organisation` (exactly one), with a note to
    both and an optional word for each. Both sides are told after commit. A repeated
    submission key returns the first introduction. ValidationError (per field: "person",
    "other_person", "organisation", "note", "note_to_person", "note_to_other") when it can't be
    made."""
    if submission_key is not None:
        existing = Introduction.objects.filter(
            introducer=introducer, submission_key=submission_key
        ).first()
        if existing is not None:
            return existing
    if not permissions.can_introduce(introducer):
        raise NotAllowed(_("Please verify your email address before introducing people."))
    if (other_person is None) == (organisation is None):
        raise ValidationError(
            {"other_person": _("Choose one person or one organisation to introduce them to.")}
        )
    errors: dict[str, str] = {}
    if other_person is not None:
        refusal = permissions.people_refusal(introducer, person, other_person)
        if refusal:
            errors["other_person"] = refusal
    else:
        assert organisation is not None  # noqa: S101 (checked above)
        refusal = permissions.organisation_refusal(introducer, person, organisation)
        if refusal:
            errors["organisation"] = refusal
    cleaned: dict[str, str] = {}
    for field, value, required, limit in (
        ("note", note, True, NOTE_MAX_CHARS),
        ("note_to_person", note_to_person, False, SIDE_NOTE_MAX_CHARS),
        ("note_to_other", note_to_other, False, SIDE_NOTE_MAX_CHARS),
    ):
        try:
            cleaned[field] = _clean_note(value, field, required=required, limit=limit)
        except ValidationError as exc:
            errors[field] = exc.message_dict[field][0]
    if errors:
        raise ValidationError(errors)

    # Two people are stored lower id first; their words for each side move with them.
    person_a, person_b = person, other_person
    note_a, note_b = cleaned["note_to_person"], cleaned["note_to_other"]
    if person_b is not None and person_b.pk < person_a.pk:
        person_a, person_b = person_b, person_a
        note_a, note_b = note_b, note_a

    earlier = Introduction.objects.filter(_same_two(introducer, person_a, person_b, organisation))
    if earlier.filter(status=IntroductionStatus.PENDING).exists():
        raise ValidationError(
            _("You have already introduced them. It is waiting for their answers.")
        )
    now = timezone.now()
    if earlier.filter(
        status=IntroductionStatus.DECLINED, closed_at__gte=now - ASK_AGAIN_AFTER
    ).exists():
        raise ValidationError(
            _("Your introduction of these two didn't go ahead recently, so we won't ask again.")
        )
    _check_daily_limit(introducer, now)

    intro = Introduction(
        kind=IntroductionKind.PEOPLE if person_b is not None else IntroductionKind.ORGANISATION,
        introducer=introducer,
        person_a=person_a,
        person_b=person_b,
        organisation=organisation,
        note=cleaned["note"],
        note_a=note_a,
        note_b=note_b,
        submission_key=submission_key,
    )
    try:
        with transaction.atomic():
            intro.save()
    except IntegrityError:
        # The same form sent twice at once (one row by the submission key), or two different
        # submissions of the same two (one waits at a time).
        if submission_key is not None:
            found = Introduction.objects.filter(
                introducer=introducer, submission_key=submission_key
            ).first()
            if found is not None:
                return found
        raise ValidationError(
            _("You have already introduced them. It is waiting for their answers.")
        ) from None
    intro_id = intro.pk
    transaction.on_commit(lambda: notifying.introduction_made(intro_id))
    return intro


def _locked(introduction: Introduction) -> Introduction:
    return (
        Introduction.objects.select_for_update(of=("self",))
        .select_related("introducer", "person_a", "person_b", "organisation")
        .get(pk=introduction.pk)
    )


def _close(intro: Introduction, *, status: str, tell: set[int], now: Any) -> None:
    intro.status = status
    intro.closed_at = now
    intro.save(update_fields=["status", "closed_at"])
    if tell and status == IntroductionStatus.DECLINED:
        intro_id = intro.pk
        recipients = set(tell)
        transaction.on_commit(lambda: notifying.introduction_closed(intro_id, recipients))


def _everyone_but(intro: Introduction, side: str | None) -> set[int]:
    """The people told when it won't go ahead: the introducer and every side but `side`."""
    ids: set[int] = set()
    if intro.introducer_id is not None:
        ids.add(intro.introducer_id)
    if side != "a" and intro.person_a_id is not None:
        ids.add(intro.person_a_id)
    if side != "b":
        ids.update(p.pk for p in notifying.side_b_people(intro))
    return ids


@transaction.atomic
def introduction_answer(*, introduction: Introduction, user: User, accept: bool) -> Introduction:
    """`user` accepts or declines for their side (an organisation's owner or admin for it).
    A side may change its mind while the introduction waits. A decline closes it: the others
    are told only that it won't go ahead. When both have accepted they are connected
    (introduction_go_ahead). Answering the same way twice is harmless."""
    intro = _locked(introduction)
    side = permissions.side_of(intro, user)
    if side is None:
        raise NotAllowed(_("You can't answer this introduction."))
    answer = Answer.ACCEPTED if accept else Answer.DECLINED
    current = intro.answer_a if side == "a" else intro.answer_b
    if intro.status != IntroductionStatus.PENDING:
        if current == answer:
            return intro
        raise NotAllowed(_("This introduction has closed, so it can't be answered now."))
    if current == answer:
        return intro
    now = timezone.now()
    if side == "a":
        intro.answer_a, intro.answered_a_at = answer, now
        fields = ["answer_a", "answered_a_at"]
    else:
        intro.answer_b, intro.answered_b_at, intro.answered_b_by = answer, now, user
        fields = ["answer_b", "answered_b_at", "answered_b_by"]
    intro.save(update_fields=fields)
    if not accept:
        _close(intro, status=IntroductionStatus.DECLINED, tell=_everyone_but(intro, side), now=now)
    elif intro.answer_a == Answer.ACCEPTED and intro.answer_b == Answer.ACCEPTED:
        _go_ahead(intro, last=user, now=now)
    return intro


def _opening_words(intro: Introduction) -> str:
    introducer = intro.introducer.public_name if intro.introducer else ""
    if intro.kind == IntroductionKind.ORGANISATION and intro.organisation is not None:
        if introducer:
            head = _("%(introducer)s introduced %(person)s to %(organisation)s and wrote:") % {
                "introducer": introducer,
                "person": intro.person_a.public_name if intro.person_a else "",
                "organisation": intro.organisation.name,
            }
        else:
            head = _("You were introduced on this site.")
    elif introducer:
        head = _("%(introducer)s introduced you to each other and wrote:") % {
            "introducer": introducer
        }
    else:
        head = _("You were introduced to each other on this site.")
    return f"{head}\n\n{intro.note}" if intro.note else head


def _start_conversation(intro: Introduction, sender: User, to: Recipient) -> Conversation | None:
    """The first message, with the introducer's note. When it can't be sent (the sender's
    message limits, say), they are still connected and can write themselves."""
    key = uuid.uuid5(_MESSAGE_KEYS, f"introduction:{intro.pk}")
    try:
        message = message_start(
            sender=sender, to=to, body=_opening_words(intro), submission_key=key
        )
    except (ValidationError, PermissionDenied):
        logger.info("Introduction %s: no opening message could be sent", intro.pk)
        return None
    return message.conversation


def _go_ahead(intro: Introduction, *, last: User, now: Any) -> None:
    """Both accepted: connect them, start their conversation and tell all three. If they can no
    longer be connected (a block, a closed account, an organisation gone), it won't go ahead,
    said the same way as a decline."""
    conversation: Conversation | None = None
    if intro.kind == IntroductionKind.PEOPLE:
        a, b = intro.person_a, intro.person_b
        if a is None or b is None or not a.is_active or not b.is_active or is_blocked(a, b):
            _close(
                intro, status=IntroductionStatus.DECLINED, tell=_everyone_but(intro, None), now=now
            )
            return
        connection_make(user=a, other=b)
        sender = last if last.pk in (a.pk, b.pk) else a
        other = b if sender.pk == a.pk else a
        conversation = _start_conversation(intro, sender, Recipient(person=other))
    else:
        person, org = intro.person_a, intro.organisation
        if person is None or org is None or not can_message_organisation(person, org):
            _close(
                intro, status=IntroductionStatus.DECLINED, tell=_everyone_but(intro, None), now=now
            )
            return
        # The person writes to the organisation's inbox: its staff answer there as it.
        conversation = _start_conversation(intro, person, Recipient(organisation=org))
    intro.status = IntroductionStatus.CONNECTED
    intro.closed_at = now
    intro.conversation = conversation
    intro.save(update_fields=["status", "closed_at", "conversation"])
    intro_id = intro.pk
    transaction.on_commit(lambda: notifying.introduction_connected(intro_id))


@transaction.atomic
def introduction_withdraw(*, introduction: Introduction, actor: User) -> Introduction:
    """The introducer takes it back while it waits. Nobody is notified; its page says so.
    Withdrawing twice is harmless."""
    intro = _locked(introduction)
    if not permissions.is_introducer(intro, actor):
        raise NotAllowed(_("Only the person who made an introduction can withdraw it."))
    if intro.status == IntroductionStatus.WITHDRAWN:
        return intro
    if intro.status != IntroductionStatus.PENDING:
        raise NotAllowed(_("This introduction has closed, so it can't be withdrawn now."))
    _close(intro, status=IntroductionStatus.WITHDRAWN, tell=set(), now=timezone.now())
    return intro


def erase_for_user(user: Any) -> None:
    """Inside the account deletion (privacy.signals.account_deleting): every waiting
    introduction the person is a side of closes as declined (the others are told it won't go
    ahead, as for any decline); those they made and that still wait are withdrawn, and their
    words go from every introduction they made. The foreign keys then empty themselves."""
    now = timezone.now()
    waiting = (
        Introduction.objects.pending()
        .filter(Q(person_a=user) | Q(person_b=user))
        .select_for_update(of=("self",))
        .select_related("introducer", "person_a", "person_b", "organisation")
    )
    for intro in waiting:
        side = "a" if intro.person_a_id == user.pk else "b"
        tell = _everyone_but(intro, side)
        tell.discard(user.pk)
        _close(intro, status=IntroductionStatus.DECLINED, tell=tell, now=now)
    Introduction.objects.pending().filter(introducer=user).update(
        status=IntroductionStatus.WITHDRAWN, closed_at=now
    )
    Introduction.objects.filter(introducer=user).update(
        note="", note_a="", note_b="", submission_key=None
    )
