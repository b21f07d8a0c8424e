from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
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


@pytest.mark.parametrize(
    ("env", "options"),
    [
        ({}, {"server_side_binding": True, "prepare_threshold": 5}),
        ({"DB_PREPARE_THRESHOLD": "20"}, {"server_side_binding": True, "prepare_threshold": 20}),
        ({"DB_PREPARE_THRESHOLD": "0"}, {}),
    ],
)
def test_postgresql_prepares_repeated_queries_unless_turned_off(env, options):
    """Settings are read in a fresh interpreter, as a server would start."""
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
    )
    environ = {k: v for k, v in os.environ.items() if k != "DB_PREPARE_THRESHOLD"}
    environ |= {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": "postgres://someone@db.example:5432/groundswell",
        **env,
    }
    out = subprocess.run(  # noqa: S603 (our own interpreter, fixed code)
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout) == options


def _fresh(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "SEARCH_MAX_PAGES"}
    environ |= {"DJANGO_SETTINGS_MODULE": "config.settings", **env}
    return subprocess.run(  # noqa: S603 (our own interpreter, fixed code)
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=False
    )


def test_search_depth_is_a_setting_and_nonsense_is_refused_at_start():
    code = (
        "import django; django.setup(); from groundswell.search import selectors; "
        "from groundswell.api.endpoints.search import SearchParams; "
        "print(selectors.MAX_RESULTS, SearchParams.model_json_schema()['properties']['page']['maximum'])"
    )
    assert _fresh(code).stdout.split() == ["500", "25"]
    assert _fresh(code, SEARCH_MAX_PAGES="10").stdout.split() == ["200", "10"]
    refused = _fresh(code, SEARCH_MAX_PAGES="0")
    assert refused.returncode != 0
    assert "SEARCH_MAX_PAGES must be between 1 and 100." in refused.stderr
