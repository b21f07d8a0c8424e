"""Helpers for the notifications tests: a test type, and a story with a comment to point at."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from groundswell.notifications import registry
from groundswell.notifications.models import EmailDelivery

TEST_TYPE = "test_ping"


@pytest.fixture
def ping_type() -> Iterator[str]:
    """A type of our own, emailed daily by default."""
    registry.register_type(
        TEST_TYPE,
        label="Pings",
        description="Test pings.",
        default_delivery=EmailDelivery.DAILY,
        summary="{actor} pinged you",
    )
    yield TEST_TYPE
    registry.unregister_type(TEST_TYPE)
