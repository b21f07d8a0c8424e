from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import prefetch_related_objects
from django.http import Http404

from groundswell.accounts import selectors
from groundswell.accounts.models import Profile, User, Visibility


def remember_verified_email(user: Any, verified: bool) -> None:
    """Keep what a query already read (selectors.viewer_state) for has_verified_email."""
    user._gs_verified = verified


def has_verified_email(user: Any) -> bool:
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_gs_verified", None)
    if cached is None:
        cached = EmailAddress.objects.filter(user=user, verified=True).exists()
        user._gs_verified = cached
    return bool(cached)


PROFILE_FIELDS = ("pronouns", "bio", "roles", "home_place", "topics")


def can_see_field(viewer: Any, profile: Profile, field: str) -> bool:
    visibility = getattr(profile, f"{field}_visibility")
    if viewer.is_authenticated and viewer.pk == profile.user_id:
        return True
    if visibility == Visibility.PUBLIC:
        return True
    if visibility == Visibility.MEMBERS:
        return bool(viewer.is_authenticated)
    return False


def visible_profile_fields(viewer: Any, profile: Profile) -> set[str]:
    return {f for f in PROFILE_FIELDS if can_see_field(viewer, profile, f)}


def shows_a_field(viewer: Any, profile: Profile) -> bool:
    """Whether the profile has a field filled in that `viewer` may see."""
    visible = visible_profile_fields(viewer, profile)
    filled = {
        "pronouns": bool(profile.pronouns),
        "bio": bool(profile.bio),
        "roles": bool(profile.role_labels),
        "home_place": profile.home_place_id is not None,
    }
    if any(filled[field] for field in visible if field in filled):
        return True
    if "topics" in visible and profile.pk is not None:
        prefetch_related_objects([profile], "topics")  # the page then lists them from here
        return bool(profile.topics.all())
    return False


def _has_blocked(person: User, viewer: Any) -> bool:
    """Someone who blocked the viewer: their profile is not there for them (groundswell.follows)."""
    from groundswell.follows.selectors import has_blocked

    return has_blocked(person, viewer)


def get_profile_for_user(viewer: Any, handle: str) -> Profile:
    """The profile at /members/<handle>/, or 404: no such active member, or one who shows this
    viewer nothing (no field filled in and visible to them, nothing posted under their name that
    they can read). A name alone is not a page: otherwise every account, including people who
    only read, could be listed. Members always see their own.

    The profile may be unsaved (a member who never had one): it is for reading only.
    """
    person = (
        User.objects.select_related("profile", "profile__home_place")
        .filter(handle=handle, is_active=True)
        .first()
    )
    if person is None:
        raise Http404("No such member")
    try:
        profile = person.profile
    except Profile.DoesNotExist:
        profile = Profile(user=person)
    if viewer.is_authenticated and viewer.pk == person.pk:
        return profile
    if _has_blocked(person, viewer):
        raise Http404("No such member")
    if shows_a_field(viewer, profile):
        return profile
    if selectors.has_named_posts_for(viewer, person):
        return profile
    raise Http404("No such member")
