from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import mark_safe

from groundswell.content import registry
from groundswell.safeguarding.helplines import helplines_for
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
        # The national lines and those for the place the story is about.
        "helplines": helplines_for(getattr(content, "place_id", None))
        if review.shows_support
        else [],
    }


def _place_in(context: template.Context) -> int | None:
    """The place a comment's story is about, when the page already loaded it (no query)."""
    comment = context.get("comment")
    state = getattr(comment, "_state", None)
    story = state.fields_cache.get("story") if state is not None else None
    return getattr(story, "place_id", None)


@register.inclusion_tag("safeguarding/_support.html", takes_context=True)
def safeguarding_support(
    context: template.Context, text: str, what: str = "comment", private: bool = False
) -> dict[str, Any]:
    """Help lines for someone whose comment or message (already sent) used crisis language:
    the same words and services the story publish page shows. Empty when none is needed. After
    a comment, the lines for the place its story is about are added to the national ones."""
    review = review_text(text)
    return {
        "review": review,
        "helplines": helplines_for(None if private else _place_in(context))
        if review.shows_support
        else [],
        "sent": True,
        "what": what,
        "private": private,
    }


@register.filter
def passage_html(passage: Any) -> str:
    """A Passage's highlighted HTML, already escaped by checks.highlight."""
    return mark_safe(passage.html)  # noqa: S308
