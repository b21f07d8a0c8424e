"""Comments: read a story's thread, comment and reply, edit and delete your own."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router, Status
from ninja.errors import HttpError

from groundswell.api import schemas, serializers
from groundswell.api.auth import READ_AUTH, READ_SECURITY, WRITE_AUTH, viewer, writer
from groundswell.api.endpoints.common import responses
from groundswell.api.endpoints.stories import PageParams, StoryId
from groundswell.api.errors import field_error, from_django
from groundswell.api.pagination import cursor_datetime, cursor_id, decode_cursor, encode_cursor
from groundswell.stories import permissions, services
from groundswell.stories.models import Comment

router = Router(tags=["Comments"])

CommentId = Path(..., ge=1, le=schemas.MAX_ID, description="The comment's id.")


@router.get(
    "/stories/{story_id}/comments",
    response=responses({200: schemas.CommentPage}, 404, cursor=True),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="A story's comments, oldest first",
)
def comment_list(
    request: HttpRequest, params: Query[PageParams], story_id: int = StoryId
) -> dict[str, Any]:
    """A flat list in the order they were written; `parent_id` and `depth` rebuild the thread.
    Deleted and hidden comments appear only when others replied to them, without their words
    or author, as on the story page."""
    user = viewer(request)
    story = permissions.get_story_for_user(user, story_id)
    has_replies = Exists(Comment.objects.filter(parent=OuterRef("pk")))
    qs = (
        Comment.objects.filter(story=story)
        .filter(Q(is_deleted=False, is_hidden=False) | Q(has_replies))
        .select_related("author")
        .order_by("created_at", "id")
    )
    if params.cursor:
        when, last = decode_cursor(params.cursor, 2)
        after, last_id = cursor_datetime(when), cursor_id(last)
        qs = qs.filter(Q(created_at__gt=after) | Q(created_at=after, id__gt=last_id))
    items = list(qs[: params.limit + 1])
    next_cursor = None
    if len(items) > params.limit:
        last_item = items[params.limit - 1]
        next_cursor = encode_cursor(last_item.created_at.isoformat(), last_item.pk)
    return {
        "items": [serializers.comment(request, user, story, c) for c in items[: params.limit]],
        "next_cursor": next_cursor,
    }


@router.post(
    "/stories/{story_id}/comments",
    response=responses({201: schemas.CommentOut}, write=True),
    auth=WRITE_AUTH,
    summary="Comment on a story, or reply to a comment",
)
def comment_create(
    request: HttpRequest, payload: schemas.CommentIn, story_id: int = StoryId
) -> Status[dict[str, Any]]:
    """Needs a verified email address and a published story you can see. Send `parent_id` to
    reply; the same `submission_key` sent twice gives back the first comment."""
    user = writer(request)
    story = permissions.get_story_for_user(user, story_id)
    if not permissions.can_participate(user, story):
        raise HttpError(
            403,
            "You can comment on published stories once your email address is verified.",
        )
    parent = None
    if payload.parent_id is not None:
        parent = story.comments.filter(pk=payload.parent_id, is_hidden=False).first()
        if parent is None:
            raise field_error("parent_id", "You can only reply to a comment on this story.")
    try:
        comment = services.comment_create(
            story=story,
            author=user,
            body=payload.body,
            parent=parent,
            submission_key=payload.submission_key,
        )
    except DjangoValidationError as exc:
        raise from_django(exc) from exc
    comment = Comment.objects.select_related("author").get(pk=comment.pk)
    return Status(201, serializers.comment(request, user, story, comment))


def _own_comment(user: Any, comment_id: int) -> Comment:
    comment = permissions.get_comment_for_user(user, comment_id)
    if not permissions.can_edit_comment(user, comment):
        raise HttpError(403, "Only the author can change a comment.")
    return comment


@router.patch(
    "/comments/{comment_id}",
    response=responses({200: schemas.CommentOut}, write=True),
    auth=WRITE_AUTH,
    summary="Edit your comment",
)
def comment_edit(
    request: HttpRequest, payload: schemas.CommentPatch, comment_id: int = CommentId
) -> dict[str, Any]:
    user = writer(request)
    comment = _own_comment(user, comment_id)
    try:
        comment = services.comment_edit(comment=comment, actor=user, body=payload.body)
    except DjangoValidationError as exc:
        raise from_django(exc) from exc
    return serializers.comment(request, user, comment.story, comment)


@router.delete(
    "/comments/{comment_id}",
    response=responses({204: None}, write=True),
    auth=WRITE_AUTH,
    summary="Delete your comment",
)
def comment_delete(request: HttpRequest, comment_id: int = CommentId) -> HttpResponse:
    """Replies to it stay; the comment itself keeps its place without words or author."""
    user = writer(request)
    comment = _own_comment(user, comment_id)
    services.comment_delete(comment=comment, actor=user)
    return HttpResponse(status=204)
