"""The api app's shared output pieces: people, topics and places. Each app turns its own content
into API output in its own api.py, registered with api/routers.py.

Every field is listed here on purpose: a new model field never reaches the API by accident.
`person` is only ever given for someone shown under their own name.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from groundswell.accounts.models import User
from groundswell.places.models import Place
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
