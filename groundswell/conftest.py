"""Personas shared by every test: owner (an author), member, moderator, organiser, admin, outsider."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import caches
from django.test import Client

from groundswell.accounts.models import SiteRole, User
from groundswell.accounts.testing import record_sign_in
from groundswell.core import sharedcache
from groundswell.core.sharedcache import SharedDatabaseCache
from groundswell.core.testing.factories import UserFactory
from groundswell.moderation.testing import give_totp, mark_session_mfa
from groundswell.sitepages import identity as sitepages_identity


@pytest.fixture
def owner(db: None) -> User:
    return UserFactory(username="owner", display_name="Olu Owner")


@pytest.fixture
def member(db: None) -> User:
    return UserFactory(username="member", display_name="Mina Member")


@pytest.fixture
def outsider(db: None) -> User:
    """A signed-in member with no relation to the content under test."""
    return UserFactory(username="outsider", display_name="Otto Outsider")


@pytest.fixture
def moderator(db: None) -> User:
    """Staff personas have an authenticator app, as StaffMFAMiddleware requires."""
    user = UserFactory.create(
        username="moderator", display_name="Mo Moderator", site_role=SiteRole.MODERATOR
    )
    give_totp(user)
    return user


@pytest.fixture
def organiser(db: None) -> User:
    return UserFactory(
        username="organiser", display_name="Ola Organiser", site_role=SiteRole.ORGANISER
    )


@pytest.fixture
def admin_user(db: None) -> User:
    user = UserFactory.create(
        username="admin",
        display_name="Ada Admin",
        site_role=SiteRole.ADMIN,
        is_staff=True,
        is_superuser=True,
    )
    give_totp(user)
    return user


@pytest.fixture
def client_for(db: None):
    """client_for(user) -> a Client logged in as that user (None -> anonymous).

    The session records a sign-in just now, as allauth's login does. Someone with an
    authenticator app signs in with it, as allauth requires, so their session has passed MFA;
    pass mfa=False for a session that only used a password.
    """

    def make(user: User | None, *, mfa: bool = True) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
            if mfa and Authenticator.objects.filter(user=user, type="totp").exists():
                mark_session_mfa(client, user)
            else:
                record_sign_in(client, user)
        return client

    return make


@pytest.fixture(autouse=True)
def _immediate_tasks_and_temp_media(settings, tmp_path):
    """Run background tasks inline, keep uploads out of var/, and hash test passwords quickly.

    Production hashing (Argon2) is checked in groundswell/core/tests/test_settings.py.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_cache_and_no_trust_limits(settings, monkeypatch):
    """Each test starts with empty caches, so rate-limit counts and stored pages don't leak between tests; and
    without trust-level limits, because personas are brand-new accounts that would otherwise be
    limited like any new member. Tests of the limits turn them on with the `trust_limits`
    fixture (groundswell/trust/tests/conftest.py).

    The shared cache's occasional purge of expired rows (one write in PURGE_ONE_IN) is off, so a
    query count never depends on a dice roll; core/tests/test_sharedcache.py turns it on to test it.
    """
    monkeypatch.setattr(sharedcache, "PURGE_ONE_IN", 10**12)
    for each in caches.all():
        # The shared cache is a table: each test's transaction (or flush) leaves it empty.
        if not isinstance(each, SharedDatabaseCache):
            each.clear()
    # The site's name and pages' titles as a fresh site has them, kept as every warm process
    # keeps them (sitepages/identity.py): a test's first page costs what any later page does.
    sitepages_identity.remember_fresh_site()
    settings.TRUST_LIMITS_ENABLED = False
