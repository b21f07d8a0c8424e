"""/healthz: 200 with the database status, 503 when the database can't be reached."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client

pytestmark = pytest.mark.django_db


def test_healthz_reports_a_working_database():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_unreachable():
    refused = OperationalError("could not connect to server: Connection refused")
    with mock.patch.object(connection, "cursor", side_effect=refused):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}
    # Nothing about the failure (host names, driver messages) is given away.
    assert b"refused" not in response.content


def test_healthz_answers_503_when_a_query_fails():
    broken = mock.MagicMock()
    broken.__enter__.return_value.execute.side_effect = OperationalError(
        "server closed the connection"
    )
    with mock.patch.object(connection, "cursor", return_value=broken):
        response = Client().get("/healthz")
    assert response.status_code == 503
