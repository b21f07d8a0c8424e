"""What authors (and moderators) are told about moderation on a piece of content's page."""

from __future__ import annotations

from typing import Any

from django import template

from groundswell.content import registry
from groundswell.core.staff import has_staff_powers
from groundswell.moderation import links, permissions, selectors
from groundswell.moderation.models import HELD_CAUSES, HiddenCause

register = template.Library()


@register.inclusion_tag("moderation/_notice.html", takes_context=True)
def moderation_notice(context: dict[str, Any], item: Any) -> dict[str, Any]:
    """A notice for the author (the reason, the appeal and its outcome) or for moderators, about
    a piece of content of any moderated kind.

    Costs a query or two only when the item has ever been hidden or held, and only for its
    author or a moderator; everyone else sees nothing here.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or item.hidden_at is None:
        return {"show": False}
    # Only a moderator with staff powers (an MFA-verified session) can see hidden items at all.
    is_moderator = has_staff_powers(user)
    is_author = item.item.author_id == user.pk
    if not (is_author or (is_moderator and item.is_hidden)):
        return {"show": False}
    key = registry.kind_of(item).key
    decision = selectors.latest_decision(item)
    appeal = selectors.latest_appeal(item) if is_author else None
    appeal_for_this_hiding = appeal is not None and appeal.hidden_at == item.hidden_at
    can_appeal = is_author and permissions.can_appeal(user, item) and not appeal_for_this_hiding
    return {
        "show": True,
        "item": item,
        "is_author": is_author,
        "is_moderator": is_moderator,
        "held": item.is_hidden and item.hidden_cause in HELD_CAUSES,
        "cause_label": HiddenCause(item.hidden_cause).label if item.hidden_cause else "",
        "decision": decision,
        "appeal": appeal,
        "can_appeal": can_appeal,
        "appeal_url": links.appeal_url(key, item.pk) if can_appeal else "",
        "review_url": links.review_url(key, item.pk) if is_moderator else "",
    }


@register.simple_tag
def will_be_held(user: Any, place: Any, topic_ids: Any) -> bool:
    """For a publish page: will this author's post in this place and these topics wait for a
    moderator (pre-moderation)?"""
    from groundswell.moderation.services import would_be_held

    return bool(
        user.is_authenticated and would_be_held(author=user, place=place, topic_ids=topic_ids)
    )


@register.filter
def content_title(obj: Any) -> str:
    """Its title as every page but the author's own may show it (the kind's `shown_title`)."""
    return registry.kind_of(obj).shown_title(obj)


@register.filter
def content_byline(obj: Any) -> str:
    """The name it is shown under (the kind's `byline`)."""
    return registry.kind_of(obj).byline(obj)


@register.filter
def content_url(obj: Any) -> str:
    """Where it is read (the kind's `url`)."""
    return registry.kind_of(obj).url(obj)
