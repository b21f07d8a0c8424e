"""Who may moderate, who must use MFA, and who may appeal. Plain predicates, testable without HTTP."""

from __future__ import annotations

from typing import Any

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from groundswell.accounts.models import SiteRole, User
from groundswell.content import registry
from groundswell.core.staff import has_staff_powers, is_moderator
from groundswell.moderation.models import HiddenCause

STAFF_ROLES = (SiteRole.MODERATOR, SiteRole.ADMIN)


def requires_mfa(user: Any) -> bool:
    """Moderators and administrators (and Django staff) must sign in with a second factor."""
    if not user.is_authenticated:
        return False
    return bool(user.site_role in STAFF_ROLES or user.is_staff or user.is_superuser)


def is_site_admin(user: Any) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.site_role == SiteRole.ADMIN or user.is_superuser)
    )


def has_totp(user: Any) -> bool:
    """Whether this person has an authenticator app set up (cached on the user for the request)."""
    cached = getattr(user, "_gs_has_totp", None)
    if cached is None:
        cached = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        user._gs_has_totp = cached
    return bool(cached)


def session_passed_mfa(request: HttpRequest) -> bool:
    """Whether this session's sign-in included a second factor (allauth records each step)."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def can_act_as_moderator(request: HttpRequest) -> bool:
    """A moderator whose session passed MFA: required for every moderation page and action, and
    for the staff powers StaffMFAMiddleware grants (groundswell/core/staff.py)."""
    return is_moderator(request.user) and has_totp(request.user) and session_passed_mfa(request)


def can_act_as_admin(request: HttpRequest) -> bool:
    return is_site_admin(request.user) and has_totp(request.user) and session_passed_mfa(request)


def can_appeal(user: Any, item: Any) -> bool:
    """The author may appeal a moderator's decision to hide their post (not a pending review),
    while it is still there to act on (not withdrawn or deleted: the kind's `not_actionable`)."""
    if not (
        user.is_authenticated
        and item.is_hidden
        and item.hidden_cause == HiddenCause.MODERATOR
        and item.hidden_at is not None
        and item.item.author_id == user.pk
    ):
        return False
    moderation = registry.kind_of(item).moderation
    return moderation is not None and not moderation.not_actionable(item)


def moderated_kind(key: str) -> registry.ContentKind:
    """A registered kind moderators can hide, or 404."""
    try:
        kind = registry.get(key)
    except registry.UnknownKind:
        raise Http404("No such kind of content") from None
    if kind.moderation is None:
        raise Http404("No such kind of content")
    return kind


def get_item_for_moderator(key: str, pk: int) -> Any:
    """Any piece of content of this kind a moderator may review (the kind's `reviewable` rows),
    with what its byline and title need; 404 otherwise."""
    kind = moderated_kind(key)
    assert kind.moderation is not None  # noqa: S101 (moderated_kind checked it)
    obj = (
        kind.model._default_manager.select_related("item", "hidden_by", *kind.select_related)
        .filter(kind.moderation.reviewable, pk=pk)
        .first()
    )
    if obj is None:
        raise Http404(f"No such {kind.label}")
    return obj


def get_member_for_moderator(pk: int) -> User:
    member = User.objects.filter(pk=pk).first()
    if member is None:
        raise Http404("No such member")
    return member


def get_own_item_for_appeal(user: Any, key: str, pk: int) -> Any:
    """The author's own piece of content: 404 if they may not see it, 403 if it is not theirs."""
    kind = moderated_kind(key)
    obj: Any = (
        kind.model._default_manager.select_related("item", *kind.select_related)
        .filter(pk=pk)
        .first()
    )
    if obj is None:
        raise Http404(f"No such {kind.label}")
    if obj.item.author_id == user.pk:
        return obj
    assert kind.moderation is not None  # noqa: S101 (moderated_kind checked it)
    # Moderators may see hidden content (to review it), so they are told no rather than "gone".
    may_see = kind.visible_to(kind.model._default_manager.filter(pk=pk), user).exists() or (
        has_staff_powers(user)
        and kind.model._default_manager.filter(kind.moderation.reviewable, pk=pk).exists()
    )
    if may_see:
        raise PermissionDenied
    raise Http404(f"No such {kind.label}")
