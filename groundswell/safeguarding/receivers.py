"""Signal receivers, connected in SafeguardingConfig.ready()."""

from __future__ import annotations

import logging
from typing import Any

from groundswell.safeguarding.services import alert_raise, story_text

logger = logging.getLogger(__name__)


def alert_on_story(sender: Any, story: Any, **kwargs: Any) -> None:
    try:
        alert_raise(story=story, text=story_text(story))
    except Exception:  # never turn the author's publish into an error page; but make noise
        logger.exception("Could not raise a safeguarding alert for story %s", story.pk)


def alert_on_comment(sender: Any, comment: Any, **kwargs: Any) -> None:
    try:
        alert_raise(story=comment.story, comment=comment, text=comment.body)
    except Exception:
        logger.exception("Could not raise a safeguarding alert for comment %s", comment.pk)


def connect() -> None:
    from groundswell.stories import signals

    signals.story_published.connect(alert_on_story, dispatch_uid="safeguarding_alert_story")
    signals.comment_posted.connect(alert_on_comment, dispatch_uid="safeguarding_alert_comment")
