from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import mark_safe

from groundswell.content import registry
from groundswell.safeguarding import conf
from groundswell.safeguarding.services import review_text, text_of

register = template.Library()


@register.inclusion_tag("safeguarding/_publish_review.html")
def safeguarding_review(content: Any, edit_url: str = "") -> dict[str, Any]:
    """Support and privacy prompts for the page where someone confirms publishing `content` (any
    registered kind; `edit_url`: where they change the words). No queries."""
    review = review_text(text_of(content))
    return {
        "what": registry.kind_of(content).label,
        "edit_url": edit_url,
        "review": review,
        # Passages are escaped by checks.highlight before the <mark>s are added.
        "personal_passages": [mark_safe(p.html) for p in review.personal_passages],  # noqa: S308
        "helplines": conf.helplines() if review.shows_support else [],
    }


@register.inclusion_tag("safeguarding/_support.html")
def safeguarding_support(text: str, what: str = "comment", private: bool = False) -> dict[str, Any]:
    """Help lines for someone whose comment or message (already sent) used crisis language:
    the same words and services the story publish page shows. Empty when none is needed."""
    review = review_text(text)
    return {
        "review": review,
        "helplines": conf.helplines() if review.shows_support else [],
        "sent": True,
        "what": what,
        "private": private,
    }


@register.filter
def passage_html(passage: Any) -> str:
    """A Passage's highlighted HTML, already escaped by checks.highlight."""
    return mark_safe(passage.html)  # noqa: S308
