"""Reads: blocks and connections (other apps use is_blocked and are_connected), what someone
follows, and the Following feed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from groundswell.accounts.models import User
from groundswell.follows import registry
from groundswell.follows.models import (
    Block,
    Connection,
    ConnectionStatus,
    Follow,
    NetworkSettings,
)
from groundswell.stories.models import Identity, Story
from groundswell.stories.selectors import FeedPage, feed_page


def _pk(person: Any) -> int | None:
    if person is None:
        return None
    if isinstance(person, int):
        return person
    return person.pk if getattr(person, "is_authenticated", False) else None


def is_blocked(a: Any, b: Any) -> bool:
    """Whether either of two people (users or ids) has blocked the other. False for anyone
    not signed in: a block is between two accounts."""
    a_id, b_id = _pk(a), _pk(b)
    if a_id is None or b_id is None or a_id == b_id:
        return False
    return Block.objects.filter(
        Q(blocker_id=a_id, blocked_id=b_id) | Q(blocker_id=b_id, blocked_id=a_id)
    ).exists()


def has_blocked(blocker: Any, blocked: Any) -> bool:
    """Whether `blocker` blocked `blocked` (one direction)."""
    a_id, b_id = _pk(blocker), _pk(blocked)
    if a_id is None or b_id is None:
        return False
    return Block.objects.filter(blocker_id=a_id, blocked_id=b_id).exists()


def _pair(a_id: int, b_id: int) -> tuple[int, int]:
    return (a_id, b_id) if a_id < b_id else (b_id, a_id)


def connection_between(a: Any, b: Any) -> Connection | None:
    a_id, b_id = _pk(a), _pk(b)
    if a_id is None or b_id is None or a_id == b_id:
        return None
    low, high = _pair(a_id, b_id)
    return Connection.objects.filter(user_low_id=low, user_high_id=high).first()


def are_connected(a: Any, b: Any) -> bool:
    """Whether two people (users or ids) have a mutual, accepted connection."""
    found = connection_between(a, b)
    return found is not None and found.status == ConnectionStatus.ACCEPTED


@dataclass
class PersonState:
    """What a profile shows one viewer about the person (follows.templatetags)."""

    blockers: set[int]
    connection: tuple[str, int] | None  # (status, requested_by) or None
    following: bool
    who_can_follow: str
    connections_visible_to: str


# One statement for a profile page's budget; test_selectors checks the table names.
_PERSON_STATE_SQL = (
    "SELECT 'b', blocker_id, '' FROM follows_block WHERE (blocker_id = %s AND blocked_id = %s) "
    "OR (blocker_id = %s AND blocked_id = %s) "
    "UNION ALL SELECT 'c', requested_by_id, status FROM follows_connection "
    "WHERE user_low_id = %s AND user_high_id = %s "
    "UNION ALL SELECT 'f', 0, '' FROM follows_follow WHERE follower_id = %s "
    "AND target_kind = 'person' AND target_id = %s "
    "UNION ALL SELECT 's', 0, who_can_follow || '|' || connections_visible_to "
    "FROM follows_networksettings WHERE user_id = %s"
)


def person_state(viewer: User, person: User) -> PersonState:
    low, high = _pair(viewer.pk, person.pk)
    with connection.cursor() as cursor:
        cursor.execute(
            _PERSON_STATE_SQL,
            [
                viewer.pk,
                person.pk,
                person.pk,
                viewer.pk,
                low,
                high,
                viewer.pk,
                person.pk,
                person.pk,
            ],
        )
        rows = cursor.fetchall()
    defaults = NetworkSettings()
    state = PersonState(
        set(), None, False, defaults.who_can_follow, defaults.connections_visible_to
    )
    for tag, number, text in rows:
        if tag == "b":
            state.blockers.add(number)
        elif tag == "c":
            state.connection = (text, number)
        elif tag == "f":
            state.following = True
        else:
            state.who_can_follow, state.connections_visible_to = text.split("|")
    return state


def settings_for(user: Any) -> NetworkSettings:
    """The person's choices; an unsaved row with the defaults when they never chose."""
    uid = _pk(user)
    found = NetworkSettings.objects.filter(user_id=uid).first() if uid else None
    return found or NetworkSettings(user_id=uid or 0)


def _other_ids(rows: QuerySet[Connection], uid: int) -> list[int]:
    return [high if low == uid else low for low, high in rows.values_list("user_low", "user_high")]


def connection_ids(user: Any, *, status: str = ConnectionStatus.ACCEPTED) -> list[int]:
    uid = _pk(user)
    if uid is None:
        return []
    rows = Connection.objects.filter(Q(user_low_id=uid) | Q(user_high_id=uid), status=status)
    return _other_ids(rows, uid)


def connections_of(user: Any) -> list[User]:
    ids = connection_ids(user)
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("display_name", "id"))


def requests_for(user: User) -> tuple[list[User], list[User]]:
    """(incoming, outgoing) connection requests."""
    rows = list(
        Connection.objects.filter(
            Q(user_low_id=user.pk) | Q(user_high_id=user.pk), status=ConnectionStatus.PENDING
        ).values_list("user_low", "user_high", "requested_by")
    )
    others = {high if low == user.pk else low for low, high, _ in rows}
    people = {u.pk: u for u in User.objects.filter(pk__in=others, is_active=True)}
    incoming: list[User] = []
    outgoing: list[User] = []
    for low, high, by in rows:
        other = people.get(high if low == user.pk else low)
        if other is not None:
            (outgoing if by == user.pk else incoming).append(other)
    return incoming, outgoing


def blocked_people(user: User) -> list[User]:
    return [b.blocked for b in Block.objects.filter(blocker=user).select_related("blocked")]


def followers_of(user: User) -> list[User]:
    """Who follows this person: shown to the person alone."""
    ids = Follow.objects.filter(target_kind="person", target_id=user.pk).values("follower_id")
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("display_name", "id"))


def follower_count(user: User) -> int:
    return Follow.objects.filter(target_kind="person", target_id=user.pk).count()


@dataclass
class Followed:
    kind: registry.Followable
    target: Any
    followed_at: Any

    @property
    def name(self) -> str:
        return self.kind.name(self.target)

    @property
    def url(self) -> str:
        return self.kind.url(self.target)

    @property
    def lookup(self) -> str:
        return self.kind.lookup_of(self.target)


def follows_of(user: User) -> list[Followed]:
    """Everything a person follows, newest first: one query for the follows and one per kind
    they follow."""
    rows = list(
        Follow.objects.filter(follower=user).values_list("target_kind", "target_id", "created_at")
    )
    by_kind: dict[str, list[int]] = defaultdict(list)
    for kind, target_id, _ in rows:
        by_kind[kind].append(target_id)
    kinds = registry.kinds()
    targets: dict[tuple[str, int], Any] = {}
    for key, ids in by_kind.items():
        entry = kinds.get(key)
        if entry is None:
            continue
        manager = entry.model._default_manager
        found = manager.filter(pk__in=ids)
        if entry.model is User:
            found = found.filter(is_active=True)
        for obj in found:
            targets[(key, obj.pk)] = obj
    return [
        Followed(kind=kinds[key], target=targets[(key, tid)], followed_at=when)
        for key, tid, when in rows
        if (key, tid) in targets
    ]


def follows_anything(user: Any) -> bool:
    """Whether the person follows anything at all (one query)."""
    uid = _pk(user)
    return uid is not None and Follow.objects.filter(follower_id=uid).exists()


def followed_ids(user: Any, kind: str) -> set[int]:
    uid = _pk(user)
    if uid is None:
        return set()
    return set(
        Follow.objects.filter(follower_id=uid, target_kind=kind).values_list("target_id", flat=True)
    )


def is_following(user: Any, kind: str, target_id: int) -> bool:
    uid = _pk(user)
    if uid is None:
        return False
    return Follow.objects.filter(follower_id=uid, target_kind=kind, target_id=target_id).exists()


def following_stories(
    user: User, *, also: Mapping[str, Iterable[int]] | None = None
) -> QuerySet[Story] | None:
    """The stories behind the Following feed, or None when the person follows nothing that
    brings stories. One query to read what they follow; the rest is one SQL statement:

    - the site's one visibility rule (Story.objects.visible_to);
    - each followed kind's feed_filter (people: only stories shared under their own name, so a
      pseudonymous or anonymous story is never linked to them; places include places within);
    - nothing shared under the name of someone who blocked the person or whom they blocked.

    `also` adds sources the person did not follow ({"topic": [ids], "place": [ids]}): the
    signed-in home page adds the topics and home place on their profile.
    """
    by_kind: dict[str, list[int]] = defaultdict(list)
    for kind, target_id in Follow.objects.filter(follower=user).values_list(
        "target_kind", "target_id"
    ):
        by_kind[kind].append(target_id)
    for kind, extra in (also or {}).items():
        by_kind[kind].extend(i for i in extra if i not in by_kind[kind])
    sources = Q()
    found = False
    for key, entry in registry.kinds().items():
        ids = by_kind.get(key)
        if ids and entry.feed_filter is not None:
            sources |= entry.feed_filter(ids)
            found = True
    if not found:
        return None
    blocked_by_me = Block.objects.filter(blocker=user).values("blocked_id")
    blocked_me = Block.objects.filter(blocked=user).values("blocker_id")
    return (
        Story.objects.visible_to(user)
        .filter(sources)
        .exclude(Q(identity=Identity.NAMED) & Q(author_id__in=blocked_by_me))
        .exclude(Q(identity=Identity.NAMED) & Q(author_id__in=blocked_me))
    )


def following_feed(
    user: User,
    *,
    cursor: str | None = None,
    size: int | None = None,
    also: Mapping[str, Iterable[int]] | None = None,
) -> FeedPage:
    """One page of the Following feed, newest first, keyset-paginated (stories.selectors.feed_page).
    Three queries whatever the number of follows: the follows, the page, the page's topics."""
    qs = following_stories(user, also=also)
    if qs is None:
        return FeedPage(items=[], next_cursor=None, sort="recent", is_first=not cursor)
    return feed_page(qs, sort="recent", cursor=cursor, size=size)
