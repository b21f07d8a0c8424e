"""Stories and comments in the API: the stories app's own routes, mounted by the api app
(groundswell/api/routers.py, from StoriesConfig.ready()), which keeps tokens, auth, limits and
errors. Shapes are in stories/schemas.py.

Every output field is listed here on purpose: a new model field never reaches the API by accident.
For a story not shared under the author's own name, the only trace of the author is the byline:
no id, no display name, no profile link, in any field, for anyone (moderators included; they
reveal authors on the web, where each look is audit-logged).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status
from ninja.errors import HttpError

from groundswell.accounts import names
from groundswell.api.auth import READ_AUTH, READ_SECURITY, WRITE_AUTH, member, viewer, writer
from groundswell.api.endpoints.common import (
    choose_place,
    choose_topics,
    find_place,
    find_topic,
    responses,
)
from groundswell.api.errors import field_error, from_django
from groundswell.api.pagination import (
    cursor_datetime,
    cursor_id,
    decode_cursor,
    encode_cursor,
    invalid_cursor,
)
from groundswell.api.schemas import MAX_ID, PageParams
from groundswell.api.serializers import person
from groundswell.lib.cursors import InvalidCursor
from groundswell.lib.text import clean_text
from groundswell.places.models import Place
from groundswell.stories import permissions, schemas, selectors, services
from groundswell.stories.models import Comment, Identity, Story
from groundswell.stories.models import Status as StoryStatus
from groundswell.topics.models import Topic

router = Router(tags=["Stories"])
comments_router = Router(tags=["Comments"])


# ---------------------------------------------------------------- output


def _absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def _is_mine(user: Any, author_id: int) -> bool:
    return bool(user.is_authenticated and author_id == user.pk)


def _topics(story: Story) -> list[Topic]:
    """The story's topics: the list selectors.with_card_data read with the page, else a query."""
    card_topics: list[Topic] | None = getattr(story, "card_topics", None)
    return card_topics if card_topics is not None else list(story.topics.all())


def story_card_out(request: HttpRequest, user: Any, story: Story) -> dict[str, Any]:
    named = story.identity == Identity.NAMED
    return {
        "id": story.pk,
        "url": _absolute(request, reverse("stories:detail", args=[story.pk])),
        "kind": story.kind,
        "title": story.title,
        "excerpt": story.excerpt,
        "byline": story.byline,
        "author": person(request, story.author) if named else None,
        "identity": story.identity,
        "organisation": (
            {"slug": story.organisation.slug, "name": story.organisation.name}
            if story.organisation_id is not None and story.organisation is not None
            else None
        ),
        "audience": story.audience,
        "status": story.status,
        "topics": [{"id": t.pk, "slug": t.slug, "name": t.name} for t in _topics(story)],
        "place": (
            {"id": story.place.pk, "slug": story.place.slug, "name": story.place.name}
            if story.place is not None
            else None
        ),
        "published_at": story.published_at,
        "edited_at": story.edited_at,
        "comment_count": story.comment_count,
        "experienced_count": story.experienced_count,
        "helped_count": story.helped_count,
        "is_mine": _is_mine(user, story.author_id),
    }


def story_detail_out(request: HttpRequest, user: Any, story: Story) -> dict[str, Any]:
    data = story_card_out(request, user, story)
    data.update(
        body=story.body,
        body_html=story.body_html,
        image=(
            {
                "url": _absolute(request, reverse("stories:image", args=[story.image.name])),
                "alt": story.image_alt,
            }
            if story.image
            else None
        ),
        is_hidden=story.is_hidden,
        can_edit=permissions.can_edit_story(user, story),
    )
    return data


def comment_out(request: HttpRequest, user: Any, story: Story, value: Comment) -> dict[str, Any]:
    """A comment as the story page shows it: deleted and hidden ones keep their place in the
    thread but lose their words and their author."""
    removed = value.is_deleted or value.is_hidden
    by_story_author = value.author_id == story.author_id
    if removed:
        byline, author = "", None
    elif value.carries_story_byline(story):
        byline, author = value.byline(story), None
    else:
        byline, author = value.byline(story), person(request, value.author)
    return {
        "id": value.pk,
        "story_id": value.story_id,
        "parent_id": value.parent_id,
        "depth": value.depth,
        "body": "" if removed else value.body,
        "body_html": "" if removed else value.body_html,
        "byline": byline,
        "author": author,
        "is_story_author": by_story_author and not removed,
        "is_deleted": value.is_deleted,
        "is_hidden": value.is_hidden,
        "created_at": value.created_at,
        "edited_at": None if removed else value.edited_at,
        "experienced_count": 0 if removed else value.experienced_count,
        "helped_count": 0 if removed else value.helped_count,
        "is_mine": _is_mine(user, value.author_id) and not removed,
    }


# ---------------------------------------------------------------- stories


StoryId = Path(..., ge=1, le=MAX_ID, description="The story's id.")


def _check_feed_cursor(cursor: str, sort: str) -> None:
    """Refuse a cursor the stories feed would not understand (it would restart silently)."""
    try:
        selectors.feed_position(cursor, sort)
    except InvalidCursor:
        raise invalid_cursor() from None


@router.get(
    "/stories",
    response=responses({200: schemas.StoryPage}, cursor=True),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="List published stories, ideas and resources",
)
def story_list(request: HttpRequest, filters: Query[schemas.StoryFilters]) -> dict[str, Any]:
    """Newest first (or most popular first with `sort=popular`), one page at a time. Members-only
    stories are listed only for signed-in members; drafts, withdrawn and hidden stories never."""
    user = viewer(request)
    qs = Story.objects.visible_to(user)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.topic:
        qs = qs.in_topic(find_topic(filters.topic, source="query"))
    if filters.place:
        qs = qs.in_place(find_place(filters.place, source="query"))
    if filters.cursor:
        _check_feed_cursor(filters.cursor, filters.sort)
    page = selectors.feed_page(qs, sort=filters.sort, cursor=filters.cursor, size=filters.limit)
    return {
        "items": [story_card_out(request, user, s) for s in page.items],
        "next_cursor": page.next_cursor,
    }


@router.get(
    "/stories/{story_id}",
    response=responses({200: schemas.StoryOut}, 404),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="Read a story",
)
def story_detail(request: HttpRequest, story_id: int = StoryId) -> dict[str, Any]:
    user = viewer(request)
    story = permissions.get_story_for_user(user, story_id)
    return story_detail_out(request, user, story)


def _check_identity(user: Any, identity: str, pseudonym: str, current: str = "") -> str:
    """The same rules as the sharing form (accounts.names): a pseudonym is needed, and must not
    be your name, the site's own labels or another member's name."""
    if identity != Identity.PSEUDONYM:
        return ""
    try:
        return names.clean_pseudonym(pseudonym, author=user, current=current)
    except DjangoValidationError as exc:
        raise field_error("pseudonym", exc.messages[0]) from exc


def _check_body(body: str) -> None:
    if len(clean_text(body)) > settings.STORY_BODY_MAX_CHARS:
        raise field_error(
            "body", f"The limit is {settings.STORY_BODY_MAX_CHARS:,} characters. Please shorten it."
        )


@router.post(
    "/stories",
    response=responses({201: schemas.StoryOut}, write=True),
    auth=WRITE_AUTH,
    summary="Save a new draft",
)
def story_create(request: HttpRequest, payload: schemas.StoryIn) -> Status[dict[str, Any]]:
    """Creates a draft only you can see. Publish it with POST /api/stories/{id}/publish."""
    user = writer(request)
    if not permissions.has_verified_email(user):
        raise HttpError(403, _("Please verify your email address before sharing."))
    _check_body(payload.body)
    data = services.StoryInput(
        kind=payload.kind,
        title=payload.title,
        body=payload.body,
        topics=choose_topics(payload.topics),
        place=choose_place(payload.place, source="body") if payload.place else None,
        identity=payload.identity,
        pseudonym=_check_identity(user, payload.identity, payload.pseudonym),
        audience=payload.audience,
    )
    try:
        story = services.story_save_draft(
            author=user, data=data, submission_key=payload.submission_key
        )
    except DjangoValidationError as exc:
        raise from_django(exc) from exc
    story = permissions.get_story_for_user(user, story.pk)
    return Status(201, story_detail_out(request, user, story))


def _own_story(user: Any, story_id: int) -> Story:
    """A story you may see and change: 404 if you can't see it, 403 if it isn't yours, 409 if
    it was withdrawn."""
    story = permissions.get_story_for_user(user, story_id)
    if story.author_id != user.pk:
        raise HttpError(403, _("Only the author can do that."))
    if story.status == StoryStatus.WITHDRAWN:
        raise HttpError(
            409, _("This story was withdrawn. Share it again as a new story if you wish.")
        )
    return story


@router.patch(
    "/stories/{story_id}",
    response=responses({200: schemas.StoryOut}, 409, write=True),
    auth=WRITE_AUTH,
    summary="Edit your story",
)
def story_edit(
    request: HttpRequest, payload: schemas.StoryPatch, story_id: int = StoryId
) -> dict[str, Any]:
    """Changes only the fields you send. Changing `audience`, `identity` or `pseudonym` of a
    published story unpublishes it until you publish it again with fresh consent. Changing the
    words, `place` or `topics` of a published story runs the same checks as publishing: a new
    member's story moved into a place or topic where new members' posts are checked first is held
    for review (`is_hidden: true`) until a moderator approves it."""
    user = writer(request)
    story = _own_story(user, story_id)
    sent = payload.model_fields_set
    if "body" in sent:
        _check_body(payload.body)
    identity = payload.identity if "identity" in sent else story.identity
    pseudonym = payload.pseudonym if "pseudonym" in sent else story.pseudonym
    place: Place | None = story.place
    if "place" in sent:  # the place and topics it has now may be kept, even if since retired
        place = (
            choose_place(payload.place, source="body", keep=story.place_id)
            if payload.place
            else None
        )
    topics = list(story.topics.all())
    if "topics" in sent:
        topics = choose_topics(payload.topics, keep=topics)
    data = services.StoryInput(
        kind=payload.kind if "kind" in sent else story.kind,
        title=payload.title if "title" in sent else story.title,
        body=payload.body if "body" in sent else story.body,
        topics=topics,
        place=place,
        identity=identity,
        pseudonym=_check_identity(user, identity, pseudonym, current=story.pseudonym),
        audience=payload.audience if "audience" in sent else story.audience,
        image_alt=story.image_alt,
    )
    try:
        story = services.story_edit(story=story, actor=user, data=data)
    except DjangoValidationError as exc:
        raise from_django(exc) from exc
    story = permissions.get_story_for_user(user, story.pk)
    return story_detail_out(request, user, story)


def _consent_notice(story: Story) -> dict[str, Any]:
    return {
        "notice_version": settings.CONSENT_NOTICE_VERSION,
        "statement": services.consent_statement_for(story),
        "audience": story.audience,
        "identity": story.identity,
    }


@router.get(
    "/stories/{story_id}/consent",
    response=responses({200: schemas.ConsentNoticeOut}, 403, 404, 409),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="The consent statement to show before publishing",
)
def story_consent(request: HttpRequest, story_id: int = StoryId) -> dict[str, Any]:
    """What the author agrees to when publishing this story, and the notice version to send
    back with POST /api/stories/{id}/publish."""
    user = member(request)
    return _consent_notice(_own_story(user, story_id))


@router.post(
    "/stories/{story_id}/publish",
    response=responses({200: schemas.StoryOut, 400: schemas.ConsentRequiredOut}, 409, write=True),
    auth=WRITE_AUTH,
    summary="Publish your story, with consent",
)
def story_publish(
    request: HttpRequest, payload: schemas.PublishIn, story_id: int = StoryId
) -> Status[dict[str, Any]]:
    """Needs `{"consent": true, "notice_version": "..."}` with the current notice version from
    GET /api/stories/{id}/consent. The consent is recorded with the exact statement."""
    user = writer(request)
    story = _own_story(user, story_id)
    notice = _consent_notice(story)
    if payload.consent is not True or payload.notice_version != notice["notice_version"]:
        detail = (
            _(
                "Publishing needs the author's explicit consent: send consent: true"
                " and the notice_version of the statement they agreed to."
            )
            if payload.consent is not True
            else _(
                "The consent notice has changed. Show the author the current statement and ask "
                "again."
            )
        )
        return Status(
            400,
            {
                "detail": detail,
                "notice_version": notice["notice_version"],
                "statement": notice["statement"],
            },
        )
    try:
        services.story_publish(story=story, actor=user, consented=True)
    except DjangoValidationError as exc:
        raise from_django(exc) from exc
    story = permissions.get_story_for_user(user, story.pk)
    return Status(200, story_detail_out(request, user, story))


@router.post(
    "/stories/{story_id}/withdraw",
    response=responses({200: schemas.WithdrawOut}, write=True),
    auth=WRITE_AUTH,
    summary="Withdraw your story (or delete a draft)",
)
def story_withdraw(request: HttpRequest, story_id: int = StoryId) -> dict[str, Any]:
    """A published story is unpublished at once and kept only for you; a draft is deleted.
    Withdrawing twice is harmless."""
    user = writer(request)
    story = permissions.get_story_for_user(user, story_id)
    if story.author_id != user.pk:
        raise HttpError(403, _("Only the author can withdraw a story."))
    was_draft = story.status == StoryStatus.DRAFT
    services.story_withdraw(story=story, actor=user)
    return {"id": story_id, "status": "deleted" if was_draft else "withdrawn"}


@router.get(
    "/me/stories",
    response=responses({200: schemas.StoryPage}, cursor=True),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    tags=["Me"],
    summary="Your own stories, drafts and withdrawn ones included",
)
def my_stories(request: HttpRequest, params: Query[PageParams]) -> dict[str, Any]:
    user = member(request)
    qs = Story.objects.filter(author=user).order_by("-id")
    if params.cursor:
        (last,) = decode_cursor(params.cursor, 1)
        qs = qs.filter(id__lt=cursor_id(last))
    items = list(selectors.with_card_data(qs)[: params.limit + 1])
    next_cursor = encode_cursor(items[params.limit - 1].pk) if len(items) > params.limit else None
    return {
        "items": [story_card_out(request, user, s) for s in items[: params.limit]],
        "next_cursor": next_cursor,
    }


# ---------------------------------------------------------------- comments


CommentId = Path(..., ge=1, le=MAX_ID, description="The comment's id.")


@comments_router.get(
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
        "items": [comment_out(request, user, story, c) for c in items[: params.limit]],
        "next_cursor": next_cursor,
    }


@comments_router.post(
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
            _("You can comment on published stories once your email address is verified."),
        )
    parent = None
    if payload.parent_id is not None:
        parent = story.comments.filter(pk=payload.parent_id, is_hidden=False).first()
        if parent is None:
            raise field_error("parent_id", _("You can only reply to a comment on this story."))
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
    return Status(201, comment_out(request, user, story, comment))


def _own_comment(user: Any, comment_id: int) -> Comment:
    comment = permissions.get_comment_for_user(user, comment_id)
    if not permissions.can_edit_comment(user, comment):
        raise HttpError(403, _("Only the author can change a comment."))
    return comment


@comments_router.patch(
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
    return comment_out(request, user, comment.story, comment)


@comments_router.delete(
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
