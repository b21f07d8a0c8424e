"""Kept only for endpoints/search.py, which still imports these two names from here: the story
and comment routes moved to the stories app's api.py. Delete this module once
search.py imports find_topic and find_place from endpoints/common.py."""

from __future__ import annotations

from groundswell.api.endpoints.common import find_place as _place
from groundswell.api.endpoints.common import find_topic as _topic

__all__ = ["_place", "_topic"]
