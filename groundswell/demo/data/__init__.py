"""Demo community content, written for Groundswell. Every person and story here is invented."""

from __future__ import annotations

from groundswell.demo.data import (
    stories_care,
    stories_conditions,
    stories_family_access,
    stories_food_activity,
    stories_mind,
)
from groundswell.demo.data.members import MEMBERS, STAFF
from groundswell.demo.data.schema import DemoItem
from groundswell.demo.data.topics import TOPICS

# One list per theme; the loader interleaves them so every theme runs through the whole timeline.
ITEM_GROUPS: list[list[DemoItem]] = [
    stories_mind.ITEMS,
    stories_care.ITEMS,
    stories_conditions.ITEMS,
    stories_food_activity.ITEMS,
    stories_family_access.ITEMS,
]

__all__ = ["ITEM_GROUPS", "MEMBERS", "STAFF", "TOPICS"]
