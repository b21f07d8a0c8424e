"""Shapes of the demo content. The content itself lives in the sibling modules."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

# Topic slugs, so a typo in the content fails at import rather than at load.
MENTAL_HEALTH = "mental-health"
LONG_TERM = "long-term-conditions"
CARING = "caring-for-someone"
CONNECTION = "loneliness-and-connection"
ACTIVITY = "physical-activity"
FOOD = "food-and-nutrition"
MATERNITY = "maternity-and-early-years"
ACCESS = "access-to-services"
AGEING = "ageing-well"
DISABILITY = "disability"


@dataclass(frozen=True)
class DemoTopic:
    name: str
    slug: str
    description: str


@dataclass(frozen=True)
class DemoMember:
    """A member. `key` becomes the email's local part: `<key>@demo.groundswell.local`.

    `visibility` overrides the profile's per-field defaults, e.g. {"bio": "members"}.
    """

    key: str
    display_name: str
    bio: str
    roles: tuple[str, ...]
    place: str | None
    topics: tuple[str, ...]
    pronouns: str = ""
    site_role: str = "member"
    visibility: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoComment:
    author: str
    body: str
    replies: tuple[DemoComment, ...] = ()


@dataclass(frozen=True)
class DemoItem:
    """A story, idea or resource. `place` is a place name from groundswell/places/data."""

    author: str
    kind: str
    title: str
    body: str
    topics: tuple[str, ...]
    place: str | None
    identity: str = "named"
    pseudonym: str = ""
    audience: str = "public"
    comments: tuple[DemoComment, ...] = ()


def c(author: str, body: str, *replies: DemoComment) -> DemoComment:
    """A comment and its replies, written as nested calls so the thread reads top to bottom."""
    return DemoComment(author=author, body=inspect.cleandoc(body), replies=replies)


def _maker(kind: str) -> Callable[..., DemoItem]:
    def make(
        author: str,
        title: str,
        body: str,
        *,
        topics: Sequence[str],
        place: str | None,
        identity: str = "named",
        pseudonym: str = "",
        audience: str = "public",
        comments: Sequence[DemoComment] = (),
    ) -> DemoItem:
        return DemoItem(
            author=author,
            kind=kind,
            title=title,
            body=inspect.cleandoc(body),
            topics=tuple(topics),
            place=place,
            identity=identity,
            pseudonym=pseudonym,
            audience=audience,
            comments=tuple(comments),
        )

    return make


story = _maker("story")
idea = _maker("idea")
resource = _maker("resource")
