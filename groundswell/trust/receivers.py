"""Signal receivers, connected in TrustConfig.ready()."""

from __future__ import annotations

import logging
from typing import Any

from django.db.models.signals import pre_save

from groundswell.stories.models import ConsentAction, StoryConsent
from groundswell.trust import limits
from groundswell.trust.services import trust_recalculate

logger = logging.getLogger(__name__)


def recalculate_after_post(sender: Any, actor: Any = None, **kwargs: Any) -> None:
    """A new story or comment may lift its author to the next level. Runs after the post is
    committed; a failure here is logged and must never turn the member's post into an error."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return
    try:
        trust_recalculate(user=actor)
    except Exception:
        logger.exception("Could not recalculate the trust level of member %s", actor.pk)


def limit_stories_per_day(
    sender: Any, instance: StoryConsent, raw: bool = False, **kwargs: Any
) -> None:
    """Consent to publish is recorded by stories.services.story_publish just before the story goes
    live, in the same transaction: refusing here refuses the publish (web and API alike)."""
    if raw or instance.pk is not None or instance.action != ConsentAction.GIVEN:
        return
    limits.check_publish(user=instance.user, story=instance.story)


def connect() -> None:
    from groundswell.stories import signals

    signals.register_post_check("trust_limits", limits.check_post)
    signals.story_published.connect(recalculate_after_post, dispatch_uid="trust_recalculate_story")
    signals.comment_posted.connect(recalculate_after_post, dispatch_uid="trust_recalculate_comment")
    pre_save.connect(
        limit_stories_per_day, sender=StoryConsent, dispatch_uid="trust_stories_per_day"
    )
