"""Reads: a member's introductions (waiting for their answer, the rest they were introduced in,
those they made) and how one introduction looks to one of its parties. A side's answer is shown
to that side only; the introducer and the other side see the status alone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from groundswell.introductions.models import Answer, Introduction
from groundswell.organisations.models import MANAGING_ROLES, Membership, OrganisationStatus

LIST_LIMIT = 50


@dataclass(frozen=True)
class Party:
    name: str
    url: str  # "" when there is no page to link to (an erased account)


@dataclass(frozen=True)
class Shown:
    """One introduction as `viewer` sees it."""

    intro: Introduction
    role: str  # "introducer", "a" or "b"
    introducer: Party
    # Introducer: both sides; a side: the other side.
    others: list[Party]
    my_answer: str  # "" for the introducer
    note_for_me: str  # the introducer's word for this side alone ("" when none)
    can_answer: bool
    can_withdraw: bool

    @property
    def is_introducer(self) -> bool:
        return self.role == "introducer"

    @property
    def is_waiting_for_me(self) -> bool:
        return self.can_answer and self.my_answer == Answer.PENDING


def managed_organisation_ids(user: Any) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        Membership.objects.filter(
            user=user,
            role__in=MANAGING_ROLES,
            organisation__status=OrganisationStatus.ACTIVE,
        ).values_list("organisation_id", flat=True)
    )


def _person(user: Any) -> Party:
    if user is None:
        return Party(_("A former member"), "")
    return Party(user.public_name, reverse("accounts:profile", args=[user.handle]))


def _side_b(intro: Introduction) -> Party:
    if intro.organisation is not None:
        return Party(
            intro.organisation.name,
            reverse("organisations:detail", args=[intro.organisation.slug]),
        )
    return _person(intro.person_b)


def role_of(intro: Introduction, user: Any, managed: set[int]) -> str | None:
    if not getattr(user, "is_authenticated", False):
        return None
    if intro.person_a_id == user.pk:
        return "a"
    if intro.person_b_id is not None and intro.person_b_id == user.pk:
        return "b"
    if intro.organisation_id is not None and intro.organisation_id in managed:
        return "b"
    if intro.introducer_id == user.pk:
        return "introducer"
    return None


def shown(intro: Introduction, viewer: Any, managed: set[int] | None = None) -> Shown:
    """How `viewer` (one of its parties: the caller checked) sees the introduction."""
    if managed is None:
        managed = managed_organisation_ids(viewer) if intro.organisation_id else set()
    role = role_of(intro, viewer, managed) or "introducer"
    pending = intro.is_pending
    if role == "a":
        others, my_answer, note = [_side_b(intro)], intro.answer_a, intro.note_a
    elif role == "b":
        others, my_answer, note = [_person(intro.person_a)], intro.answer_b, intro.note_b
    else:
        others, my_answer, note = [_person(intro.person_a), _side_b(intro)], "", ""
    return Shown(
        intro=intro,
        role=role,
        introducer=_person(intro.introducer),
        others=others,
        my_answer=my_answer,
        note_for_me=note,
        can_answer=pending and role in ("a", "b"),
        can_withdraw=pending and role == "introducer",
    )


def _related(qs: Any) -> Any:
    return qs.select_related("introducer", "person_a", "person_b", "organisation")


@dataclass(frozen=True)
class MyIntroductions:
    waiting: list[Shown]  # waiting for this member's answer (or their organisation's)
    received: list[Shown]  # the rest they are a side of
    made: list[Shown]


def introductions_for(user: Any) -> MyIntroductions:
    """The member's introductions page, newest first, at most LIST_LIMIT in each part
    (three queries, and one for the organisations they run)."""
    managed = managed_organisation_ids(user)
    as_side = Q(person_a=user) | Q(person_b=user) | Q(organisation_id__in=managed)
    sides = [
        shown(i, user, managed)
        for i in _related(Introduction.objects.filter(as_side))[: LIST_LIMIT * 2]
    ]
    waiting = [s for s in sides if s.is_waiting_for_me][:LIST_LIMIT]
    received = [s for s in sides if not s.is_waiting_for_me][:LIST_LIMIT]
    made = [
        shown(i, user, managed)
        for i in _related(Introduction.objects.filter(introducer=user))[:LIST_LIMIT]
    ]
    return MyIntroductions(waiting=waiting, received=received, made=made)


def waiting_count(user: Any) -> int:
    """How many introductions wait for the member's answer."""
    managed = managed_organisation_ids(user)
    return (
        Introduction.objects.pending()
        .filter(
            Q(person_a=user, answer_a=Answer.PENDING)
            | Q(person_b=user, answer_b=Answer.PENDING)
            | Q(organisation_id__in=managed, answer_b=Answer.PENDING)
        )
        .count()
    )
