"""Each app owns its API routes and schemas; the api app mounts them and keeps tokens, auth,
rate limits and errors (api/auth.py, api/ratelimit.py, api/errors.py).

An app registers its django-ninja Router from its AppConfig.ready():

    from groundswell.api.routers import register_router
    register_router(router)          # router = ninja.Router(tags=[...]) in <app>/api.py

groundswell/api/api.py mounts every registered router when the URLs are first built, which is
after every app's ready() has run.
"""

from __future__ import annotations

from ninja import Router

_routers: list[Router] = []


def register_router(router: Router) -> None:
    if not any(each is router for each in _routers):
        _routers.append(router)


def registered_routers() -> list[Router]:
    return list(_routers)
