"""What can be followed. Each kind registers once, from its own app's AppConfig.ready() (or,
for the kinds this app knows, from follows.receivers):

    from groundswell.follows.registry import register_followable

    register_followable(
        "organisation",
        Organisation,
        label="organisation",
        lookup_field="slug",
        feed_filter=lambda ids: Q(organisation_id__in=ids),  # a Q on stories.Story
        get_for_user=get_organisation_for_user,  # (viewer, lookup) -> object, 404 if not theirs to see
    )

The follows app never imports the kinds: pages, the API, the Following feed, exports and
erasure read this registry. Rows pointing at a deleted thing are removed (post_delete).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete
from django.http import Http404
from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Followable:
    key: str
    model: type[models.Model]
    # What one of them is called in a sentence ("You can't follow this topic."): gettext_lazy.
    label: StrOrPromise
    lookup_field: str
    # Stories from the followed things with these ids, as a Q on stories.Story, or None when
    # the kind brings nothing to the Following feed.
    feed_filter: Callable[[list[int]], Q] | None
    get_for_user: Callable[[Any, str], models.Model]
    # Whether `viewer` may start following `target` (block and privacy rules); None: any member.
    can_follow: Callable[[Any, Any], bool] | None
    name: Callable[[Any], str]
    url: Callable[[Any], str]

    def lookup_of(self, target: Any) -> str:
        return str(getattr(target, self.lookup_field))


_registry: dict[str, Followable] = {}


def _default_get(model: type[models.Model], field: str) -> Callable[[Any, str], models.Model]:
    def get(viewer: Any, lookup: str) -> models.Model:
        found = model._default_manager.filter(**{field: lookup}).first()
        if found is None:
            raise Http404("Nothing to follow here")
        return found

    return get


def register_followable(
    key: str,
    model: type[models.Model],
    *,
    label: StrOrPromise,
    lookup_field: str = "slug",
    feed_filter: Callable[[list[int]], Q] | None = None,
    get_for_user: Callable[[Any, str], models.Model] | None = None,
    can_follow: Callable[[Any, Any], bool] | None = None,
    name: Callable[[Any], str] = str,
    url: Callable[[Any], str] | None = None,
) -> Followable:
    """Make `model` followable under `key` (at most 20 characters, used in URLs and the API).

    `get_for_user(viewer, lookup)` returns the thing or raises Http404 when the viewer may not
    know it exists (default: look it up by `lookup_field`). `url(obj)` defaults to
    obj.get_absolute_url()."""
    if len(key) > 20 or not key.isidentifier():
        raise ValueError(f"A followable key must be a short identifier, not {key!r}")
    entry = Followable(
        key=key,
        model=model,
        label=label,
        lookup_field=lookup_field,
        feed_filter=feed_filter,
        get_for_user=get_for_user or _default_get(model, lookup_field),
        can_follow=can_follow,
        name=name,
        url=url or (lambda obj: obj.get_absolute_url()),
    )
    _registry[key] = entry
    post_delete.connect(
        _remove_follows_of(key), sender=model, weak=False, dispatch_uid=f"follows_cleanup_{key}"
    )
    return entry


def _remove_follows_of(key: str) -> Callable[..., None]:
    def receiver(sender: Any, instance: Any, **kwargs: Any) -> None:
        from groundswell.follows.models import Follow

        Follow.objects.filter(target_kind=key, target_id=instance.pk).delete()

    return receiver


def get(key: str) -> Followable:
    """The registered kind, or Http404 (a key in a URL is user input)."""
    try:
        return _registry[key]
    except KeyError:
        raise Http404("Nothing to follow here") from None


def kinds() -> dict[str, Followable]:
    return dict(_registry)


def key_for(model: type[models.Model]) -> str | None:
    for entry in _registry.values():
        if entry.model is model:
            return entry.key
    return None
