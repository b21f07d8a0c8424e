from __future__ import annotations

from typing import Any

from django import template

from groundswell.collaboration import permissions, selectors

register = template.Library()


@register.inclusion_tag("collaboration/_credits.html")
def resource_credits(story: Any) -> dict[str, Any]:
    """ "Made by ... with contributions from ..." for a published resource; nothing otherwise.
    The same for every reader who may see the story (the story page is shared between them)."""
    if not permissions.is_resource(story) or not story.is_published:
        return {"credits": None}
    return {"story": story, "credits": selectors.credits_for(story)}
