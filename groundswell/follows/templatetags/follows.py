"""Follow buttons and the "From what you follow" block, for other apps' pages.

Pages visitors see are stored for everyone (core/pagecache.py): for them these render the same
sign-in prompt, never anything personal."""

from __future__ import annotations

from typing import Any

from django import template

from groundswell.follows import permissions, registry, selectors
from groundswell.follows.models import ConnectionStatus

register = template.Library()

FROM_FOLLOWS_SHOWN = 5


@register.inclusion_tag("follows/_follow_button_tag.html", takes_context=True)
def follow_button(context: template.Context, kind: str, target: Any) -> dict[str, Any]:
    """A Follow/Unfollow button for `target` of the registered `kind` (one query)."""
    request = context["request"]
    entry = registry.get(kind)
    user = request.user
    return {
        "signed_in": user.is_authenticated,
        "entry": entry,
        "lookup": entry.lookup_of(target),
        "target_name": entry.name(target),
        "following": selectors.is_following(user, kind, target.pk),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }


@register.inclusion_tag("follows/_person_actions.html", takes_context=True)
def person_actions(context: template.Context, person: Any) -> dict[str, Any]:
    """Follow, connect and block on a profile, and the counts the person lets this viewer see."""
    request = context["request"]
    user = request.user
    data: dict[str, Any] = {
        "person": person,
        "signed_in": user.is_authenticated,
        "is_me": user.is_authenticated and user.pk == person.pk,
        "csrf_token": context.get("csrf_token"),
        "request": request,
        "next": request.get_full_path(),
    }
    if not user.is_authenticated:
        return data
    entry = registry.get("person")
    conn = selectors.connection_between(user, person)
    data.update(
        entry=entry,
        lookup=person.handle,
        target_name=person.public_name,
        i_blocked=selectors.has_blocked(user, person),
        following=selectors.is_following(user, "person", person.pk),
        can_follow=permissions.can_follow_person(user, person),
        can_connect=permissions.can_request_connection(user, person),
        connected=conn is not None and conn.status == ConnectionStatus.ACCEPTED,
        asked_by_me=conn is not None
        and conn.status == ConnectionStatus.PENDING
        and conn.requested_by_id == user.pk,
        asked_me=conn is not None
        and conn.status == ConnectionStatus.PENDING
        and conn.requested_by_id == person.pk,
    )
    if permissions.can_see_network(user, person):
        data["follower_count"] = selectors.follower_count(person)
        data["show_network"] = True
    return data


@register.inclusion_tag("follows/_from_what_you_follow.html", takes_context=True)
def from_what_you_follow(context: template.Context) -> dict[str, Any]:
    """The signed-in home page's first block: the newest from what the person follows, and
    links to the topics and place on their profile."""
    request = context["request"]
    user = request.user
    if not user.is_authenticated:
        return {"signed_in": False}
    page = selectors.following_feed(user, size=FROM_FOLLOWS_SHOWN)
    return {
        "signed_in": True,
        "items": page.items,
        "more": page.next_cursor is not None,
        "followed": selectors.follows_of(user),
        "request": request,
        "user": user,
    }
