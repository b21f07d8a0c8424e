"""Follow buttons and the "From what you follow" block, for other apps' pages.

Pages visitors see are stored for everyone (core/pagecache.py): for them these render the same
sign-in prompt, never anything personal."""

from __future__ import annotations

from typing import Any

from django import template

from groundswell.follows import registry, selectors
from groundswell.follows.models import ConnectionStatus, WhoCanFollow, WhoCanSee

register = template.Library()

FROM_FOLLOWS_SHOWN = 5


@register.inclusion_tag("follows/_follow_button_tag.html", takes_context=True)
def follow_button(context: template.Context, kind: str, target: Any) -> dict[str, Any]:
    """A Follow/Unfollow button for `target` of the registered `kind` (one query). No Follow
    button where the kind's rule says this person can't follow it (an organisation's own members);
    Unfollow stays for someone already following."""
    request = context["request"]
    entry = registry.get(kind)
    user = request.user
    following = selectors.is_following(user, kind, target.pk)
    may_follow = (
        entry.can_follow is None or not user.is_authenticated or entry.can_follow(user, target)
    )
    return {
        "signed_in": user.is_authenticated,
        "shown": following or may_follow,
        "entry": entry,
        "lookup": entry.lookup_of(target),
        "target_name": entry.name(target),
        "following": following,
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
    # One query (a profile page's budget); the rules are permissions.py's, from the same rows.
    state = selectors.person_state(user, person)
    blockers = state.blockers
    conn = state.connection
    connected = conn is not None and conn[0] == ConnectionStatus.ACCEPTED
    follow_ok = state.who_can_follow == WhoCanFollow.MEMBERS or (
        state.who_can_follow == WhoCanFollow.CONNECTIONS and connected
    )
    see_ok = state.connections_visible_to == WhoCanSee.MEMBERS or (
        state.connections_visible_to == WhoCanSee.CONNECTIONS and connected
    )
    pending = conn is not None and conn[0] == ConnectionStatus.PENDING
    data.update(
        entry=entry,
        lookup=person.handle,
        target_name=person.public_name,
        i_blocked=user.pk in blockers,
        following=state.following,
        can_follow=not blockers and follow_ok,
        # An unverified member is told why by the service when they try.
        can_connect=not blockers,
        connected=connected,
        asked_by_me=pending and conn is not None and conn[1] == user.pk,
        asked_me=pending and conn is not None and conn[1] == person.pk,
    )
    if not blockers and see_ok:
        data["follower_count"] = selectors.follower_count(person)
        data["show_network"] = True
    return data


@register.inclusion_tag("follows/_from_what_you_follow.html", takes_context=True)
def from_what_you_follow(context: template.Context) -> dict[str, Any]:
    """The signed-in home page's first block: the newest from what the person follows and from
    the topics and home place on their profile, with links to each."""
    request = context["request"]
    user = request.user
    if not user.is_authenticated:
        return {"signed_in": False}
    followed = selectors.follows_of(user)
    following = {(f.kind.key, f.target.pk) for f in followed}
    kinds = registry.kinds()
    yours: list[dict[str, str]] = []
    also: dict[str, list[int]] = {"topic": [], "place": []}
    for key, target in _profile_topics_and_place(user):
        if key in kinds and (key, target.pk) not in following:
            also[key].append(target.pk)
            yours.append({"name": kinds[key].name(target), "url": kinds[key].url(target)})
    page = selectors.following_feed(user, size=FROM_FOLLOWS_SHOWN, also=also)
    return {
        "signed_in": True,
        "items": page.items,
        "more": page.next_cursor is not None,
        "followed": followed,
        "yours": yours,
        "request": request,
        "user": user,
    }


def _profile_topics_and_place(user: Any) -> list[tuple[str, Any]]:
    """The topics and home place the person put on their profile (two queries)."""
    from groundswell.accounts.models import Profile

    profile = Profile.objects.filter(user=user).select_related("home_place").first()
    if profile is None:
        return []
    found: list[tuple[str, Any]] = [("topic", t) for t in profile.topics.order_by("name")]
    if profile.home_place is not None:
        found.append(("place", profile.home_place))
    return found
