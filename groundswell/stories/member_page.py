"""A signed-in member's story page, filled in from a copy that all members share.

Visitors get stored pages (core/pagecache.py), but a member's page shows their own reactions,
follow and comment links, so it used to be rendered for every request: about 25-40 ms of CPU and
12 queries, which caps a 2-core server at about 60 member pages a second.

Most of that page is the same for every member: the story, the comment thread, related stories.
So the page is rendered once per story and content version with *marks* where members differ
(core/marks.py), kept in the `pages` cache, and filled in per request from one query (the
member's reactions, follow and own comments, and the current counts).

Who gets the shared copy: a signed-in member who is not a moderator, not staff, not the story's
author, has no comment hidden by a moderator on the story, and has no message waiting. They all
see the same page apart from the marks; the one other difference, whether they may take part
(a verified email address), is part of the key. Everyone else gets the page rendered for them,
through the same templates and flags.

Safety rests on the same content version as the visitors' cache: it is read before the page is
built, any change to what the page shows (a withdrawal, hiding, an edit, a comment, a name)
bumps it, and a copy is only used while the version is unchanged. The copy is only stored after
the story was found visible to a member, and visibility for members who are not its author or a
moderator depends only on the story's own watched fields.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token

from groundswell.core import marks, staff
from groundswell.core.pagecache import CACHE_ALIAS, CACHE_HEADER, request_content_version
from groundswell.stories import permissions, selectors

CSRF_SLOT = "csrf"
NONCE_SLOT = "nonce"


@dataclass(frozen=True, slots=True)
class SharedStoryPage:
    version: int
    author_id: int
    body: str


class _Values(dict[str, str]):
    """The counts read with the member's marks, plus the tokens. A comment that a concurrent
    change removed after the copy was built has no count any more: it shows 0 until the next
    request, which gets a new copy (the change bumped the content version)."""

    def __missing__(self, key: str) -> str:
        if key.startswith("count:"):
            return "0"
        raise KeyError(key)


def is_eligible(request: HttpRequest) -> bool:
    """May this request get the shared copy (before knowing the story)?"""
    user = request.user
    if not (user.is_authenticated and settings.MEMBER_PAGE_CACHE_SECONDS):
        return False
    # Moderators and organisers see a header link members don't, so they never share a copy;
    # without staff powers (core/staff.py) what they get rendered shows the story as a member
    # sees it.
    if user.is_staff or staff.is_moderator(user) or getattr(user, "is_organiser", False):
        return False
    # A message waiting to be shown ("Your comment is posted") is this member's alone.
    return len(get_messages(request)) == 0


def _key(story_id: int, can_participate: bool) -> str:
    return f"member-story:{story_id}:{int(can_participate)}"


def serve(
    request: HttpRequest,
    story_id: int,
    state: selectors.ViewerState,
    render_shared: Callable[[HttpRequest, int], tuple[Any, str] | None],
) -> HttpResponse | None:
    """The member's page from the shared copy, or None when they must get it rendered for them
    (with the same `state`, `selectors.viewer_state` read before any rendering).

    `render_shared(request, story_id)` renders the page with shared marks and returns
    (story, body), or None when the viewer is the story's author; it raises Http404 when the
    story may not be seen."""
    version = request_content_version(request)
    if version is None:
        return None
    user: Any = request.user
    # Someone with a comment a moderator hid sees it with the reason, so neither gets nor builds
    # the shared copy.
    if state.has_hidden_comment:
        return None
    can_participate = permissions.has_verified_email(user)
    cache = caches[CACHE_ALIAS]
    key = _key(story_id, can_participate)
    page = cache.get(key)
    outcome = "member-hit"
    if not (isinstance(page, SharedStoryPage) and page.version == version):
        outcome = "member-miss"
        rendered = render_shared(request, story_id)
        if rendered is None:
            return None
        story, body = rendered
        page = SharedStoryPage(version=version, author_id=story.author_id, body=body)
        cache.set(key, page, timeout=settings.MEMBER_PAGE_CACHE_SECONDS)
    if page.author_id == user.pk:
        return None
    values = _Values(state.counts)
    # The member's own counts in the navigation (unread notifications, messages).
    for key, value in marks.personal_counts(user).items():
        values[key] = value
    values[CSRF_SLOT] = get_token(request)
    nonce = get_nonce(request)
    values[NONCE_SLOT] = str(nonce) if nonce is not None else ""
    response = HttpResponse(marks.fill(page.body, flags=state.flags, values=values))
    response[CACHE_HEADER] = outcome
    return response
