"""Offers and needs in the API: this app's own router, mounted by the api app
(groundswell/api/routers.py), which keeps tokens, auth, limits and errors.

Every output field is listed here on purpose: a new model field never reaches the API by
accident. Nobody's contact details are ever given: people reply through "responses", which start
a conversation in messages.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import Field, StringConstraints

from groundswell.api.auth import READ_AUTH, READ_SECURITY, WRITE_AUTH, viewer, writer
from groundswell.api.endpoints.common import choose_place, choose_topics, find_place, responses
from groundswell.api.errors import field_error, from_django
from groundswell.api.schemas import (
    PAGE_SIZE_DEFAULT,
    Cursor,
    Id,
    PageSize,
    PlaceRef,
    Slug,
    Strict,
    Text,
    TopicRef,
)
from groundswell.core.ratelimit import RateLimited
from groundswell.lib import cursors
from groundswell.offers import permissions, selectors, services
from groundswell.offers.models import (
    TRAVEL_KM_MAX,
    Category,
    Offer,
    Reach,
    Response,
    Side,
    list_to_bits,
)
from groundswell.organisations.models import Organisation
from groundswell.topics.models import Topic

router = Router(tags=["Offers and needs"])

PostId = Path(..., ge=1, le=2**63 - 1, description="The offer's or need's id.")
CategoryName = Literal[tuple(Category.values)]  # type: ignore[valid-type]
ReachName = Literal[tuple(Reach.values)]  # type: ignore[valid-type]
StatusName = Literal["open", "matched", "done"]
Day = Annotated[int, Field(ge=0, le=6)]
TimeOfDay = Annotated[int, Field(ge=0, le=2)]


class PostOut(Schema):
    id: int
    side: Literal["offer", "need"]
    category: str
    category_label: str
    title: str
    body: str
    byline: str
    organisation: str | None = Field(description="The slug of the organisation it is posted as.")
    place: PlaceRef
    topics: list[TopicRef]
    days: list[int] = Field(description="0 = Monday ... 6 = Sunday; empty for any day.")
    times: list[int] = Field(description="0 = mornings, 1 = afternoons, 2 = evenings; empty: any.")
    reach: str
    travel_km: int | None
    audience: str
    status: str
    response_count: int
    created_at: dt.datetime
    url: str


class PostPage(Schema):
    items: list[PostOut]
    next_cursor: str | None


class PostIn(Strict):
    category: CategoryName  # type: ignore[valid-type]
    title: Annotated[Text, StringConstraints(min_length=1, max_length=120)]
    body: Annotated[Text, StringConstraints(min_length=1, max_length=2000)]
    place: Slug
    topics: list[Slug] = Field(default_factory=list, max_length=5)
    days: list[Day] = Field(default_factory=list, max_length=7)
    times: list[TimeOfDay] = Field(default_factory=list, max_length=3)
    reach: ReachName = Reach.IN_PERSON  # type: ignore[valid-type]
    travel_km: Annotated[int, Field(ge=0, le=TRAVEL_KM_MAX)] | None = 0
    audience: Literal["public", "members"] = "members"
    organisation: Slug | None = Field(None, description="Post as this organisation (its slug).")


class ResponseIn(Strict):
    message: Annotated[Text, StringConstraints(min_length=1, max_length=2000)]


class ResponseOut(Schema):
    post: int
    created_at: dt.datetime
    conversation_url: str | None


class ListParams(Schema):
    category: CategoryName | None = None  # type: ignore[valid-type]
    topic: Slug | None = None
    place: Slug | None = None
    status: StatusName | None = None
    cursor: Cursor | None = Field(
        None,
        description="next_cursor from the previous page. A cursor the API never gave is a 400.",
    )
    limit: PageSize = PAGE_SIZE_DEFAULT


def _out(request: HttpRequest, post: Offer) -> dict[str, Any]:
    topics = getattr(post, "card_topics", None)
    if topics is None:
        topics = list(post.topics.all())
    return {
        "id": post.pk,
        "side": post.side,
        "category": post.category,
        "category_label": str(post.get_category_display()),
        "title": post.title,
        "body": post.body,
        "byline": post.byline,
        "organisation": post.organisation.slug if post.organisation is not None else None,
        "place": {"id": post.place.pk, "slug": post.place.slug, "name": post.place.name},
        "topics": [{"id": t.pk, "slug": t.slug, "name": t.name} for t in topics],
        "days": post.day_list,
        "times": post.time_list,
        "reach": post.reach,
        "travel_km": post.travel_km,
        "audience": post.audience,
        "status": post.status,
        "response_count": post.response_count,
        "created_at": post.created_at,
        "url": request.build_absolute_uri(reverse("offers:detail", args=[post.pk])),
    }


def _list(request: HttpRequest, side: str, params: ListParams) -> dict[str, Any]:
    place = find_place(params.place, source="query") if params.place else None
    topic = None
    if params.topic:
        topic = Topic.objects.filter(slug=params.topic).first()
        if topic is None:
            raise field_error("topic", f"There is no topic '{params.topic}'.", source="query")
    if params.cursor:
        try:
            cursors.as_id(cursors.decode(params.cursor, 1)[0])
        except cursors.InvalidCursor as exc:
            raise field_error(
                "cursor", "This cursor was not given by the API.", source="query"
            ) from exc
    page = selectors.offer_page(
        viewer(request),
        selectors.OfferFilters(
            side=side,
            category=params.category or "",
            topic=topic,
            place=place,
            status=params.status or "",
        ),
        params.cursor,
        size=params.limit,
    )
    # The list reads only the card's columns; the API gives the body too.
    bodies = dict(Offer.objects.filter(pk__in=[p.pk for p in page.items]).values_list("pk", "body"))
    items = []
    for post in page.items:
        post.body = bodies.get(post.pk, "")
        items.append(_out(request, post))
    return {"items": items, "next_cursor": page.next_cursor}


@router.get(
    "/offers",
    response=responses({200: PostPage}, cursor=True),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="Offers, newest first",
)
def offer_list(request: HttpRequest, params: Query[ListParams]) -> dict[str, Any]:
    """Filter by `category`, `topic`, `place` (the place and everywhere in it) and `status`
    (open or matched when not given)."""
    return _list(request, Side.OFFER, params)


@router.get(
    "/needs",
    response=responses({200: PostPage}, cursor=True),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="Needs, newest first",
)
def need_list(request: HttpRequest, params: Query[ListParams]) -> dict[str, Any]:
    """The same filters as /offers."""
    return _list(request, Side.NEED, params)


def _get(request: HttpRequest, pk: int) -> Offer:
    try:
        return permissions.get_offer_for_user(viewer(request), pk)
    except Http404 as exc:
        raise HttpError(
            404, _("Not found. It may not exist, or you may not have access to it.")
        ) from exc


@router.get(
    "/offers-and-needs/{post_id}",
    response=responses({200: PostOut}, 404),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="One offer or need",
)
def post_detail(request: HttpRequest, post_id: int = PostId) -> dict[str, Any]:
    return _out(request, _get(request, post_id))


def _create(request: HttpRequest, side: str, payload: PostIn) -> Status[dict[str, Any]]:
    user = writer(request)
    if not permissions.can_post(user):
        raise HttpError(403, _("You can post once your email address is verified."))
    organisation = None
    if payload.organisation:
        organisation = Organisation.objects.filter(slug=payload.organisation).first()
        if organisation is None:
            raise field_error("organisation", f"There is no organisation '{payload.organisation}'.")
    data = services.OfferInput(
        side=side,
        category=payload.category,
        title=payload.title,
        body=payload.body,
        place=choose_place(payload.place, source="body"),
        topics=choose_topics(payload.topics),
        days=list_to_bits(list(payload.days)),
        times=list_to_bits(list(payload.times)),
        reach=payload.reach,
        travel_km=None if payload.reach == Reach.ONLINE else payload.travel_km,
        audience=payload.audience,
        organisation=organisation,
    )
    try:
        post = services.offer_create(author=user, data=data)
    except RateLimited as exc:
        raise HttpError(429, exc.message) from exc
    except DjangoValidationError as exc:
        raise from_django(exc) from exc
    return Status(201, _out(request, post))


@router.post(
    "/offers",
    response=responses({201: PostOut}, 403, write=True),
    auth=WRITE_AUTH,
    summary="Post an offer",
)
def offer_create(request: HttpRequest, payload: PostIn) -> Status[dict[str, Any]]:
    return _create(request, Side.OFFER, payload)


@router.post(
    "/needs",
    response=responses({201: PostOut}, 403, write=True),
    auth=WRITE_AUTH,
    summary="Post a need",
)
def need_create(request: HttpRequest, payload: PostIn) -> Status[dict[str, Any]]:
    return _create(request, Side.NEED, payload)


@router.post(
    "/offers-and-needs/{post_id}/responses",
    response=responses({201: ResponseOut}, 403, 404, write=True),
    auth=WRITE_AUTH,
    summary='Say "I can help" (or that you are interested)',
)
def response_create(
    request: HttpRequest, payload: ResponseIn, post_id: int = PostId
) -> Status[dict[str, Any]]:
    """Sends your message to the poster (or the organisation's inbox) and starts a conversation
    in messages. Saying it twice gives back the first."""
    user = writer(request)
    post = _get(request, post_id)
    try:
        response = services.response_create(post=post, helper=user, message=payload.message)
    except RateLimited as exc:
        raise HttpError(429, exc.message) from exc
    except PermissionDenied as exc:
        raise HttpError(403, str(exc) or _("You can't reply to this post.")) from exc
    except DjangoValidationError as exc:
        raise from_django(exc) from exc
    url = (
        request.build_absolute_uri(
            reverse("messaging:conversation", args=[response.conversation_id])
        )
        if response.conversation_id
        else None
    )
    return Status(
        201, {"post": post.pk, "created_at": response.created_at, "conversation_url": url}
    )


# The poster's side: who replied, and the post's status ---------------------------------------


class ReplyOut(Schema):
    id: int = Field(description="Give it as `response` to mark the post matched or done.")
    helper: str = Field(description="The public name of the person who replied.")
    helper_handle: str
    message: str
    created_at: dt.datetime
    conversation_url: str | None


class MatchedIn(Strict):
    response: Id = Field(description="The id of the reply you were matched with.")


class DoneIn(Strict):
    response: Id | None = Field(
        None, description="Who helped (a reply's id); needed to send a thank-you."
    )
    thanks: Annotated[Text, StringConstraints(max_length=1000)] = Field(
        "", description="A thank-you, sent to whoever helped; they may choose to show it."
    )


def _get_as_poster(request: HttpRequest, pk: int) -> Offer:
    """The post for its poster: 404 when the caller may not see it, 403 when they see it but
    did not post it (the same split as the pages)."""
    user = writer(request)
    post = _get(request, pk)
    if not permissions.is_author(user, post):
        raise HttpError(403, _("Only the person who posted it can do that."))
    return post


def _state_error(reason: str) -> DjangoValidationError:
    """A change the post's status does not allow now: a 422 with the reason (the pages refuse
    the same changes; see permissions.can_mark_matched and friends)."""
    return DjangoValidationError({"status": reason})


def _why_not(post: Offer) -> str:
    """Why the poster can't make this change now, in plain words."""
    by_status = {
        "matched": _("This is already matched."),
        "done": _("This is already done."),
        "withdrawn": _("This was withdrawn."),
    }
    if post.status in by_status:
        return by_status[post.status]
    if post.is_hidden:
        return _("A moderator is looking at this post; it can't change until they have.")
    return _("This can't change now.")


def _reply(post: Offer, pk: int) -> Response:
    found = post.responses.select_related("helper").filter(pk=pk).first()
    if found is None:
        raise field_error("response", _("Choose one of the people who replied."))
    return found


@router.get(
    "/offers-and-needs/{post_id}/responses",
    response=responses({200: list[ReplyOut]}, 403, 404),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="Who replied to your offer or need",
)
def response_list(request: HttpRequest, post_id: int = PostId) -> list[dict[str, Any]]:
    """For the person who posted it (or, for an organisation's post, whoever may post as it):
    the replies, oldest first. Anyone else who can see the post gets a 403."""
    user = viewer(request)
    post = _get(request, post_id)
    if not permissions.is_author(user, post):
        raise HttpError(403, _("Only the person who posted it can see who replied."))
    return [
        {
            "id": r.pk,
            "helper": r.helper.public_name,
            "helper_handle": r.helper.handle,
            "message": r.message,
            "created_at": r.created_at,
            "conversation_url": request.build_absolute_uri(
                reverse("messaging:conversation", args=[r.conversation_id])
            )
            if r.conversation_id
            else None,
        }
        for r in selectors.responses_for(post)
    ]


@router.post(
    "/offers-and-needs/{post_id}/matched",
    response=responses({200: PostOut}, 403, 404, write=True),
    auth=WRITE_AUTH,
    summary="Mark it matched with one of the people who replied",
)
def post_matched(request: HttpRequest, payload: MatchedIn, post_id: int = PostId) -> dict[str, Any]:
    """Only while it is open. A 422 on `status` says why when it is not (already matched, done,
    withdrawn, or waiting for a moderator); a 422 on `response` when that reply is not to this
    post. People who follow the post are told."""
    user = writer(request)
    post = _get_as_poster(request, post_id)
    if not permissions.can_mark_matched(user, post):
        raise from_django(_state_error(_why_not(post)))
    response = _reply(post, payload.response)
    try:
        post = services.offer_mark_matched(post=post, actor=user, response=response)
    except DjangoValidationError as exc:
        raise from_django(exc) from exc
    return _out(request, post)


@router.post(
    "/offers-and-needs/{post_id}/done",
    response=responses({200: PostOut}, 403, 404, write=True),
    auth=WRITE_AUTH,
    summary="Mark it done, with an optional thank-you",
)
def post_done(request: HttpRequest, payload: DoneIn, post_id: int = PostId) -> dict[str, Any]:
    """As on the page: from open or matched (it need not be matched first). A thank-you goes to
    whoever helped: the reply given as `response`, or the one it was matched with; a thank-you
    with neither is a 422 on `response`. Marking it done again is a 422 on `status`."""
    user = writer(request)
    post = _get_as_poster(request, post_id)
    if not permissions.can_mark_done(user, post):
        raise from_django(_state_error(_why_not(post)))
    response = _reply(post, payload.response) if payload.response else None
    try:
        post = services.offer_mark_done(
            post=post, actor=user, thanks=payload.thanks, response=response
        )
    except DjangoValidationError as exc:
        raise from_django(exc) from exc
    return _out(request, post)


@router.post(
    "/offers-and-needs/{post_id}/withdraw",
    response=responses({200: PostOut}, 403, 404, write=True),
    auth=WRITE_AUTH,
    summary="Withdraw your offer or need",
)
def post_withdraw(request: HttpRequest, post_id: int = PostId) -> dict[str, Any]:
    """It leaves lists, search and matches at once; only you still see it. Withdrawing it again
    is a 422 on `status`."""
    user = writer(request)
    post = _get_as_poster(request, post_id)
    if not permissions.can_withdraw(user, post):
        raise from_django(_state_error(_why_not(post)))
    post = services.offer_withdraw(post=post, actor=user)
    return _out(request, post)
