"""Audit events record the client's address by the site's one rule."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from groundswell.audit.models import AuditAction, AuditEvent
from groundswell.audit.services import audit_record

pytestmark = pytest.mark.django_db


def record(remote: str, **extra: str) -> AuditEvent:
    request = RequestFactory().get("/", REMOTE_ADDR=remote, **extra)
    return audit_record(
        actor=None,
        action=AuditAction.AUDIT_EXPORTED,
        target=None,
        target_type="t",
        target_id="1",
        request=request,
    )


def test_behind_a_trusted_proxy_the_event_records_the_client(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    event = record("10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.66, 203.0.113.9")
    event.refresh_from_db()
    assert event.ip_address == "203.0.113.9"


def test_without_a_trusted_proxy_the_event_records_the_connection(settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 0
    event = record("198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert event.ip_address == "198.51.100.7"


def test_an_event_with_no_known_address_records_none(settings) -> None:
    assert record("").ip_address is None
    system = audit_record(
        actor=None, action=AuditAction.AUDIT_EXPORTED, target=None, target_type="t"
    )
    assert system.ip_address is None
