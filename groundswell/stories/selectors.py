"""Reads for lists and pages: keyset pagination, comment trees, related stories."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Prefetch, QuerySet

from groundswell.lib import cursors
from groundswell.stories import permissions
from groundswell.stories.models import Audience, Comment, Story, StoryRelation
from groundswell.topics.models import Topic

SORTS = ("recent", "popular")


@dataclass
class FeedPage:
    items: list[Story]
    next_cursor: str | None
    sort: str
    is_first: bool


# The columns a story card (stories/_card.html), its byline, the API's story list and the feed
# cursors read. Every list page loads 20 or so cards, and reading the rest (bodies, moderation
# fields, the author's password hash and dates) cost more Python time than the query itself.
CARD_FIELDS = (
    "id",
    "item_id",
    "kind",
    "author_id",
    "identity",
    "pseudonym",
    "organisation_id",
    "audience",
    "status",
    "is_hidden",
    "title",
    "excerpt",
    "place_id",
    "published_at",
    "edited_at",
    "comment_count",
    "experienced_count",
    "helped_count",
    "score",
    "author__id",
    "author__handle",
    "author__display_name",
    "place__id",
    "place__name",
    "place__slug",
    "organisation__id",
    "organisation__name",
    "organisation__slug",
)


def with_card_data(qs: QuerySet[Story]) -> QuerySet[Story]:
    """What a story card shows, in a fixed number of queries. Each story's topics are a plain
    list, `story.card_topics` (a Prefetch with to_attr: Django then builds no related manager and
    no filtered queryset per story, which cost about 1 ms a page)."""
    return (
        qs.select_related("author", "place", "organisation")
        .only(*CARD_FIELDS)
        .prefetch_related(
            Prefetch(
                "topics",
                queryset=Topic.objects.only("id", "name", "slug"),
                to_attr="card_topics",
            )
        )
    )


def feed_position(cursor: str, sort: str) -> tuple[int | datetime, int]:
    """Where a feed cursor points: (score, id) for "popular", (published_at, id) otherwise.

    Raises cursors.InvalidCursor for anything else, including a time or number the database
    could not compare with (lib/cursors.py).
    """
    first, last = cursors.decode(cursor, 2)
    key: int | datetime = cursors.as_int(first) if sort == "popular" else cursors.as_datetime(first)
    return key, cursors.as_id(last)


def feed_page(
    qs: QuerySet[Story], *, sort: str = "recent", cursor: str | None = None, size: int | None = None
) -> FeedPage:
    """One page of a list, ordered newest first or by popularity, with an opaque keyset cursor.

    Keyset pagination keeps deep pages as fast as the first: each page starts from an index
    position instead of counting past every earlier row. A cursor that names no position (see
    feed_position) gives the first page.
    """
    size = size or settings.FEED_PAGE_SIZE
    sort = sort if sort in SORTS else "recent"
    position = None
    if cursor:
        with contextlib.suppress(cursors.InvalidCursor):
            position = feed_position(cursor, sort)
    order = ("-score", "-id") if sort == "popular" else ("-published_at", "-id")
    qs = qs.order_by(*order)
    if position is not None:
        key, last_id = position  # the key's type follows the sort (feed_position)
        if isinstance(key, datetime):
            qs = qs.filter(published_at__lte=key).exclude(published_at=key, id__gte=last_id)
        else:
            qs = qs.filter(score__lte=key).exclude(score=key, id__gte=last_id)
    items = list(with_card_data(qs)[: size + 1])
    next_cursor = None
    if len(items) > size:
        items = items[:size]
        last = items[-1]
        next_cursor = (
            cursors.encode(last.score, last.pk)
            if sort == "popular"
            else cursors.encode(last.published_at.isoformat() if last.published_at else "", last.pk)
        )
    return FeedPage(items=items, next_cursor=next_cursor, sort=sort, is_first=position is None)


@dataclass
class CommentNode:
    comment: Comment
    children: list[CommentNode]


# A story page shows its first 1,000 comments.
COMMENTS_SHOWN = 1000


def comment_tree(
    story: Story, *, limit: int = COMMENTS_SHOWN, viewer_id: int | None = None
) -> list[CommentNode]:
    """All comments of a story as a tree (one query). Deleted comments with no replies vanish.

    Hidden comments vanish too, except for their author (viewer_id), who is shown why.
    """
    # Through story.comments each comment holds `story` itself: its byline reads the story.
    comments = list(story.comments.select_related("author").order_by("created_at", "id")[:limit])
    nodes = {c.pk: CommentNode(c, []) for c in comments}
    roots: list[CommentNode] = []
    for c in comments:
        node = nodes[c.pk]
        if c.parent_id and c.parent_id in nodes:
            nodes[c.parent_id].children.append(node)
        else:
            roots.append(node)

    def prune(items: list[CommentNode]) -> list[CommentNode]:
        kept = []
        for n in items:
            n.children = prune(n.children)
            is_own = viewer_id is not None and n.comment.author_id == viewer_id
            gone = n.comment.is_deleted or (n.comment.is_hidden and not is_own)
            if gone and not n.children:
                continue
            kept.append(n)
        return kept

    return prune(roots)


# Literal table names: this runs on every member's story page, and the ORM's compiling cost more
# than the query. test_member_page checks they are the models' tables.
_VIEWER_STATE_SQL = (
    "SELECT 'c', id, author_id, CASE WHEN is_hidden AND NOT is_deleted THEN 1 ELSE 0 END, "
    "experienced_count, helped_count FROM (SELECT * FROM stories_comment WHERE story_id = %s "
    "ORDER BY created_at, id LIMIT %s) AS shown "
    "UNION ALL SELECT 's', id, 0, 0, experienced_count, helped_count FROM stories_story "
    "WHERE id = %s "
    "UNION ALL SELECT 'r' || r.kind, COALESCE(c.id, 0), 0, 0, 0, 0 FROM stories_reaction r "
    "LEFT JOIN stories_comment c ON c.item_id = r.item_id WHERE r.user_id = %s AND "
    "(r.item_id = (SELECT item_id FROM stories_story WHERE id = %s) OR c.story_id = %s) "
    "UNION ALL SELECT 'f', 0, 0, 0, 0, 0 FROM stories_follow WHERE user_id = %s AND "
    "item_id = (SELECT item_id FROM stories_story WHERE id = %s) "
    "UNION ALL SELECT 'v', 0, 0, 0, 0, 0 WHERE EXISTS "
    "(SELECT 1 FROM account_emailaddress WHERE user_id = %s AND verified)"
)
VIEWER_STATE_TABLES = (
    "stories_comment",
    "stories_story",
    "stories_reaction",
    "stories_follow",
    "account_emailaddress",
)


@dataclass
class ViewerState:
    """What one signed-in member's story page shows for them alone (core/marks.py flags), and
    the counts of the story and its comments as they are now."""

    flags: set[str]
    counts: dict[str, str]
    # They wrote a comment a moderator hid: they see it with the reason, no one else does.
    has_hidden_comment: bool


def viewer_state(user: Any, story_id: int) -> ViewerState:
    """One query: the member's reactions on the story and its comments, whether they follow it,
    which of the comments the page shows are theirs, whether their email address is verified,
    and every count the page shows."""
    if not user.is_authenticated:
        return ViewerState(flags=set(), counts={}, has_hidden_comment=False)
    uid = user.pk
    with connection.cursor() as cursor:
        cursor.execute(
            _VIEWER_STATE_SQL,
            [story_id, COMMENTS_SHOWN, story_id, uid, story_id, story_id, uid, story_id, uid],
        )
        rows = cursor.fetchall()
    flags: set[str] = set()
    counts: dict[str, str] = {}
    hidden_own = verified = False
    for tag, pk, author_id, hidden, experienced, helped in rows:
        if tag == "c":
            counts[f"count:comment-{pk}:experienced"] = str(experienced)
            counts[f"count:comment-{pk}:helped"] = str(helped)
            if author_id == uid:
                flags.add(f"own:{pk}")
                hidden_own = hidden_own or bool(hidden)
        elif tag == "s":
            counts[f"count:story-{pk}:experienced"] = str(experienced)
            counts[f"count:story-{pk}:helped"] = str(helped)
        elif tag == "f":
            flags.add("following")
        elif tag == "v":
            verified = True
        else:
            target = f"comment-{pk}" if pk else f"story-{story_id}"
            flags.add(f"react:{target}:{tag[1:]}")
    # Taking part needs a verified address (permissions.can_participate): read here, not again.
    permissions.remember_verified_email(user, verified)
    return ViewerState(flags=flags, counts=counts, has_hidden_comment=hidden_own)


def related_stories(story: Story, user: Any, *, limit: int = 5) -> list[Story]:
    ids = list(
        StoryRelation.objects.filter(story=story).values_list("related_id", flat=True)[: limit * 2]
    )
    if not ids:
        return []
    # Fetch by primary key and apply the listing rule here: with the visibility filters in SQL,
    # SQLite's planner scans a feed index instead of looking up five ids (7 ms of a 20 ms page).
    rows = (
        Story.objects.filter(pk__in=ids)
        .select_related("author", "organisation")
        .only(
            "id",
            "title",
            "kind",
            "identity",
            "pseudonym",
            "status",
            "is_hidden",
            "audience",
            "author__display_name",
            "author__id",
            "organisation__name",
        )
    )
    signed_in = bool(user is not None and user.is_authenticated)
    found = {
        s.pk: s for s in rows if s.is_published and (signed_in or s.audience == Audience.PUBLIC)
    }
    return [found[i] for i in ids if i in found][:limit]
