"""Staff screens other apps add to the moderators' navigation (Wagtail's admin menu hooks).

An app registers its screen from its AppConfig.ready()::

    from groundswell.core.staffscreens import register_staff_screen
    register_staff_screen("messages", "Reported messages", "messaging:reported", is_moderator)

The moderation pages list the screens the signed-in person may open; moderation never imports
the apps that own them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from groundswell.core.urls import fast_reverse


@dataclass(frozen=True)
class StaffScreen:
    key: str
    label: str
    url_name: str
    allowed: Callable[[Any], bool]

    @property
    def url(self) -> str:
        return fast_reverse(self.url_name)


_screens: dict[str, StaffScreen] = {}


def register_staff_screen(
    key: str, label: str, url_name: str, allowed: Callable[[Any], bool]
) -> None:
    """Add (or replace) a screen; `allowed(user)` says who sees the link, and the view itself
    still checks its own permission."""
    _screens[key] = StaffScreen(key=key, label=label, url_name=url_name, allowed=allowed)


def staff_screens_for(user: Any) -> list[StaffScreen]:
    return [screen for screen in _screens.values() if screen.allowed(user)]
