"""The offers and needs list for signed-in members, filled in from a copy that members share.

Visitors get stored pages (core/pagecache.py, scope `list:offers`), but signed-in members never
did: every member page cost about 13 ms of CPU, which kept PostgreSQL's p95 at about 105 ms at
100 pages a second on two cores. Yet the list is the same for every signed-in member
(`Offer.objects.visible_to` only tells members from visitors), and so is the page around it
apart from the header's own parts: the unread counts, the CSRF token and the CSP nonce. So, as
stories/member_page.py does for a story, the page is rendered once per address (path and query
string), language, whether the member may post (a verified email address) and content version,
with *marks* where members differ (core/marks.py), kept in the `pages` cache, and filled in per
request.

Who gets the shared copy: a signed-in member who is not staff, a moderator or an organiser (they
see a staff link in the header) and has no message waiting. Everyone else gets the page
rendered for them, through the same template.

Safety rests on the content version: it is read before the page is built (the scopes the view
declares: `list:offers`, `list:stories` for organisation names, plus `site` and `list:people`
for places, topics and members' names), any change to what a card shows bumps it, and a copy is
only used while the version is unchanged. A copy is only ever built for a signed-in member, and
kept apart from visitors' stored pages, so a members-only post never reaches a visitor.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.utils import translation

from groundswell.core import marks, staff
from groundswell.core.pagecache import CACHE_ALIAS, CACHE_HEADER, request_content_version
from groundswell.offers import permissions

# What the list shows (watched in apps.py): the posts and their topics, and organisation names
# (watched by stories under `list:stories`: one watch per table). Places, topic names and members'
# names are in `site` and `list:people`, which every page depends on.
LIST_SCOPE = "list:offers"
LIST_SCOPES = (LIST_SCOPE, "list:stories")
CSRF_SLOT = "csrf"
NONCE_SLOT = "nonce"


@dataclass(frozen=True, slots=True)
class SharedListPage:
    version: int
    body: str


def is_eligible(request: HttpRequest) -> bool:
    """May this request get the shared copy?"""
    user: Any = request.user
    if not (user.is_authenticated and settings.MEMBER_PAGE_CACHE_SECONDS):
        return False
    if request.method != "GET" or "HTTP_HX_REQUEST" in request.META:
        return False
    # Staff, moderators and organisers see a header link members don't, so they never share a
    # copy (nor build one members would then see).
    if user.is_staff or staff.is_moderator(user) or getattr(user, "is_organiser", False):
        return False
    # A message waiting to be shown ("Your offer is posted") is this member's alone.
    return len(get_messages(request)) == 0


def _key(request: HttpRequest, can_post: bool) -> str:
    raw = (
        f"{request.scheme}://{request.get_host()}\n{request.get_full_path()}\n"
        f"{translation.get_language()}\n{int(can_post)}"
    )
    return "member-offers:" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def serve(request: HttpRequest, render_shared: Callable[[HttpRequest], str]) -> HttpResponse | None:
    """The member's list page from the shared copy (built with `render_shared(request)`, which
    renders the page with shared marks), or None when the cache is off and the page must be
    rendered for them."""
    version = request_content_version(request)
    if version is None:
        return None
    user: Any = request.user
    cache = caches[CACHE_ALIAS]
    key = _key(request, permissions.can_post(user))
    page = cache.get(key)
    outcome = "member-hit"
    if not (isinstance(page, SharedListPage) and page.version == version):
        outcome = "member-miss"
        page = SharedListPage(version=version, body=render_shared(request))
        cache.set(key, page, timeout=settings.MEMBER_PAGE_CACHE_SECONDS)
    # The member's own counts in the navigation (unread notifications, messages).
    values = marks.personal_counts(user)
    values[CSRF_SLOT] = get_token(request)
    nonce = get_nonce(request)
    values[NONCE_SLOT] = str(nonce) if nonce is not None else ""
    response = HttpResponse(marks.fill(page.body, flags=frozenset(), values=values))
    response[CACHE_HEADER] = outcome
    return response
