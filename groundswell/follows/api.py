"""The follows app's API routes, mounted by groundswell.api (which keeps tokens, auth, limits
and errors). Reads work with a token or a signed-in session; changes need a write token."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema

from groundswell.api import schemas, serializers
from groundswell.api.auth import READ_AUTH, READ_SECURITY, WRITE_AUTH, member, writer
from groundswell.api.endpoints.common import responses
from groundswell.api.pagination import invalid_cursor
from groundswell.follows import permissions, registry, selectors, services
from groundswell.lib.cursors import InvalidCursor
from groundswell.stories import api as story_api
from groundswell.stories import schemas as story_schemas
from groundswell.stories.selectors import feed_position

router = Router(tags=["Follows"])

Kind = Path(
    ..., pattern=r"^[a-z_]{1,20}$", description="person, topic, place (or a kind added later)."
)
Lookup = Path(..., pattern=r"^[-a-zA-Z0-9_]{1,140}$", description="A handle or a slug.")
Handle = Path(..., pattern=r"^[-a-zA-Z0-9_]{1,140}$", description="The member's handle.")


class FollowOut(Schema):
    kind: str
    key: str = Field(description="The handle (people) or slug (topics, places).")
    name: str
    url: str
    followed_at: Any


class FollowList(Schema):
    items: list[FollowOut]


class PeopleList(Schema):
    items: list[schemas.PersonOut]


class RequestsOut(Schema):
    incoming: list[schemas.PersonOut]
    outgoing: list[schemas.PersonOut]


class FollowState(Schema):
    kind: str
    key: str
    following: bool


class ConnectionState(Schema):
    handle: str
    status: Literal["none", "requested", "connected"]


class BlockState(Schema):
    handle: str
    blocked: bool


class FeedParams(Schema):
    cursor: schemas.Cursor = schemas.optional(description="The next_cursor of the previous page.")
    limit: schemas.PageSize = schemas.PAGE_SIZE_DEFAULT


def _people(request: HttpRequest, people: list[Any]) -> list[dict[str, Any]]:
    return [serializers.person(request, p) for p in people]


def _follow_out(request: HttpRequest, f: selectors.Followed) -> dict[str, Any]:
    return {
        "kind": f.kind.key,
        "key": f.lookup,
        "name": f.name,
        "url": request.build_absolute_uri(f.url),
        "followed_at": f.followed_at,
    }


@router.get(
    "/me/follows",
    response=responses({200: FollowList}),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="What you follow",
)
def my_follows(request: HttpRequest) -> dict[str, Any]:
    user = member(request)
    return {"items": [_follow_out(request, f) for f in selectors.follows_of(user)]}


@router.get(
    "/me/followers",
    response=responses({200: PeopleList}),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="Who follows you (only ever shown to you)",
)
def my_followers(request: HttpRequest) -> dict[str, Any]:
    user = member(request)
    return {"items": _people(request, selectors.followers_of(user))}


@router.post(
    "/follows/{kind}/{key}",
    response=responses({200: FollowState}, write=True),
    auth=WRITE_AUTH,
    summary="Follow a person, topic or place",
)
def follow(request: HttpRequest, kind: str = Kind, key: str = Lookup) -> dict[str, Any]:
    """Following twice is harmless. 403 when the person does not let you follow them, or
    when either of you blocked the other; 404 for something you can't see."""
    user = writer(request)
    entry = registry.get(kind)
    target = entry.get_for_user(user, key)
    services.follow_create(follower=user, kind=kind, target=target)
    return {"kind": kind, "key": key, "following": True}


@router.delete(
    "/follows/{kind}/{key}",
    response=responses({200: FollowState}, write=True),
    auth=WRITE_AUTH,
    summary="Stop following",
)
def unfollow(request: HttpRequest, kind: str = Kind, key: str = Lookup) -> dict[str, Any]:
    user = writer(request)
    entry = registry.get(kind)
    if kind == services.PERSON:
        target: Any = permissions.get_member_by_handle(user, key)
    else:
        target = entry.get_for_user(user, key)
    services.follow_delete(follower=user, kind=kind, target_id=target.pk)
    return {"kind": kind, "key": key, "following": False}


@router.get(
    "/me/connections",
    response=responses({200: PeopleList}),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="Your connections",
)
def my_connections(request: HttpRequest) -> dict[str, Any]:
    user = member(request)
    return {"items": _people(request, selectors.connections_of(user))}


@router.get(
    "/me/connection-requests",
    response=responses({200: RequestsOut}),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="Connection requests waiting: to you and from you",
)
def my_connection_requests(request: HttpRequest) -> dict[str, Any]:
    user = member(request)
    incoming, outgoing = selectors.requests_for(user)
    return {"incoming": _people(request, incoming), "outgoing": _people(request, outgoing)}


def _connection_state(user: Any, other: Any) -> dict[str, Any]:
    conn = selectors.connection_between(user, other)
    status = "none" if conn is None else ("connected" if conn.status == "accepted" else "requested")
    return {"handle": other.handle, "status": status}


@router.post(
    "/connections/{handle}/{action}",
    response=responses({200: ConnectionState}, write=True),
    auth=WRITE_AUTH,
    summary="Ask to connect, accept, decline or withdraw a request",
)
def connection_action(
    request: HttpRequest,
    handle: str = Handle,
    action: Literal["request", "accept", "decline", "withdraw"] = Path(...),
) -> dict[str, Any]:
    """Each is safe to repeat. 403 when either of you blocked the other, or to accept a
    request that isn't there."""
    user = writer(request)
    if action == "request":
        other = permissions.get_person_for_user(user, handle)
        services.connection_request(sender=user, recipient=other)
    else:
        other = permissions.get_member_by_handle(user, handle)
        if action == "accept":
            services.connection_accept(user=user, other=other)
        elif action == "decline":
            services.connection_decline(user=user, other=other)
        else:
            services.connection_withdraw(user=user, other=other)
    return _connection_state(user, other)


@router.delete(
    "/connections/{handle}",
    response=responses({200: ConnectionState}, write=True),
    auth=WRITE_AUTH,
    summary="Remove a connection",
)
def connection_remove(request: HttpRequest, handle: str = Handle) -> dict[str, Any]:
    user = writer(request)
    other = permissions.get_member_by_handle(user, handle)
    services.connection_remove(user=user, other=other)
    return _connection_state(user, other)


@router.get(
    "/me/blocks",
    response=responses({200: PeopleList}),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="The people you blocked",
)
def my_blocks(request: HttpRequest) -> dict[str, Any]:
    user = member(request)
    return {"items": _people(request, selectors.blocked_people(user))}


@router.post(
    "/blocks/{handle}",
    response=responses({200: BlockState}, write=True),
    auth=WRITE_AUTH,
    summary="Block someone",
)
def block(request: HttpRequest, handle: str = Handle) -> dict[str, Any]:
    """Their follows of you and yours of them end, and any connection or request. They are
    not told."""
    user = writer(request)
    other = permissions.get_member_by_handle(user, handle)
    services.block_create(blocker=user, blocked=other)
    return {"handle": handle, "blocked": True}


@router.delete(
    "/blocks/{handle}",
    response=responses({200: BlockState}, write=True),
    auth=WRITE_AUTH,
    summary="Unblock someone",
)
def unblock(request: HttpRequest, handle: str = Handle) -> dict[str, Any]:
    user = writer(request)
    other = permissions.get_member_by_handle(user, handle)
    services.block_delete(blocker=user, blocked=other)
    return {"handle": handle, "blocked": False}


@router.get(
    "/following",
    response=responses({200: story_schemas.StoryPage}, cursor=True),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="New stories from what you follow, newest first",
)
def following(request: HttpRequest, params: Query[FeedParams]) -> dict[str, Any]:
    user = member(request)
    if params.cursor:
        try:
            feed_position(params.cursor, "recent")
        except InvalidCursor:
            raise invalid_cursor() from None
    page = selectors.following_feed(user, cursor=params.cursor, size=params.limit)
    return {
        "items": [story_api.story_card_out(request, user, s) for s in page.items],
        "next_cursor": page.next_cursor,
    }
