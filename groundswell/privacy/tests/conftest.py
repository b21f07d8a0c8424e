from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _private_exports_and_clean_cache(settings, tmp_path):
    """Exports in a temporary private folder; rate-limit counters start at zero."""
    settings.PRIVACY_EXPORT_ROOT = tmp_path / "exports"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def as_persona(client_for, owner, member, moderator, organiser, admin_user):
    people = {
        "anonymous": None,
        "member": member,
        "author": owner,
        "moderator": moderator,
        "organiser": organiser,
        "admin": admin_user,
    }
    return lambda name: client_for(people[name])
