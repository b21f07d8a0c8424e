"""Who may moderate, who must use MFA, and who may appeal. Plain predicates, testable without HTTP."""

from __future__ import annotations

from typing import Any

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from groundswell.accounts.models import SiteRole, User
from groundswell.core.staff import is_moderator
from groundswell.stories import permissions as story_permissions
from groundswell.stories.models import Comment, HiddenCause, Status, Story

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


def can_appeal(user: Any, item: Story | Comment) -> bool:
    """The author may appeal a moderator's decision to hide their post (not a pending review)."""
    return bool(
        user.is_authenticated
        and item.author_id == user.pk
        and item.is_hidden
        and item.hidden_cause == HiddenCause.MODERATOR
        and item.hidden_at is not None
        and not (isinstance(item, Story) and item.status == Status.WITHDRAWN)
    )


def get_story_for_moderator(pk: int) -> Story:
    """Any story a moderator may review. Drafts are only ever the author's: 404."""
    story = (
        Story.objects.select_related("author", "place", "hidden_by", "organisation")
        .exclude(status=Status.DRAFT)
        .filter(pk=pk)
        .first()
    )
    if story is None:
        raise Http404("No such story")
    return story


def get_comment_for_moderator(pk: int) -> Comment:
    comment = (
        Comment.objects.select_related("author", "story", "story__author", "story__organisation", "hidden_by")
        .filter(pk=pk)
        .first()
    )
    if comment is None:
        raise Http404("No such comment")
    return comment


def get_member_for_moderator(pk: int) -> User:
    member = User.objects.filter(pk=pk).first()
    if member is None:
        raise Http404("No such member")
    return member


def get_own_story_for_appeal(user: Any, pk: int) -> Story:
    """404 if they may not see it, 403 if it is not theirs to appeal."""
    story = story_permissions.get_story_for_user(user, pk)
    if story.author_id != user.pk:
        raise PermissionDenied
    return story


def get_own_comment_for_appeal(user: Any, pk: int) -> Comment:
    comment = story_permissions.get_comment_for_user(user, pk)
    if comment.author_id != user.pk:
        raise PermissionDenied
    return comment
