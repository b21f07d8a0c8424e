"""Extension points for other apps (moderation, safeguarding, trust, notifications).

Receivers connect in their AppConfig.ready() with a dispatch_uid. Signals are sent after the
transaction commits, so receivers see the saved rows and can't roll back the member's post.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.dispatch import Signal

from groundswell.moderation import signals as moderation_signals

# sender=Story, story=Story, actor=User
story_published = Signal()
# sender=Story, story=Story, actor=User, changed=frozenset of "title", "body", "place", "topics",
# "image": the author changed what readers of a published story see (sent after commit). Not sent
# while the story is held for review: approving it announces it with story_published.
story_edited = Signal()
# sender=Comment, comment=Comment, actor=User
comment_posted = Signal()
# sender=Report, report=Report: a member reported a story, comment or profile (sent after commit).
# Moderation owns reports of every kind and sends it; named here too for this app's listeners.
report_filed = moderation_signals.report_filed

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


# Gates that may hold a story for review before readers see it (e.g. pre-moderation of new
# members). Each is called as gate(story=..., actor=...) inside the writing transaction, with the
# story's place and topics saved: when it is published (story_publish), and when the author changes
# the words, place, topics or image of a published story (story_edit), so an edit can't carry a
# story somewhere publishing it would have been held. A gate that holds the story hides it itself
# and returns True. A held story is not announced (story_published, story_edited) until a
# moderator approves it.
PublishGate = Callable[..., bool]
_publish_gates: dict[str, PublishGate] = {}


def register_publish_gate(name: str, gate: PublishGate) -> None:
    _publish_gates[name] = gate


def run_publish_gates(*, story: Any, actor: Any) -> bool:
    """True if a gate held the story for review."""
    return any(gate(story=story, actor=actor) for gate in list(_publish_gates.values()))
