"""Search: the same search, and the same privacy rules, as the search page."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from groundswell.api import schemas
from groundswell.api.auth import READ_AUTH, READ_SECURITY, viewer
from groundswell.api.endpoints.common import responses
from groundswell.api.endpoints.stories import _place, _topic
from groundswell.search import selectors as search
from groundswell.search.query import parse_query

router = Router(tags=["Search"])


class SearchParams(Schema):
    q: schemas.SearchQuery = Field(
        description='Words to find. "Quotes" for a phrase, or between words for either, -word to leave one out.'
    )
    kind: schemas.KindName = schemas.optional()
    topic: schemas.Slug = schemas.optional()
    place: schemas.Slug = schemas.optional(description="Includes everywhere within it.")
    order: Literal["relevance", "newest"] = "relevance"
    page: int = Field(1, ge=1, le=search.MAX_PAGES)


@router.get(
    "/search",
    response=responses({200: schemas.SearchPageOut}, 503),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="Search stories and comments",
)
def search_stories(request: HttpRequest, params: Query[SearchParams]) -> dict[str, Any]:
    """Pages are numbered (relevance order has no stable key for a cursor) and stop at page
    50: refine the words or filters to go further."""
    user = viewer(request)
    criteria = search.SearchCriteria(
        parsed=parse_query(params.q),
        kind=params.kind or "",
        topic=_topic(params.topic, source="query") if params.topic else None,
        place=_place(params.place, source="query") if params.place else None,
        order=params.order,
    )
    page = search.search(criteria=criteria, user=user, page_number=params.page)
    if page.failed:
        raise HttpError(503, _("Search is not working right now. Please try again later."))
    return {
        "results": [_result(request, r) for r in page.results],
        "total": page.shown_total,
        "is_capped": page.is_capped,
        "page": page.number,
        "num_pages": page.num_pages,
    }


def _result(request: HttpRequest, r: search.SearchResult) -> dict[str, Any]:
    """A hit as this endpoint has always given it: a story, or a comment on its story (the
    hit's context). The search index holds only those two kinds today; a new searchable kind
    needs its own fields here (and in schemas.SearchResultOut) before the API can offer it."""
    story = r.context if r.context is not None else r.obj
    return {
        "type": r.kind,
        "story_id": story.pk,
        "comment_id": r.obj.pk if r.context is not None else None,
        "kind": story.kind,
        "title": story.title,
        "byline": r.byline,
        "date": r.date,
        "title_html": str(r.title_html),
        "snippet_html": str(r.snippet_html),
        "url": request.build_absolute_uri(r.url),
    }
