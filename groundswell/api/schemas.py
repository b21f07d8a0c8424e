"""Request and response shapes. Inputs list every field a client may set and forbid the rest,
so fields such as `author`, `status`, `is_staff` or `trust_level` are refused, never applied."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, Literal

from django.conf import settings
from ninja import Schema
from pydantic import AfterValidator, ConfigDict, Field, StringConstraints

from groundswell.search.query import MAX_QUERY_CHARS

MAX_ID = 2**63 - 1
PAGE_SIZE_DEFAULT = 20
PAGE_SIZE_MAX = 100


def _valid_unicode(value: str) -> str:
    # JSON allows escaped lone surrogates ("\ud800"), which no database can store as text.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("Contains characters that are not valid text.") from exc
    return value


def _no_default(schema: dict[str, Any]) -> None:
    """PATCH fields are optional without a default: absent means 'leave as it is'."""
    schema.pop("default", None)


def optional(**kwargs: Any) -> Any:
    """An optional field or query parameter with no default in the schema: absent means None
    (or "unchanged"), while an explicit null is refused like any other wrong type."""
    return Field(None, json_schema_extra=_no_default, **kwargs)


Text = Annotated[str, AfterValidator(_valid_unicode)]
Slug = Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]{1,140}$")]
Cursor = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,300}$")]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Title = Annotated[Text, StringConstraints(min_length=1, max_length=160)]
Body = Annotated[Text, StringConstraints(min_length=1, max_length=settings.STORY_BODY_MAX_CHARS)]
CommentBody = Annotated[
    Text, StringConstraints(min_length=1, max_length=settings.COMMENT_BODY_MAX_CHARS)
]
Pseudonym = Annotated[Text, StringConstraints(max_length=60)]
KindName = Literal["story", "idea", "resource"]
IdentityName = Literal["named", "pseudonym", "anonymous"]
AudienceName = Literal["public", "members"]
StatusName = Literal["draft", "published", "withdrawn"]
TopicSlugs = Annotated[list[Slug], Field(min_length=1, max_length=20)]
PageSize = Annotated[int, Field(ge=1, le=PAGE_SIZE_MAX)]


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


# ---------------------------------------------------------------- errors


class ErrorOut(Schema):
    detail: str


class ValidationIssue(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorOut(Schema):
    detail: list[ValidationIssue]


class ConsentRequiredOut(Schema):
    """400 from publishing: consent missing (with the statement to show), or a body that is not
    JSON (detail only)."""

    detail: str
    notice_version: str | None = None
    statement: str | None = None


# ---------------------------------------------------------------- topics and places


class TopicRef(Schema):
    id: int
    slug: str
    name: str


class TopicOut(TopicRef):
    description: str


class TopicPage(Schema):
    items: list[TopicOut]
    next_cursor: str | None


class PlaceRef(Schema):
    id: int
    slug: str
    name: str


class PlaceOut(Schema):
    id: int
    slug: str
    name: str
    level: str
    parent_id: int | None


class PlacePage(Schema):
    items: list[PlaceOut]
    next_cursor: str | None


# ---------------------------------------------------------------- people


class PersonOut(Schema):
    """Only ever given for someone shown under their own name."""

    handle: str = Field(description="The member's random, stable handle, as in their profile_url.")
    display_name: str
    profile_url: str


# ---------------------------------------------------------------- stories


class ImageOut(Schema):
    url: str
    alt: str


class StoryCardOut(Schema):
    id: int
    url: str
    kind: KindName
    title: str
    excerpt: str
    byline: str = Field(
        description="How the author is shown: display name, pseudonym or 'Anonymous member'."
    )
    author: PersonOut | None = Field(
        description="Only for stories shared under the author's own name."
    )
    identity: IdentityName
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
    identity: IdentityName = "named"
    pseudonym: Pseudonym = Field(default="", description="Needed when identity is 'pseudonym'.")
    audience: AudienceName = "public"
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
    identity: IdentityName


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


# ---------------------------------------------------------------- search


class SearchHitOut(Schema):
    type: Literal["story", "comment"]
    story_id: int
    comment_id: int | None
    kind: KindName
    title: str
    byline: str
    date: dt.datetime
    title_html: str = Field(description="The title, escaped, with matches in <mark>.")
    snippet_html: str = Field(description="A passage, escaped, with matches in <mark>.")
    url: str


class SearchPageOut(Schema):
    results: list[SearchHitOut]
    total: int = Field(description="Matches, counted up to the cap.")
    is_capped: bool
    page: int
    num_pages: int


# ---------------------------------------------------------------- me


class TokenInfoOut(Schema):
    name: str
    prefix: str
    scope: Literal["read", "write"]
    expires_at: dt.datetime | None


class MeOut(Schema):
    handle: str
    display_name: str
    profile_url: str
    site_role: str
    email_verified: bool
    token: TokenInfoOut | None


SearchQuery = Annotated[Text, StringConstraints(min_length=1, max_length=MAX_QUERY_CHARS)]
