"""Signal receivers, connected in SafeguardingConfig.ready()."""

from __future__ import annotations

import logging
from typing import Any

from groundswell.safeguarding.checks import find_crisis_language
from groundswell.safeguarding.services import alert_raise, story_text

logger = logging.getLogger(__name__)


def alert_on_story(sender: Any, story: Any, **kwargs: Any) -> None:
    try:
        alert_raise(content=story, text=story_text(story))
    except Exception:  # never turn the author's publish into an error page; but make noise
        logger.exception("Could not raise a safeguarding alert for story %s", story.pk)


def _crisis_terms(text: str) -> set[tuple[str, str]]:
    return {(f.kind, f.text.casefold()) for f in find_crisis_language(text) if not f.negated}


def alert_on_story_edit(sender: Any, story: Any, changed: frozenset[str], **kwargs: Any) -> None:
    """Words an edit adds to a published story are checked as the first ones were. Words that were
    there before (alerted then, or found to need nothing) don't alert again on every correction."""
    if not changed & {"title", "body"}:
        return
    try:
        previous = story.revisions.order_by("-created_at", "-id").first()
        before = _crisis_terms(f"{previous.title}\n\n{previous.body}") if previous else set()
        if _crisis_terms(story_text(story)) - before:
            alert_raise(content=story, text=story_text(story))
    except Exception:  # never turn the author's edit into an error page; but make noise
        logger.exception("Could not raise a safeguarding alert for edited story %s", story.pk)


def alert_on_comment(sender: Any, comment: Any, **kwargs: Any) -> None:
    try:
        alert_raise(content=comment, text=comment.body)
    except Exception:
        logger.exception("Could not raise a safeguarding alert for comment %s", comment.pk)


def connect() -> None:
    from groundswell.stories import signals

    signals.story_published.connect(alert_on_story, dispatch_uid="safeguarding_alert_story")
    signals.story_edited.connect(alert_on_story_edit, dispatch_uid="safeguarding_alert_story_edit")
    signals.comment_posted.connect(alert_on_comment, dispatch_uid="safeguarding_alert_comment")
