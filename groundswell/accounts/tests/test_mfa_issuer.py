"""Authenticator apps list a new account under the site's current name."""

from __future__ import annotations

import pytest
from allauth.mfa.adapter import get_adapter

from groundswell.accounts.models import SiteRole
from groundswell.core.testing.factories import UserFactory
from groundswell.sitepages.services import site_identity_save

pytestmark = pytest.mark.django_db


def test_the_authenticator_app_shows_the_name_the_administrators_chose() -> None:
    admin = UserFactory(site_role=SiteRole.ADMIN)
    site_identity_save(
        name="Riverside Health Voices",
        tagline="",
        brand="#0b6e4f",
        brand_dark="#07513a",
        actor=admin,
    )
    assert get_adapter().get_totp_issuer() == "Riverside Health Voices"
