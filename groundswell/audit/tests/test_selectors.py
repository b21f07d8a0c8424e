"""The audit log's pages: `before` comes from the address bar, so any value must give a page."""

from __future__ import annotations

import pytest

from groundswell.accounts.models import User
from groundswell.audit.models import AuditAction, AuditEvent
from groundswell.audit.selectors import audit_page
from groundswell.audit.services import audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(admin_user: User) -> list[AuditEvent]:
    return [
        audit_record(actor=admin_user, action=AuditAction.STORY_HIDDEN, target=admin_user)
        for _ in range(3)
    ]


@pytest.mark.parametrize("before", ["²", "٣", "-1", "0", str(2**63), "1e3", " 2", "abc"])
def test_a_before_that_is_no_id_gives_the_first_page(events: list[AuditEvent], before: str) -> None:
    page, _ = audit_page(AuditEvent.objects.order_by("-id"), before=before)
    assert [e.pk for e in page] == [e.pk for e in reversed(events)]


def test_before_an_id_continues_after_it(events: list[AuditEvent]) -> None:
    page, _ = audit_page(AuditEvent.objects.order_by("-id"), before=str(events[-1].pk))
    assert [e.pk for e in page] == [events[1].pk, events[0].pk]
