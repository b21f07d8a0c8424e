"""API test helpers: tokens for the shared personas and a JSON client."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from groundswell.accounts.models import User
from groundswell.api.services import token_create


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    """Limits high enough not to get in the way. Counters start empty: they live in the shared
    cache's table, which each test's transaction leaves as it found it."""
    settings.API_RATE_LIMIT_PER_TOKEN = 10_000
    settings.API_RATE_LIMIT_ANONYMOUS = 10_000
    settings.API_RATE_LIMIT_PER_IP = 100_000


@pytest.fixture
def token_for(db: None) -> Callable[..., str]:
    """token_for(user, scope="write") -> the secret of a new token for that user."""

    def make(user: User, scope: str = "write", expires_in_days: int | None = None) -> str:
        _, secret = token_create(
            user=user, name=f"{scope} token", scope=scope, expires_in_days=expires_in_days
        )
        return secret

    return make


class ApiClient:
    """A test client that speaks JSON and sends a bearer token when it has one."""

    def __init__(self, secret: str | None = None, client: Client | None = None) -> None:
        self.secret = secret
        self.client = client or Client()

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.secret}"} if self.secret else {}

    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return self.client.get(path, params or {}, headers=self._headers())

    def _send(self, method: str, path: str, body: Any) -> Any:
        data = json.dumps(body) if body is not None else ""
        return getattr(self.client, method)(
            path, data=data, content_type="application/json", headers=self._headers()
        )

    def post(self, path: str, body: Any = None) -> Any:
        return self._send("post", path, body if body is not None else {})

    def patch(self, path: str, body: Any = None) -> Any:
        return self._send("patch", path, body if body is not None else {})

    def delete(self, path: str) -> Any:
        return self.client.delete(path, headers=self._headers())


@pytest.fixture
def api(token_for: Callable[..., str]) -> Callable[..., ApiClient]:
    """api(user=None, scope="write") -> an ApiClient; anonymous without a user."""

    def make(user: User | None = None, scope: str = "write") -> ApiClient:
        return ApiClient(token_for(user, scope) if user is not None else None)

    return make
