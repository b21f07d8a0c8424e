from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from groundswell.stories import cards

register = template.Library()


@register.simple_tag
def story_card(story: Any) -> SafeString:
    """{% story_card story %}: stories/_card.html for a story read by selectors.with_card_data,
    reused from this process's store while nothing it shows has changed (stories/cards.py)."""
    return cards.story_card(story)
