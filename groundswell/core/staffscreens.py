"""Staff screens other apps add to the moderators' navigation (Wagtail's admin menu hooks).

An app registers its screen from its AppConfig.ready()::

    from groundswell.core.staffscreens import register_staff_screen
    register_staff_screen("messages", "Reported messages", "messaging:reported", is_moderator)

A screen with work waiting can say how much (`count=`, one cheap query): the moderation pages
show it beside the link. Counts are read on staff pages only, never on every member's page.

The moderation pages list the screens the signed-in person may open; moderation never imports
the apps that own them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from groundswell.core.urls import fast_reverse


@dataclass(frozen=True)
class StaffScreen:
    key: str
    label: str | Promise  # gettext_lazy, so each page shows it in its own language
    url_name: str
    allowed: Callable[[Any], bool]
    count: Callable[[Any], int] | None = None

    def count_for(self, user: Any) -> int | None:
        """How many things wait on this screen for `user`, or None when it doesn't count."""
        return None if self.count is None else self.count(user)

    @property
    def url(self) -> str:
        return fast_reverse(self.url_name)


_screens: dict[str, StaffScreen] = {}


def register_staff_screen(
    key: str,
    label: str | Promise,
    url_name: str,
    allowed: Callable[[Any], bool],
    count: Callable[[Any], int] | None = None,
) -> None:
    """Add (or replace) a screen; `allowed(user)` says who sees the link, and the view itself
    still checks its own permission. `count(user)`, if given, says how many things wait there."""
    _screens[key] = StaffScreen(
        key=key, label=label, url_name=url_name, allowed=allowed, count=count
    )


def staff_screens_for(user: Any) -> list[StaffScreen]:
    return [screen for screen in _screens.values() if screen.allowed(user)]
