"""The stories app's API shapes (groundswell/stories/api.py), built from the api app's shared
pieces (groundswell/api/schemas.py). Inputs list every field a client may set and forbid the rest,
so fields such as `author`, `status`, `is_staff` or `trust_level` are refused, never applied."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

from django.conf import settings
from ninja import Schema
from pydantic import Field, StringConstraints

from groundswell.api.schemas import (
    Id,
    KindName,
    KindOutName,
    PageParams,
    PersonOut,
    PlaceRef,
    Slug,
    Strict,
    Text,
    TopicRef,
    optional,
)

Title = Annotated[Text, StringConstraints(min_length=1, max_length=160)]
Body = Annotated[Text, StringConstraints(min_length=1, max_length=settings.STORY_BODY_MAX_CHARS)]
CommentBody = Annotated[
    Text, StringConstraints(min_length=1, max_length=settings.COMMENT_BODY_MAX_CHARS)
]
Pseudonym = Annotated[Text, StringConstraints(max_length=60)]
IdentityName = Literal["named", "pseudonym", "anonymous"]
# Read back, a story may also be shown under an organisation's name (posted on the site).
IdentityOutName = Literal["named", "pseudonym", "anonymous", "organisation"]
AudienceName = Literal["public", "members"]
StatusName = Literal["draft", "published", "withdrawn"]
TopicSlugs = Annotated[list[Slug], Field(min_length=1, max_length=20)]


class ConsentRequiredOut(Schema):
    """400 from publishing: consent missing (with the statement to show), or a body that is not
    JSON (detail only)."""

    detail: str
    notice_version: str | None = None
    statement: str | None = None


# ---------------------------------------------------------------- stories


class ImageOut(Schema):
    url: str
    alt: str


class OrganisationRef(Schema):
    slug: str
    name: str


class StoryCardOut(Schema):
    id: int
    url: str
    kind: KindOutName
    title: str
    excerpt: str
    byline: str = Field(
        description="How the author is shown: display name, pseudonym, 'Anonymous member', or the "
        "name of the organisation it was posted as."
    )
    author: PersonOut | None = Field(
        description="Only for stories shared under the author's own name."
    )
    identity: IdentityOutName
    organisation: OrganisationRef | None = Field(
        description="The organisation it was posted as (identity 'organisation'), else null."
    )
    audience: AudienceName
    status: StatusName
    topics: list[TopicRef]
    place: PlaceRef | None
    published_at: dt.datetime | None
    edited_at: dt.datetime | None
    comment_count: int
    experienced_count: int
    helped_count: int
    is_mine: bool


class StoryOut(StoryCardOut):
    body: str = Field(description="Markdown, as the author wrote it.")
    body_html: str = Field(description="The body rendered and sanitised.")
    image: ImageOut | None
    is_hidden: bool
    can_edit: bool


class StoryPage(Schema):
    items: list[StoryCardOut]
    next_cursor: str | None


class StoryIn(Strict):
    kind: KindName = "story"
    title: Title
    body: Body
    topics: TopicSlugs = Field(examples=[["mental-health"]])
    place: Slug | None = Field(default=None, examples=["leeds"])
    # No defaults, as on the share form: the client must ask its user how they want to be shown
    # and who may read it (privacy by default, docs/privacy.md).
    identity: IdentityName = Field(
        description="How the author is shown. Required: there is no default."
    )
    pseudonym: Pseudonym = Field(default="", description="Needed when identity is 'pseudonym'.")
    audience: AudienceName = Field(description="Who can read it. Required: there is no default.")
    submission_key: uuid.UUID | None = Field(
        default=None,
        description="Send the same key again when retrying: you get the first draft back instead of a copy.",
    )


class StoryPatch(Strict):
    """Only the fields you send change. `place: null` removes the place."""

    kind: KindName = optional()
    title: Title = optional()
    body: Body = optional()
    topics: TopicSlugs = optional()
    place: Slug | None = optional()
    identity: IdentityName = optional()
    pseudonym: Pseudonym = optional()
    audience: AudienceName = optional()


class PublishIn(Strict):
    """Consent must be given explicitly, against the notice version the person was shown."""

    consent: bool = Field(False, description="true: the author agrees to the consent statement.")
    notice_version: Text = Field(
        "",
        max_length=40,
        description="The version of the consent notice the author agreed to (GET .../consent).",
    )


class ConsentNoticeOut(Schema):
    notice_version: str
    statement: str
    audience: AudienceName
    identity: IdentityOutName


class WithdrawOut(Schema):
    id: int
    status: Literal["withdrawn", "deleted"]


# ---------------------------------------------------------------- comments


class CommentOut(Schema):
    id: int
    story_id: int
    parent_id: int | None
    depth: int
    body: str
    body_html: str
    byline: str
    author: PersonOut | None
    is_story_author: bool
    is_deleted: bool
    is_hidden: bool
    created_at: dt.datetime
    edited_at: dt.datetime | None
    experienced_count: int
    helped_count: int
    is_mine: bool


class CommentPage(Schema):
    items: list[CommentOut]
    next_cursor: str | None


class CommentIn(Strict):
    body: CommentBody
    parent_id: Id | None = None
    submission_key: uuid.UUID | None = None


class CommentPatch(Strict):
    body: CommentBody


class StoryFilters(PageParams):
    kind: KindName = optional()
    topic: Slug = optional(description="A topic's slug.")
    place: Slug = optional(description="A place's slug: stories there or anywhere within it.")
    sort: Literal["recent", "popular"] = "recent"
