"""What authors (and moderators) are told about moderation on a story or comment page."""

from __future__ import annotations

from typing import Any

from django import template

from groundswell.core.staff import has_staff_powers
from groundswell.moderation import permissions, selectors
from groundswell.stories.models import Comment, Story

register = template.Library()


@register.inclusion_tag("moderation/_notice.html", takes_context=True)
def moderation_notice(context: dict[str, Any], item: Story | Comment) -> dict[str, Any]:
    """A notice for the author (the reason, the appeal and its outcome) or for moderators.

    Costs a query or two only when the item has ever been hidden or held, and only for its
    author or a moderator; everyone else sees nothing here.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or item.hidden_at is None:
        return {"show": False}
    is_author = item.author_id == user.pk
    # Only a moderator with staff powers (an MFA-verified session) can see hidden items at all.
    is_moderator = has_staff_powers(user)
    if not (is_author or (is_moderator and item.is_hidden)):
        return {"show": False}
    decision = selectors.latest_decision(item)
    appeal = selectors.latest_appeal(item) if is_author else None
    appeal_for_this_hiding = appeal is not None and appeal.hidden_at == item.hidden_at
    is_story = isinstance(item, Story)
    return {
        "show": True,
        "item": item,
        "is_story": is_story,
        "is_author": is_author,
        "is_moderator": is_moderator,
        "decision": decision,
        "appeal": appeal,
        "can_appeal": is_author
        and permissions.can_appeal(user, item)
        and not appeal_for_this_hiding,
        "appeal_url_name": "moderation:appeal_story" if is_story else "moderation:appeal_comment",
        "review_url_name": "moderation:story" if is_story else "moderation:comment",
    }


@register.simple_tag
def story_will_be_held(story: Story, user: Any) -> bool:
    """For the publish page: will this author's story wait for a moderator (pre-moderation)?"""
    from groundswell.moderation.services import story_would_be_held

    return bool(user.is_authenticated and story_would_be_held(story=story, author=user))
