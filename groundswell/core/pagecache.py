"""A page cache for anonymous visitors that can never show withdrawn or hidden content.

Most visits to a community site come from people who are not signed in, and they all see the same
page. Rendering a story page or a feed costs 20-30 ms of CPU; serving a stored copy costs about
one. The hard part is invalidation: a withdrawn health story must disappear at once, on every
worker. So:

* Every stored page carries the *content version* it was rendered at: one database row
  (`core.ContentVersion`) that database triggers bump, inside the writing transaction, whenever a
  row that shapes what visitors see is inserted, changed or deleted (stories, comments, topics,
  places, names, profiles, badges, search entries). Triggers catch ORM saves, bulk `update()`,
  raw SQL and the admin alike, and the bump commits atomically with the change.
* A request reads the version (one primary-key lookup) *before* rendering and stores the page
  under it; a page is served only while the version is unchanged. A page rendered from data older
  than a change is therefore never served after that change commits.
* Counters (reactions, comment counts, scores) and login times do not bump the version: those
  numbers may lag by up to PAGE_CACHE_SECONDS for anonymous visitors. Signed-in people never get
  cached pages.

Only views wrapped in `@cache_for_anonymous` are stored, and only when the response is a plain 200
that set no cookie (so no CSRF token or message is ever shared) and was not marked private.
The CSP nonce is swapped for a fresh one on every hit. Requests carrying a session or messages
cookie, or sent by htmx, always go to the view.

Pages live in the `pages` cache (per-process local memory by default): each worker warms its own
copy, and nothing is written to disk.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import Resolver404, resolve

CACHE_ALIAS = "pages"
CACHE_HEADER = "X-Page-Cache"
VERSION_TABLE = "core_contentversion"
BUMP_SQL = "UPDATE core_contentversion SET value = value + 1 WHERE id = 1"
READ_SQL = "SELECT value FROM core_contentversion WHERE id = 1"
CREATE_ROW_SQL = (
    "INSERT INTO core_contentversion (id, value) VALUES (1, 0) ON CONFLICT (id) DO NOTHING"
)
_MARK = "_gs_cache_for_anonymous"
_VERSION_ATTR = "_gs_content_version"
_NONCE_SLOT_TEXT = "\x00gs-nonce\x00"
_NONCE_SLOT = _NONCE_SLOT_TEXT.encode()
_NONCE_IN_CSP = re.compile(r"'nonce-([A-Za-z0-9_\-+/=]+)'")

# What bumps the content version: table -> columns whose UPDATE counts (None: any column).
# INSERT and DELETE always count. Counters, scores and timestamps that only move are left out on
# purpose (see the module docstring).
WATCHED: dict[str, tuple[str, ...] | None] = {
    "stories_story": (
        "kind",
        "author_id",
        "identity",
        "pseudonym",
        "audience",
        "status",
        "is_hidden",
        "title",
        "body_html",
        "excerpt",
        "place_id",
        "image",
        "image_alt",
        "published_at",
        "edited_at",
    ),
    "stories_comment": (
        "author_id",
        "parent_id",
        "body_html",
        "is_deleted",
        "is_hidden",
        "edited_at",
    ),
    "stories_story_topics": None,
    "stories_storyrelation": None,
    "accounts_user": ("display_name", "username", "is_active", "site_role"),
    "accounts_profile": None,
    "accounts_profile_topics": None,
    "topics_topic": None,
    "places_place": None,
    "trust_trustprofile": ("level", "professional_title", "professional_verified_at"),
    "search_searchdocument": None,
}


def cache_for_anonymous[V: Callable[..., HttpResponseBase]](view: V) -> V:
    """Let AnonymousPageCacheMiddleware store this view's pages for anonymous visitors."""
    setattr(view, _MARK, True)
    return view


def _is_cacheable_view(request: HttpRequest) -> bool:
    try:
        match = resolve(request.path_info, urlconf=getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return getattr(match.func, _MARK, False)


def _trigger_sql(vendor: str, table: str, columns: tuple[str, ...] | None) -> list[str]:
    update = "UPDATE" if columns is None else "UPDATE OF " + ", ".join(columns)
    events = {"ins": "INSERT", "upd": update, "del": "DELETE"}
    statements = []
    for suffix, event in events.items():
        name = f"gs_cv_{table}_{suffix}"
        if vendor == "sqlite":
            statements += [
                f"DROP TRIGGER IF EXISTS {name}",
                f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {BUMP_SQL}; END",
            ]
        else:
            statements += [
                f"DROP TRIGGER IF EXISTS {name} ON {table}",
                f"CREATE TRIGGER {name} AFTER {event} ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION gs_bump_content_version()",
            ]
    if vendor == "postgresql":
        name = f"gs_cv_{table}_trunc"
        statements += [
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"CREATE TRIGGER {name} AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION gs_bump_content_version()",
        ]
    return statements


def _existing_triggers(connection: BaseDatabaseWrapper) -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'gs_cv_%'"
            )
        else:
            cursor.execute(
                "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE NOT t.tgisinternal AND t.tgname LIKE 'gs_cv_%'"
            )
        return [(str(name), str(table)) for name, table in cursor.fetchall()]


def remove_triggers(using: str = DEFAULT_DB_ALIAS, **kwargs: object) -> None:
    """Drop the triggers before migrations run (pre_migrate): SQLite refuses to drop a column a
    trigger names, and a migration must never trip over them. post_migrate puts them back."""
    connection = connections[using]
    if connection.vendor not in ("sqlite", "postgresql"):
        return
    with connection.cursor() as cursor:
        for name, table in _existing_triggers(connection):
            if connection.vendor == "sqlite":
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            else:
                cursor.execute(f'DROP TRIGGER IF EXISTS {name} ON "{table}"')


def install_triggers(using: str = DEFAULT_DB_ALIAS, **kwargs: object) -> None:
    """(Re)create the triggers and the version row. Runs after every migrate (post_migrate) and
    every flush, so tables created or rebuilt by a migration get their triggers too."""
    connection = connections[using]
    if connection.vendor not in ("sqlite", "postgresql"):
        return  # no triggers, no row: the page cache stays off on other databases
    tables = set(connection.introspection.table_names())
    if VERSION_TABLE not in tables:
        return
    statements: list[str] = []
    if connection.vendor == "postgresql":
        statements.append(
            "CREATE OR REPLACE FUNCTION gs_bump_content_version() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN {BUMP_SQL}; RETURN NULL; END $$"
        )
    for table, columns in WATCHED.items():
        if table in tables:
            statements += _trigger_sql(connection.vendor, table, columns)
    statements.append(CREATE_ROW_SQL)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def content_version(connection: BaseDatabaseWrapper | None = None) -> int | None:
    """The current content version, or None when the row is missing (cache off)."""
    connection = connection or connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        cursor.execute(READ_SQL)
        row = cursor.fetchone()
    return int(row[0]) if row else None


def request_content_version(request: HttpRequest) -> int | None:
    """The content version this request's page is rendered at: the one the middleware read before
    the view ran (so a page and what it was built from agree), else read now."""
    if hasattr(request, _VERSION_ATTR):
        return cast(int | None, getattr(request, _VERSION_ATTR))
    version = content_version()
    setattr(request, _VERSION_ATTR, version)
    return version


@dataclass(frozen=True, slots=True)
class StoredPage:
    version: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


def _key(request: HttpRequest) -> str:
    raw = f"{request.scheme}://{request.get_host()}\n{request.get_full_path()}"
    return "page:" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def _is_eligible(request: HttpRequest) -> bool:
    if request.method != "GET" or not settings.PAGE_CACHE_SECONDS:
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return False
    return "HTTP_HX_REQUEST" not in request.META


def _can_store(request: HttpRequest, response: HttpResponseBase) -> bool:
    if not isinstance(response, HttpResponse):
        return False
    if response.status_code != 200 or response.cookies:
        return False
    # A page that used the CSRF token carries it. Django sets the cookie again whenever the token
    # is used (so the check above catches it), but this must never rest on that alone.
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _store(response: HttpResponse, version: int) -> StoredPage:
    body = response.content
    headers = []
    nonce = None
    for name, value in response.items():
        if name.lower() in ("content-length", CACHE_HEADER.lower()):
            continue
        if name.lower().startswith("content-security-policy"):
            match = _NONCE_IN_CSP.search(value)
            if match:
                nonce = match.group(1)
                value = value.replace(nonce, _NONCE_SLOT_TEXT)
        headers.append((name, value))
    if nonce:
        body = body.replace(nonce.encode(), _NONCE_SLOT)
    return StoredPage(version=version, headers=tuple(headers), body=body)


def _replay(page: StoredPage) -> HttpResponse:
    nonce = secrets.token_urlsafe(16)
    response = HttpResponse(page.body.replace(_NONCE_SLOT, nonce.encode()))
    for name, value in page.headers:
        response[name] = value.replace(_NONCE_SLOT_TEXT, nonce)
    response[CACHE_HEADER] = "hit"
    response["Content-Length"] = str(len(response.content))
    return response


class AnonymousPageCacheMiddleware:
    """Serve and store pages of `@cache_for_anonymous` views for visitors who are not signed in.

    Sits near the top of MIDDLEWARE (after security and static files), so a hit skips sessions,
    authentication and the view; the stored headers already carry what the inner middleware added.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not _is_eligible(request) or not _is_cacheable_view(request):
            return self.get_response(request)
        version = content_version()
        setattr(request, _VERSION_ATTR, version)
        if version is None:
            return self.get_response(request)
        cache = caches[CACHE_ALIAS]
        key = _key(request)
        page = cache.get(key)
        if isinstance(page, StoredPage) and page.version == version:
            return _replay(page)
        response = self.get_response(request)
        if _can_store(request, response):
            cache.set(
                key,
                _store(cast(HttpResponse, response), version),
                timeout=settings.PAGE_CACHE_SECONDS,
            )
            response[CACHE_HEADER] = "miss"
        return response
