from __future__ import annotations

from django.conf import settings
from django.contrib.auth.hashers import get_hasher, identify_hasher, make_password

from config import settings as config_settings


def test_production_password_hasher_is_argon2id_tuned_for_small_servers(settings):
    # Tests hash with MD5 for speed (conftest); the settings module itself must say Argon2.
    assert (
        config_settings.PASSWORD_HASHERS[0] == "groundswell.core.hashers.TunedArgon2PasswordHasher"
    )
    settings.PASSWORD_HASHERS = config_settings.PASSWORD_HASHERS
    hasher = get_hasher("argon2")
    encoded = hasher.encode("correct horse battery staple", hasher.salt())
    assert encoded.startswith("argon2$argon2id$")
    assert "m=19456,t=3,p=1" in encoded
    assert identify_hasher(encoded).algorithm == "argon2"


def test_sessions_are_stored_in_the_database():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_make_password_round_trip_uses_configured_hasher(settings):
    settings.PASSWORD_HASHERS = ["groundswell.core.hashers.TunedArgon2PasswordHasher"]
    assert make_password("x" * 12).startswith("argon2$")
