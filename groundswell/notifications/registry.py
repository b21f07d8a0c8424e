"""The kinds of notification, each declared once by the app that sends it, and the vetoes.

A domain app registers its types from its AppConfig.ready() and then calls
`notifications.services.notify(...)`::

    from groundswell.notifications import registry
    from groundswell.notifications.models import EmailDelivery

    registry.register_type(
        "story_reply",
        label=_("Replies to your stories"),
        description=_("Someone comments on a story, idea or resource you shared."),
        default_delivery=EmailDelivery.DAILY,
        summary=_("{actor} replied to your story"),
    )

Pass the words as `gettext_lazy` (`_`): they are registered once, at start-up, and read in
each reader's language. `summary` is what the inbox and emails say; `{actor}` is filled with
the name the producer passed (always the name the content is shown under, never a hidden one).
The target's title is added at render time, and only while the reader may still see it.

`register_suppressor(fn)` lets another app veto a notification: `fn(recipient=, actor=,
type_key=)` returns True to drop it (the follows app uses it for blocks). The notifications app
never imports the apps that register here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class NotificationType:
    key: str
    # In the settings page: "Replies to your stories".
    label: StrOrPromise
    # One sentence under the label: when it is sent.
    description: StrOrPromise
    # Email by default: "immediate", "daily", "weekly" or "never" (models.EmailDelivery).
    default_delivery: str
    # The inbox line, with {actor}: "{actor} replied to your story".
    summary: StrOrPromise
    # Shown in the site's inbox by default.
    default_in_site: bool = True


Suppressor = Callable[..., bool]

_types: dict[str, NotificationType] = {}
_suppressors: dict[str, Suppressor] = {}


class UnknownType(LookupError):
    pass


def register_type(
    key: str,
    label: StrOrPromise,
    description: StrOrPromise,
    default_delivery: str,
    *,
    summary: StrOrPromise,
    default_in_site: bool = True,
) -> NotificationType:
    """Declare a type of notification (from the sending app's AppConfig.ready())."""
    from groundswell.notifications.models import EmailDelivery

    if default_delivery not in EmailDelivery.values:
        raise ValueError(f"default_delivery must be one of {EmailDelivery.values}")
    if len(key) > 40:
        raise ValueError("A notification type's key has at most 40 characters.")
    ntype = NotificationType(
        key=key,
        label=label,
        description=description,
        default_delivery=default_delivery,
        summary=summary,
        default_in_site=default_in_site,
    )
    _types[key] = ntype
    return ntype


def unregister_type(key: str) -> None:
    """For tests that register a type of their own."""
    _types.pop(key, None)


def get_type(key: str) -> NotificationType:
    try:
        return _types[key]
    except KeyError:
        raise UnknownType(key) from None


def find_type(key: str) -> NotificationType | None:
    return _types.get(key)


def types() -> list[NotificationType]:
    return list(_types.values())


def register_suppressor(fn: Suppressor, *, name: str | None = None) -> None:
    """Add a veto: fn(recipient=User, actor=User | None, type_key=str) -> True drops the
    notification (a block between the two people, say)."""
    _suppressors[name or f"{fn.__module__}.{fn.__qualname__}"] = fn


def unregister_suppressor(name: str) -> None:
    _suppressors.pop(name, None)


def is_suppressed(*, recipient: Any, actor: Any, type_key: str) -> bool:
    return any(
        fn(recipient=recipient, actor=actor, type_key=type_key)
        for fn in list(_suppressors.values())
    )
