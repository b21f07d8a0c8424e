"""Opening times sent to the API are clock times: one with a time zone gets a clear 422, never a
500 (SQLite cannot store it, and comparing it with a plain time fails)."""

from __future__ import annotations

from typing import Any

import pytest

from groundswell.api.services import token_create
from groundswell.api.tests.conftest import ApiClient
from groundswell.assets.models import Asset
from groundswell.places.models import Place

pytestmark = pytest.mark.django_db


def _client(user: Any) -> ApiClient:
    _, secret = token_create(user=user, name="write token", scope="write", expires_in_days=None)
    return ApiClient(secret)


def _listing(opening_times: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "kind": "culture",
        "name": "Riverside Heritage Walk",
        "description": "A guided walk on Sundays.",
        "place": "leeds",
        "contact_email": "walks@example.org",
        "opening_times": opening_times,
    }


@pytest.mark.parametrize(
    "times",
    [
        {"weekday": 1, "opens": "13:21:38+12:58", "closes": "17:00"},
        {"weekday": 1, "opens": "09:00", "closes": "10:29:08Z"},
    ],
)
def test_an_opening_time_with_a_time_zone_is_refused_clearly(
    member: Any, leeds: Place, times: dict[str, Any]
) -> None:
    response = _client(member).post("/api/assets", _listing([times]))
    assert response.status_code == 422
    assert "no time zone" in response.content.decode()
    assert not Asset.objects.exists()


def test_plain_clock_times_are_kept(member: Any, leeds: Place) -> None:
    times = {"weekday": 6, "opens": "10:00", "closes": "12:30"}
    response = _client(member).post("/api/assets", _listing([times]))
    assert response.status_code == 201, response.content
    opening = Asset.objects.get().opening_times.get()
    assert (opening.weekday, str(opening.opens), str(opening.closes)) == (6, "10:00:00", "12:30:00")
