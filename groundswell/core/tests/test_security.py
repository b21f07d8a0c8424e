from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from groundswell.core.middleware import LOGIN_AT, SEEN_AT
from groundswell.core.testing.factories import StoryFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def test_csp_header_has_nonce_and_strict_sources(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "'nonce-" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    nonce = csp.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()  # the htmx script carries it


def test_signed_in_pages_are_not_stored(client_for, member):
    response = client_for(member).get("/")
    assert "no-store" in response["Cache-Control"]
    assert "no-store" not in client_for(None).get("/").get("Cache-Control", "")


def test_logout_deletes_the_session_so_it_cannot_come_back(member):
    client = Client()
    client.force_login(member)
    cookie = client.cookies["sessionid"].value
    client.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=cookie).exists()
    replay = Client()
    replay.cookies["sessionid"] = cookie
    assert replay.get("/stories/mine/").status_code == 302


def _age_session(client: Client, *, login_ago: int, seen_ago: int) -> None:
    session = client.session
    now = int(time.time())
    session[LOGIN_AT] = now - login_ago
    session[SEEN_AT] = now - seen_ago
    session.save()


def test_idle_session_is_ended(client_for, member, settings):
    settings.SESSION_IDLE_SECONDS = 600
    client = client_for(member)
    client.get("/")
    _age_session(client, login_ago=700, seen_ago=601)
    assert client.get("/stories/mine/").status_code == 302


def test_active_session_within_limits_continues(client_for, member, settings):
    settings.SESSION_IDLE_SECONDS = 600
    client = client_for(member)
    client.get("/")
    _age_session(client, login_ago=700, seen_ago=30)
    assert client.get("/stories/mine/").status_code == 200


def test_absolute_session_limit(client_for, member, settings):
    settings.SESSION_ABSOLUTE_SECONDS = 3600
    client = client_for(member)
    client.get("/")
    _age_session(client, login_ago=3601, seen_ago=5)
    assert client.get("/stories/mine/").status_code == 302


def test_security_headers(client):
    response = client.get(f"/stories/{StoryFactory().pk}/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "0",
        "HTTPS": "1",
        "SECRET_KEY": "x" * 20 + "production-like-secret-key-with-enough-entropy-0123456789",
        "ALLOWED_HOSTS": "groundswell.example.org",
        "GROUNDSWELL_VAR_DIR": str(tmp_path),
        "EMAIL_HOST": "smtp.example.org",
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(  # noqa: S603 - fixed argv, our own manage.py
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.urls("groundswell.core.tests.urls_failing")
def test_server_error_page_reveals_nothing_internal(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, something went wrong" in body
    assert "secret database password" not in body and "Traceback" not in body
