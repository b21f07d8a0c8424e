"""Who may introduce whom, who sees an introduction and who answers it. Plain predicates, read by
the pages and the API alike.

- An introducer is a signed-in member with a verified email address who may write to both sides
  (messaging.permissions: connected with each person, able to write to the organisation's inbox)
  and whom neither has blocked.
- An introduction is seen by its introducer and its two sides (IntroductionQuerySet.visible_to);
  it is a 404 for everyone else, moderators included.
- A side answers for itself; an organisation's owners and admins answer for it.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import Http404
from django.utils.translation import gettext as _

from groundswell.accounts.models import User
from groundswell.accounts.permissions import has_verified_email
from groundswell.follows.selectors import are_connected, is_blocked
from groundswell.introductions.models import Introduction, IntroductionStatus
from groundswell.messaging.permissions import can_message_organisation, person_refusal
from groundswell.organisations.models import Organisation
from groundswell.organisations.permissions import can_manage

Side = Literal["a", "b"]


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_introduce(user: Any) -> bool:
    """May make introductions at all (the site's rule for reaching other people)."""
    return _signed_in(user) and has_verified_email(user)


def can_introduce_person(user: Any, person: User) -> bool:
    """Whether `person` can be one side of an introduction `user` makes (the guard for the
    link on a member's page)."""
    return can_introduce(user) and person_refusal(user, person) is None


def can_introduce_organisation(user: Any, org: Organisation) -> bool:
    """Whether `org` can be one side of an introduction `user` makes."""
    return can_introduce(user) and can_message_organisation(user, org)


def people_refusal(introducer: Any, first: User, second: User) -> str | None:
    """Why `introducer` may not introduce these two people, in plain words; None when they may.
    Blocks between the two are refused in the same words as any other reason, so an introducer
    never learns that one blocked the other."""
    if first.pk == second.pk:
        return _("Choose two different people.")
    if introducer.pk in (first.pk, second.pk):
        return _("You can't introduce yourself. Ask to connect from their profile instead.")
    for person in (first, second):
        if not can_introduce_person(introducer, person):
            return _("You can introduce people you are connected with.")
    if is_blocked(first, second):
        return _("You can't introduce these two people.")
    if are_connected(first, second):
        return _("%(first)s and %(second)s are already connected.") % {
            "first": first.public_name,
            "second": second.public_name,
        }
    return None


def organisation_refusal(introducer: Any, person: User, org: Organisation) -> str | None:
    """Why `introducer` may not introduce `person` to `org`; None when they may."""
    if introducer.pk == person.pk:
        return _("You can't introduce yourself. Write to the organisation from its page instead.")
    if not can_introduce_person(introducer, person):
        return _("You can introduce people you are connected with.")
    if not can_introduce_organisation(introducer, org):
        return _("You can't introduce people to this organisation.")
    if can_manage(person, org):
        return _("%(name)s already helps run %(organisation)s.") % {
            "name": person.public_name,
            "organisation": org.name,
        }
    if not can_message_organisation(person, org):
        return _("You can't introduce these two.")
    return None


def side_of(intro: Introduction, user: Any) -> Side | None:
    """Which side `user` answers for, or None (the introducer, or nobody)."""
    if not _signed_in(user):
        return None
    if user.pk is not None and user.pk == intro.person_a_id:
        return "a"
    if intro.person_b_id is not None and user.pk == intro.person_b_id:
        return "b"
    if intro.organisation is not None and can_manage(user, intro.organisation):
        return "b"
    return None


def is_introducer(intro: Introduction, user: Any) -> bool:
    return _signed_in(user) and intro.introducer_id == user.pk


def can_answer(intro: Introduction, user: Any) -> bool:
    return intro.status == IntroductionStatus.PENDING and side_of(intro, user) is not None


def can_withdraw(intro: Introduction, user: Any) -> bool:
    return intro.status == IntroductionStatus.PENDING and is_introducer(intro, user)


def get_introduction_for_user(user: Any, pk: int) -> Introduction:
    """The introduction if `user` is one of its three parties; 404 for everyone else."""
    intro = (
        Introduction.objects.visible_to(user)
        .select_related("introducer", "person_a", "person_b", "organisation", "answered_b_by")
        .filter(pk=pk)
        .first()
    )
    if intro is None:
        raise Http404("No such introduction")
    return intro
