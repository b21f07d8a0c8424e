from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Search keeps candidates in the cache; ids repeat between tests that roll back."""
    cache.clear()
