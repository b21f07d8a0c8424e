"""Turning stories and comments into API output, applying the same privacy rules as the pages.

Every field is listed here on purpose: a new model field never reaches the API by accident.
For a story not shared under the author's own name, the only trace of the author is the byline:
no id, no display name, no profile link, in any field, for anyone (moderators included; they
reveal authors on the web, where each look is audit-logged).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from groundswell.accounts.models import User
from groundswell.places.models import Place
from groundswell.stories import permissions
from groundswell.stories.models import Comment, Identity, Story
from groundswell.topics.models import Topic


def _absolute(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


def person(request: HttpRequest, user: User) -> dict[str, Any]:
    return {
        "handle": user.handle,
        "display_name": user.public_name,
        "profile_url": _absolute(request, reverse("accounts:profile", args=[user.handle])),
    }


def topic(value: Topic) -> dict[str, Any]:
    return {
        "id": value.pk,
        "slug": value.slug,
        "name": value.name,
        "description": value.description,
    }


def place(value: Place) -> dict[str, Any]:
    return {
        "id": value.pk,
        "slug": value.slug,
        "name": value.name,
        "level": value.level,
        "parent_id": value.parent_id,
    }


def _is_mine(user: Any, author_id: int) -> bool:
    return bool(user.is_authenticated and author_id == user.pk)


def story_card(request: HttpRequest, user: Any, story: Story) -> dict[str, Any]:
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
        "audience": story.audience,
        "status": story.status,
        "topics": [{"id": t.pk, "slug": t.slug, "name": t.name} for t in story.topics.all()],
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


def story_detail(request: HttpRequest, user: Any, story: Story) -> dict[str, Any]:
    data = story_card(request, user, story)
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


def comment(request: HttpRequest, user: Any, story: Story, value: Comment) -> dict[str, Any]:
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
