"""What this app registers: people, topics and places as followable, and its export sections.
Account erasure needs nothing more: every row points at the person with on_delete=CASCADE, and
follows *of* the person go with the registry's post_delete."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from groundswell.accounts.models import User
from groundswell.follows import permissions, registry
from groundswell.follows.models import Block, Connection
from groundswell.places.models import Place
from groundswell.stories.models import Identity, Story
from groundswell.topics.models import Topic


def people_stories(ids: list[int]) -> Q:
    # Only what they shared under their own name: a pseudonymous or anonymous story must never
    # be linkable to the person.
    return Q(author_id__in=ids, identity=Identity.NAMED)


class _RowByRowExists(Exists):
    """An EXISTS that PostgreSQL checks row by row, through the index, for the rows a page reads.

    Under OR, PostgreSQL may rewrite a correlated EXISTS into a hash of every matching row,
    because it costs the whole index scan rather than the 21 rows the page's LIMIT reads: for
    10 topics of the 100,000-story bench community that is 64,000 story ids hashed on every
    request (20 ms of the Following page's 21 ms query; 0.3 ms row by row). OFFSET 0 in the
    subquery is PostgreSQL's fence against that rewrite. SQLite runs the plain EXISTS."""

    def as_postgresql(
        self, compiler: Any, connection: Any, **extra_context: Any
    ) -> tuple[str, Sequence[Any]]:
        sql, params = self.as_sql(compiler, connection, **extra_context)
        # Exists always limits its subquery ("... LIMIT 1)"); the fence goes after the limit.
        return f"{sql[:-1]} OFFSET 0)", params


def topic_stories(ids: list[int]) -> Q:
    # Not `id IN (stories in these topics)`, which is hashed whole the same way.
    through = Story.topics.through
    return Q(_RowByRowExists(through.objects.filter(story_id=OuterRef("pk"), topic_id__in=ids)))


def place_stories(ids: list[int]) -> Q:
    """Stories in the followed places and every place within them (materialised path prefix)."""
    prefixes = Q()
    for path in Place.objects.filter(pk__in=ids).values_list("path", flat=True):
        prefixes |= Q(path__startswith=path)
    if not prefixes:
        return Q(pk__in=[])
    # Hashing the few places within is cheap: a plain EXISTS lets PostgreSQL do it.
    return Q(Exists(Place.objects.filter(prefixes, pk=OuterRef("place_id"))))


def register_kinds() -> None:
    registry.register_followable(
        "person",
        User,
        label=_("person"),
        lookup_field="handle",
        feed_filter=people_stories,
        get_for_user=permissions.get_person_for_user,
        can_follow=permissions.can_follow_person,
        name=lambda u: u.public_name,
        url=lambda u: reverse("accounts:profile", args=[u.handle]),
    )
    registry.register_followable(
        "topic",
        Topic,
        label=_("topic"),
        feed_filter=topic_stories,
        url=lambda t: reverse("topics:detail", args=[t.slug]),
        name=lambda t: t.name,
    )
    registry.register_followable(
        "place",
        Place,
        label=_("place"),
        feed_filter=place_stories,
        url=lambda p: reverse("places:detail", args=[p.slug]),
        name=lambda p: p.name,
    )


def export_follows(user: User) -> list[dict[str, Any]]:
    from groundswell.follows.selectors import follows_of

    return [
        {"kind": f.kind.key, "name": f.name, "address": f.url, "since": f.followed_at}
        for f in follows_of(user)
    ]


def export_connections(user: User) -> list[dict[str, Any]]:
    rows = Connection.objects.filter(Q(user_low=user) | Q(user_high=user)).order_by("created_at")
    others = {u.pk: u for u in User.objects.filter(pk__in=[r.other(user.pk) for r in rows])}
    out = []
    for row in rows:
        other = others.get(row.other(user.pk))
        out.append(
            {
                "with": other.public_name if other else "",
                "profile": reverse("accounts:profile", args=[other.handle]) if other else "",
                "status": row.status,
                "asked_by_you": row.requested_by_id == user.pk,
                "asked_on": row.created_at,
                "connected_on": row.accepted_at,
            }
        )
    return out


def export_blocks(user: User) -> list[dict[str, Any]]:
    return [
        {
            "blocked": b.blocked.public_name,
            "profile": reverse("accounts:profile", args=[b.blocked.handle]),
            "since": b.created_at,
        }
        for b in Block.objects.filter(blocker=user).select_related("blocked")
    ]


def export_settings(user: User) -> list[dict[str, Any]]:
    from groundswell.follows.selectors import settings_for

    found = settings_for(user)
    return [
        {
            "who_can_follow_you": found.get_who_can_follow_display(),
            "who_sees_your_connections": found.get_connections_visible_to_display(),
        }
    ]


def suppress_when_blocked(*, recipient: Any, actor: Any, type_key: str) -> bool:
    """No notification passes between two people when either blocked the other."""
    from groundswell.follows.selectors import is_blocked

    return actor is not None and is_blocked(actor, recipient)


def connect() -> None:
    from groundswell.api.routers import register_router
    from groundswell.follows.api import router
    from groundswell.notifications.registry import register_suppressor
    from groundswell.privacy.signals import register_export_section

    register_kinds()
    register_router(router)
    register_suppressor(suppress_when_blocked, name="follows.blocks")
    register_export_section(
        "follows",
        export_follows,
        description=_("The people, organisations, topics and places you follow."),
    )
    register_export_section(
        "connections",
        export_connections,
        description=_("Your connections and connection requests, sent and received."),
    )
    register_export_section("blocks", export_blocks, description=_("The people you have blocked."))
    register_export_section(
        "network_settings",
        export_settings,
        description=_("Who can follow you and who can see your connections."),
    )
