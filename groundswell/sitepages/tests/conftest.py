from __future__ import annotations

import copy

import pytest

from groundswell.sitepages import services
from groundswell.sitepages.models import SitePageRevision

PROCESSOR = "groundswell.sitepages.context_processors.site"


@pytest.fixture
def site_context(settings):
    """Pages rendered with this app's context processor, as config/settings.py will have it
    (after core's, so its SITE_NAME wins)."""
    templates = copy.deepcopy(settings.TEMPLATES)
    processors = templates[0]["OPTIONS"]["context_processors"]
    if PROCESSOR not in processors:
        processors.append(PROCESSOR)
    settings.TEMPLATES = templates


@pytest.fixture
def written(admin_user) -> SitePageRevision:
    """The guidelines, written once by the administrator."""
    revision = services.site_page_save(
        page_slug="guidelines",
        title="Community guidelines",
        body="## 1. Be kind\n\nEveryone here is dealing with something.",
        note="First version",
        actor=admin_user,
    )
    assert revision is not None
    return revision
