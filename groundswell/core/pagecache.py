"""A page cache for anonymous visitors that can never show withdrawn or hidden content.

Most visits to a community site come from people who are not signed in, and they all see the same
page. Rendering a story page or a feed costs 10-30 ms of CPU; serving a stored copy costs about
one. The hard part is invalidation: a withdrawn health story must disappear at once, on every
worker, while a comment on one story should not end every other page. So invalidation is scoped:

* A *scope* names something pages show: `story:123` (one story's page), `list:stories` (every
  list that includes stories), `list:comments`, `list:people` (names, profiles and badges shown
  on every page), `list:search`, and `site` (topics and places, and the epoch every page carries).
  Each scope has a version in `core.ScopeVersion`, one row per key.
* Domain apps say what bumps which scope when they start (`watch()` in their AppConfig.ready();
  core never imports them): a row of a watched table that is inserted, deleted, or changed in a
  watched column bumps the scopes named for it, by database triggers inside the writing
  transaction, so ORM saves, bulk `update()`, raw SQL and the admin are all caught and the bump
  commits atomically with the change. Services whose tables carry no triggers call `bump()` inside
  their transaction instead.
* A `list:` scope is kept in STRIPES rows (`list:stories#0` … `#7`, chosen by the changed row's id,
  or at random for `bump()`), and its version is their sum: writers to different rows rarely wait
  on each other, and no write waits on one row every other write holds.
* A cached view declares its scopes (`@cache_for_anonymous(scopes=("story:{pk}",))`, formatted
  with the URL's arguments; `depends_on()` adds more while rendering). Every page also depends on
  `site` and `list:people`; a view that declares nothing depends on every list (safe, coarse).
  The versions are read (one query) *before* the view renders, and a page is served only while
  every one is unchanged, so a page rendered from data older than a change is never served after
  that change commits.
* Counters (reactions, comment counts, scores) and login times bump nothing: those numbers may lag
  by up to PAGE_CACHE_SECONDS for anonymous visitors. Signed-in people never get cached pages.

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
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import cast, overload

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import Resolver404, ResolverMatch, resolve

CACHE_ALIAS = "pages"
CACHE_HEADER = "X-Page-Cache"
VERSION_TABLE = "core_scopeversion"  # written out in the SQL below
# Topics, places, and the epoch: install_triggers sets it afresh whenever the row is missing (a
# new database, a flush), so no page stored before can match again.
SITE = "site"
# Names, profiles and badges: bylines are on nearly every page.
PEOPLE = "list:people"
EVERY_PAGE = (SITE, PEOPLE)
LIST_PREFIX = "list:"
STRIPES = 8
TRIGGER_PREFIX = "gs_pv_"
# The triggers of the single content-version row this module used before scopes: dropped with ours.
_LEGACY_TRIGGER_PREFIX = "gs_cv_"
_MARK = "_gs_cache_for_anonymous"
_EVERY_LIST: tuple[str, ...] = ()  # what a view that declares no scopes gets: every list
_VERSIONS_ATTR = "_gs_scope_versions"
_NONCE_SLOT_TEXT = "\x00gs-nonce\x00"
_NONCE_SLOT = _NONCE_SLOT_TEXT.encode()
_NONCE_IN_CSP = re.compile(r"'nonce-([A-Za-z0-9_\-+/=]+)'")
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_TEMPLATE = re.compile(r"([a-z][a-z0-9_\-]*:)\{([a-z][a-z0-9_]*)\}")
# Every name in the SQL below is a constant or a registration checked by watch(); values are
# parameters.
_UPSERT = (
    "INSERT INTO core_scopeversion (scope, value) SELECT DISTINCT k, 1 FROM ({keys}) AS gs_keys "
    "WHERE k IS NOT NULL ORDER BY k "
    "ON CONFLICT (scope) DO UPDATE SET value = core_scopeversion.value + 1"
)


# --- What bumps which scope: registrations from the domain apps ------------------------------


@dataclass(frozen=True, slots=True)
class Watch:
    """A table whose rows bump scopes. `scopes` are `prefix:{column}` (e.g. `story:{story_id}`),
    a `list:` scope (striped by the row's id) or a plain key; `columns` are those whose UPDATE
    counts (None: any column; INSERT and DELETE always count); `fan_out` are SELECTs of further
    keys with `{row}` for the changed row (e.g. the pages that list this story as related);
    `insert_when` is a condition on `{row}` for an INSERT to count (None: always; "FALSE": never,
    for rows no page shows until they change, like a new account). Only for rows whose arrival
    can hide nothing: skipping it can only make something new appear late (PAGE_CACHE_SECONDS at
    most), never keep something removed. Deletes always count."""

    table: str
    scopes: tuple[str, ...]
    columns: tuple[str, ...] | None
    fan_out: tuple[str, ...]
    insert_when: str | None = None


_WATCHES: dict[str, Watch] = {}
_LISTS: set[str] = {PEOPLE}


def is_list(scope: str) -> bool:
    return scope.startswith(LIST_PREFIX)


def watch(
    model: type[models.Model] | str,
    *,
    scopes: Iterable[str],
    columns: Iterable[str] | None = None,
    fan_out: Iterable[str] = (),
    insert_when: str | None = None,
) -> None:
    """Bump `scopes` whenever a row of `model`'s table is inserted (where `insert_when` holds),
    deleted, or changed in one of `columns`, by a trigger in the writing transaction. Call from the
    owning app's ready(); see `Watch` for the arguments."""
    table = model if isinstance(model, str) else model._meta.db_table
    scopes = tuple(scopes)
    for name in (table, *(columns or ())):
        if not _NAME.fullmatch(name):
            raise ValueError(f"not a plain table or column name: {name!r}")
    for scope in scopes:
        if not (_TEMPLATE.fullmatch(scope) or re.fullmatch(r"[a-z][a-z0-9_:\-]*", scope)):
            raise ValueError(f"not a scope template: {scope!r}")
    _WATCHES[table] = Watch(
        table=table,
        scopes=scopes,
        columns=None if columns is None else tuple(columns),
        fan_out=tuple(fan_out),
        insert_when=insert_when,
    )
    _LISTS.update(scope for scope in scopes if is_list(scope))


def register_list(scope: str) -> None:
    """Make a `list:` scope that services bump (`bump()`) part of what an undeclared view
    depends on."""
    if not is_list(scope):
        raise ValueError(f"list scopes start with {LIST_PREFIX!r}: {scope!r}")
    _LISTS.add(scope)


def watched() -> dict[str, Watch]:
    return dict(_WATCHES)


def _stripe(scope: str, number: int) -> str:
    return f"{scope}#{number}"


def _keys_of(scope: str) -> tuple[str, ...]:
    return tuple(_stripe(scope, n) for n in range(STRIPES)) if is_list(scope) else (scope,)


def bump(*scopes: str, using: str = DEFAULT_DB_ALIAS) -> None:
    """End the stored pages that depend on `scopes`, as part of the caller's transaction (call it
    inside the service's `transaction.atomic`, so the bump commits with the change). For writes
    to tables that carry no trigger; a `list:` scope bumps one stripe at random."""
    keys = sorted({_stripe(s, secrets.randbelow(STRIPES)) if is_list(s) else s for s in scopes})
    if not keys or connections[using].vendor not in ("sqlite", "postgresql"):
        return
    sql = _UPSERT.format(keys=" UNION ALL ".join(["SELECT CAST(%s AS TEXT) AS k"] * len(keys)))
    with connections[using].cursor() as cursor:
        cursor.execute(sql, keys)


# --- Triggers ---------------------------------------------------------------------------------


def _key_sql(scope: str, row: str) -> str:
    template = _TEMPLATE.fullmatch(scope)
    if template:
        return f"'{template.group(1)}' || {row}.{template.group(2)}"
    if is_list(scope):
        return f"'{scope}#' || ({row}.id % {STRIPES})"
    return f"'{scope}'"


def _bump_sql(entry: Watch, rows: tuple[str, ...]) -> str:
    parts = [f"SELECT {_key_sql(scope, row)} AS k" for row in rows for scope in entry.scopes]
    parts += [query.format(row=row) for row in rows for query in entry.fan_out]
    return _UPSERT.format(keys=" UNION ALL ".join(parts))


def _changed_sql(vendor: str, columns: tuple[str, ...] | None) -> str:
    if columns is None:
        return "" if vendor == "sqlite" else "OLD.* IS DISTINCT FROM NEW.*"
    compare = "IS NOT" if vendor == "sqlite" else "IS DISTINCT FROM"
    return " OR ".join(f"OLD.{column} {compare} NEW.{column}" for column in columns)


def _trigger_sql(vendor: str, entry: Watch) -> list[str]:
    table = entry.table
    update = "UPDATE" if entry.columns is None else "UPDATE OF " + ", ".join(entry.columns)
    changed = _changed_sql(vendor, entry.columns)
    events = {
        "ins": ("INSERT", ("NEW",), (entry.insert_when or "").format(row="NEW")),
        "upd": (update, ("OLD", "NEW"), changed),
        "del": ("DELETE", ("OLD",), ""),
    }
    statements = []
    for suffix, (event, rows, condition) in events.items():
        name = f"{TRIGGER_PREFIX}{table}_{suffix}"
        body = _bump_sql(entry, rows)
        if vendor == "sqlite":
            when = f" WHEN {condition}" if condition else ""
            statements += [
                f"DROP TRIGGER IF EXISTS {name}",
                f"CREATE TRIGGER {name} AFTER {event} ON {table}{when} BEGIN {body}; END",
            ]
        else:
            when = f" WHEN ({condition})" if condition else ""
            statements += [
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql "
                f"AS $$ BEGIN {body}; RETURN NULL; END $$",
                f"DROP TRIGGER IF EXISTS {name} ON {table}",
                f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW{when} "
                f"EXECUTE FUNCTION {name}()",
            ]
    if vendor == "postgresql":
        # TRUNCATE has no rows to name: it ends every page.
        name = f"{TRIGGER_PREFIX}{table}_trunc"
        statements += [
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"CREATE TRIGGER {name} AFTER TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER_PREFIX}truncate()",
        ]
    return statements


def _existing_triggers(connection: BaseDatabaseWrapper) -> list[tuple[str, str]]:
    prefixes = (TRIGGER_PREFIX, _LEGACY_TRIGGER_PREFIX)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute(
                "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE NOT t.tgisinternal"
            )
        return [
            (str(name), str(table))
            for name, table in cursor.fetchall()
            if str(name).startswith(prefixes)
        ]


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
        if connection.vendor == "postgresql":
            cursor.execute("DROP FUNCTION IF EXISTS gs_bump_content_version()")


def install_triggers(using: str = DEFAULT_DB_ALIAS, **kwargs: object) -> None:
    """(Re)create the triggers and the `site` row. Runs after every migrate (post_migrate) and
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
            "CREATE OR REPLACE FUNCTION gs_pv_truncate() RETURNS trigger LANGUAGE plpgsql "
            "AS $$ BEGIN UPDATE core_scopeversion SET value = value + 1 WHERE scope = 'site'; "
            "RETURN NULL; END $$"
        )
    for entry in _WATCHES.values():
        if entry.table in tables:
            statements += _trigger_sql(connection.vendor, entry)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
        cursor.execute(
            "INSERT INTO core_scopeversion (scope, value) VALUES (%s, %s) "
            "ON CONFLICT (scope) DO NOTHING",
            # A new epoch (microseconds) each time the row is made: pages stored against an
            # earlier database never match.
            [SITE, time.time_ns() // 1000],
        )


# --- Reading versions -------------------------------------------------------------------------


def read_versions(
    scopes: Iterable[str], connection: BaseDatabaseWrapper | None = None
) -> dict[str, int] | None:
    """The current version of each scope (and of `site`) in one query, or None when the `site`
    row is missing (cache off). A list's version is the sum of its stripes."""
    connection = connection or connections[DEFAULT_DB_ALIAS]
    wanted = sorted({*scopes, SITE})
    keys = [key for scope in wanted for key in _keys_of(scope)]
    marks = ", ".join(["%s"] * len(keys))
    with connection.cursor() as cursor:
        sql = f"SELECT scope, value FROM {VERSION_TABLE} WHERE scope IN ({marks})"  # noqa: S608
        cursor.execute(sql, keys)
        rows = {str(scope): int(value) for scope, value in cursor.fetchall()}
    if SITE not in rows:
        return None
    return {scope: sum(rows.get(key, 0) for key in _keys_of(scope)) for scope in wanted}


def _token(versions: Mapping[str, int]) -> int:
    digest = hashlib.sha256(repr(sorted(versions.items())).encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def every_scope() -> tuple[str, ...]:
    """What a view that declares nothing depends on: every list, and what every page does."""
    return tuple(sorted({*_LISTS, *EVERY_PAGE}))


def content_version(connection: BaseDatabaseWrapper | None = None) -> int | None:
    """One number for everything visitors can see (every scope a list depends on): it changes
    whenever a listed thing changes. None when the cache is off. For caches of whole-site data
    kept outside a request (search's filter lists); pages use their own scopes."""
    versions = read_versions(every_scope(), connection)
    return None if versions is None else _token(versions)


def _match(request: HttpRequest) -> ResolverMatch | None:
    try:
        return resolve(request.path_info, urlconf=getattr(request, "urlconf", None))
    except Resolver404:
        return None


def _declared(match: ResolverMatch | None) -> tuple[str, ...] | None:
    """The scopes of the resolved view, None when it is not marked `@cache_for_anonymous`."""
    templates = getattr(match.func, _MARK, None) if match is not None else None
    if templates is None or match is None:
        return None
    if templates == _EVERY_LIST:
        return every_scope()
    return tuple(sorted({*(t.format(**match.kwargs) for t in templates), *EVERY_PAGE}))


def request_content_version(request: HttpRequest) -> int | None:
    """One number for the versions this request's page is rendered at (those the middleware read
    before the view ran, so a page and what it was built from agree; else read now): for caches
    kept per page, like the members' shared story page and search's candidates."""
    if not hasattr(request, _VERSIONS_ATTR):
        scopes = _declared(_match(request)) or every_scope()
        setattr(request, _VERSIONS_ATTR, read_versions(scopes))
    versions = cast(dict[str, int] | None, getattr(request, _VERSIONS_ATTR))
    return None if versions is None else _token(versions)


def depends_on(request: HttpRequest, *scopes: str) -> None:
    """Add scopes this page turned out to show (e.g. found while rendering). Call it *before*
    reading the data they cover: their versions are read now and stored with the page."""
    versions = cast(dict[str, int] | None, getattr(request, _VERSIONS_ATTR, None))
    missing = [scope for scope in scopes if versions is not None and scope not in versions]
    if versions is None or not missing:
        return
    read = read_versions(missing)
    if read is None:
        setattr(request, _VERSIONS_ATTR, None)
        return
    versions.update(read)


# --- The middleware ---------------------------------------------------------------------------


@overload
def cache_for_anonymous[V: Callable[..., HttpResponseBase]](
    view: V, *, scopes: Iterable[str] | None = None
) -> V: ...
@overload
def cache_for_anonymous[V: Callable[..., HttpResponseBase]](
    view: None = None, *, scopes: Iterable[str] | None = None
) -> Callable[[V], V]: ...
def cache_for_anonymous[V: Callable[..., HttpResponseBase]](
    view: V | None = None, *, scopes: Iterable[str] | None = None
) -> V | Callable[[V], V]:
    """Let AnonymousPageCacheMiddleware store this view's pages for anonymous visitors.

    `scopes` are what the page shows, formatted with the URL's arguments, e.g.
    `@cache_for_anonymous(scopes=("story:{pk}",))` or `scopes=("list:stories",)`; `site` and
    `list:people` are always added. Without scopes the page depends on every list."""
    templates = _EVERY_LIST if scopes is None else tuple(scopes)
    if scopes is not None and not templates:
        raise ValueError("name at least one scope, or leave scopes out to depend on every list")

    def mark(function: V) -> V:
        setattr(function, _MARK, templates)
        return function

    return mark if view is None else mark(view)


@dataclass(frozen=True, slots=True)
class StoredPage:
    scopes: tuple[str, ...]
    versions: tuple[int, ...]
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


def _store(response: HttpResponse, versions: Mapping[str, int]) -> StoredPage:
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
    scopes = tuple(sorted(versions))
    return StoredPage(
        scopes=scopes,
        versions=tuple(versions[scope] for scope in scopes),
        headers=tuple(headers),
        body=body,
    )


def _is_current(page: StoredPage, declared: tuple[str, ...], current: Mapping[str, int]) -> bool:
    if not set(declared) <= set(page.scopes):
        return False
    return all(current.get(s) == v for s, v in zip(page.scopes, page.versions, strict=True))


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
        if not _is_eligible(request):
            return self.get_response(request)
        declared = _declared(_match(request))
        if declared is None:
            return self.get_response(request)
        cache = caches[CACHE_ALIAS]
        key = _key(request)
        page = cache.get(key)
        if not isinstance(page, StoredPage):
            page = None
        # One query: the view's scopes and any the stored page added while it was rendered.
        current = read_versions({*declared, *(page.scopes if page else ())})
        if current is None:
            setattr(request, _VERSIONS_ATTR, None)
            return self.get_response(request)
        if page is not None and _is_current(page, declared, current):
            return _replay(page)
        setattr(request, _VERSIONS_ATTR, {scope: current[scope] for scope in declared})
        response = self.get_response(request)
        versions = getattr(request, _VERSIONS_ATTR, None)
        if versions is not None and _can_store(request, response):
            cache.set(
                key,
                _store(cast(HttpResponse, response), versions),
                timeout=settings.PAGE_CACHE_SECONDS,
            )
            response[CACHE_HEADER] = "miss"
        return response
