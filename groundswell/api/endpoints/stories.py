"""Stories: list, read, create drafts, edit, publish with consent, withdraw."""

from __future__ import annotations

from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from ninja import Path, Query, Router, Schema, Status
from ninja.errors import HttpError

from groundswell.accounts import names
from groundswell.api import schemas, serializers
from groundswell.api.auth import READ_AUTH, READ_SECURITY, WRITE_AUTH, member, viewer, writer
from groundswell.api.endpoints.common import responses
from groundswell.api.errors import field_error, from_django
from groundswell.api.pagination import cursor_id, decode_cursor, encode_cursor, invalid_cursor
from groundswell.lib.cursors import InvalidCursor
from groundswell.lib.text import clean_text
from groundswell.places.models import Place
from groundswell.stories import permissions, selectors, services
from groundswell.stories.models import Identity, Story
from groundswell.stories.models import Status as StoryStatus
from groundswell.topics.models import Topic

router = Router(tags=["Stories"])

StoryId = Path(..., ge=1, le=schemas.MAX_ID, description="The story's id.")


class PageParams(Schema):
    cursor: schemas.Cursor = schemas.optional(description="The next_cursor of the previous page.")
    limit: schemas.PageSize = schemas.PAGE_SIZE_DEFAULT


class StoryFilters(PageParams):
    kind: schemas.KindName = schemas.optional()
    topic: schemas.Slug = schemas.optional(description="A topic's slug.")
    place: schemas.Slug = schemas.optional(
        description="A place's slug: stories there or anywhere within it."
    )
    sort: Literal["recent", "popular"] = "recent"


def _check_feed_cursor(cursor: str, sort: str) -> None:
    """Refuse a cursor the stories feed would not understand (it would restart silently)."""
    try:
        selectors.feed_position(cursor, sort)
    except InvalidCursor:
        raise invalid_cursor() from None


def _topic(slug: str, *, source: str) -> Topic:
    found = Topic.objects.filter(slug=slug).first()
    if found is None:
        raise field_error("topic", f"There is no topic '{slug}'. See /api/topics.", source=source)
    return found


def _place(slug: str, *, source: str, field: str = "place") -> Place:
    found = Place.objects.filter(slug=slug).first()
    if found is None:
        raise field_error(field, f"There is no place '{slug}'. See /api/places.", source=source)
    return found


@router.get(
    "/stories",
    response=responses({200: schemas.StoryPage}, cursor=True),
    auth=READ_AUTH,
    openapi_extra=READ_SECURITY,
    summary="List published stories, ideas and resources",
)
def story_list(request: HttpRequest, filters: Query[StoryFilters]) -> dict[str, Any]:
    """Newest first (or most popular first with `sort=popular`), one page at a time. Members-only
    stories are listed only for signed-in members; drafts, withdrawn and hidden stories never."""
    user = viewer(request)
    qs = Story.objects.visible_to(user)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.topic:
        qs = qs.in_topic(_topic(filters.topic, source="query"))
    if filters.place:
        qs = qs.in_place(_place(filters.place, source="query"))
    if filters.cursor:
        _check_feed_cursor(filters.cursor, filters.sort)
    page = selectors.feed_page(qs, sort=filters.sort, cursor=filters.cursor, size=filters.limit)
    return {
        "items": [serializers.story_card(request, user, s) for s in page.items],
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
    return serializers.story_detail(request, user, story)


def _resolve_topics(slugs: list[str]) -> list[Topic]:
    wanted = list(dict.fromkeys(slugs))
    found = {t.slug: t for t in Topic.objects.filter(slug__in=wanted)}
    missing = [s for s in wanted if s not in found]
    if missing:
        raise field_error("topics", f"Unknown topics: {', '.join(missing)}. See /api/topics.")
    return [found[s] for s in wanted]


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
        raise HttpError(403, "Please verify your email address before sharing.")
    _check_body(payload.body)
    data = services.StoryInput(
        kind=payload.kind,
        title=payload.title,
        body=payload.body,
        topics=_resolve_topics(payload.topics),
        place=_place(payload.place, source="body") if payload.place else None,
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
    return Status(201, serializers.story_detail(request, user, story))


def _own_story(user: Any, story_id: int) -> Story:
    """A story you may see and change: 404 if you can't see it, 403 if it isn't yours, 409 if
    it was withdrawn."""
    story = permissions.get_story_for_user(user, story_id)
    if story.author_id != user.pk:
        raise HttpError(403, "Only the author can do that.")
    if story.status == StoryStatus.WITHDRAWN:
        raise HttpError(409, "This story was withdrawn. Share it again as a new story if you wish.")
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
    if "place" in sent:
        place = _place(payload.place, source="body") if payload.place else None
    data = services.StoryInput(
        kind=payload.kind if "kind" in sent else story.kind,
        title=payload.title if "title" in sent else story.title,
        body=payload.body if "body" in sent else story.body,
        topics=_resolve_topics(payload.topics) if "topics" in sent else list(story.topics.all()),
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
    return serializers.story_detail(request, user, story)


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
            "Publishing needs the author's explicit consent: send consent: true"
            " and the notice_version of the statement they agreed to."
            if payload.consent is not True
            else "The consent notice has changed. Show the author the current statement and ask again."
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
    return Status(200, serializers.story_detail(request, user, story))


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
        raise HttpError(403, "Only the author can withdraw a story.")
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
        "items": [serializers.story_card(request, user, s) for s in items[: params.limit]],
        "next_cursor": next_cursor,
    }
