from __future__ import annotations

import pytest


@pytest.fixture
def trust_limits(settings):
    """Turn trust-level limits on (groundswell/conftest.py turns them off for other apps' tests)."""
    settings.TRUST_LIMITS_ENABLED = True
    return settings
