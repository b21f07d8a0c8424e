"""Request and response shapes. Inputs list every field a client may set and forbid the rest,
so fields such as `author`, `status`, `is_staff` or `trust_level` are refused, never applied."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

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
KindName = Literal["story", "idea", "resource"]
# What a story can be when read: the kinds anyone can share, and "update" (posted as an
# organisation by its members; the API does not post as an organisation).
KindOutName = Literal["story", "idea", "resource", "update"]
PageSize = Annotated[int, Field(ge=1, le=PAGE_SIZE_MAX)]


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class PageParams(Schema):
    """The query parameters of a list read one page at a time."""

    cursor: Cursor = optional(description="The next_cursor of the previous page.")
    limit: PageSize = PAGE_SIZE_DEFAULT


# ---------------------------------------------------------------- errors


class ErrorOut(Schema):
    detail: str


class ValidationIssue(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorOut(Schema):
    detail: list[ValidationIssue]


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


# ---------------------------------------------------------------- search


class SearchHitOut(Schema):
    type: Literal["story", "comment"]
    story_id: int
    comment_id: int | None
    kind: KindOutName
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
