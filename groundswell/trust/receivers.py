"""Signal receivers, connected in TrustConfig.ready()."""

from __future__ import annotations

import logging
from typing import Any

from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _

from groundswell.stories.models import ConsentAction, StoryConsent
from groundswell.trust import limits
from groundswell.trust.models import TrustProfile
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


def export_trust(user: Any) -> list[dict[str, Any]]:
    """The person's trust level and verification for "Download my data". Moderators' notes on how
    they checked stay out, as other moderator records do (answered through a subject access
    request, see docs/privacy.md)."""
    profile = TrustProfile.objects.filter(user=user).first()
    if profile is None:
        return []
    return [
        {
            "level": profile.level,
            "level_name": profile.get_level_display(),
            "level_set_by_a_moderator": profile.level_locked_by_moderator,
            "posts_counted": profile.posts_count,
            "reactions_received": profile.reactions_received,
            "last_worked_out": profile.recalculated_at,
            "verified_professional_as": profile.professional_title,
            "verified_on": profile.professional_verified_at,
        }
    ]


def connect() -> None:
    from groundswell.privacy.signals import register_export_section
    from groundswell.stories import signals

    signals.register_post_check("trust_limits", limits.check_post)
    register_export_section(
        "trust_level",
        export_trust,
        description=_(
            "Your trust level, the numbers it was worked out from, and any professional verification."
        ),
    )
    signals.story_published.connect(recalculate_after_post, dispatch_uid="trust_recalculate_story")
    signals.comment_posted.connect(recalculate_after_post, dispatch_uid="trust_recalculate_comment")
    pre_save.connect(
        limit_stories_per_day, sender=StoryConsent, dispatch_uid="trust_stories_per_day"
    )
