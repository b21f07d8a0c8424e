"""Extension points for other apps (moderation, safeguarding, trust, notifications).

Receivers connect in their AppConfig.ready() with a dispatch_uid. Signals are sent after the
transaction commits, so receivers see the saved rows and can't roll back the member's post.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.dispatch import Signal

# sender=Story, story=Story, actor=User
story_published = Signal()
# sender=Comment, comment=Comment, actor=User
comment_posted = Signal()

# Checks that may refuse a post before it is saved (e.g. trust-level limits). Each is called as
# check(user=..., action="story"|"comment", text=..., has_image=...) and raises
# django.core.exceptions.ValidationError with a message the member can act on.
PostCheck = Callable[..., None]
_post_checks: dict[str, PostCheck] = {}


def register_post_check(name: str, check: PostCheck) -> None:
    _post_checks[name] = check


def run_post_checks(*, user: Any, action: str, text: str, has_image: bool = False) -> None:
    for check in list(_post_checks.values()):
        check(user=user, action=action, text=text, has_image=has_image)
