"""follows.services.connection_make: two people connected because both agreed elsewhere (an
introduction both accepted)."""

from __future__ import annotations

import pytest

from groundswell.follows import selectors, services
from groundswell.follows.models import Connection, ConnectionStatus
from groundswell.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_connection_make_connects_at_once_and_tells_nobody(member, owner):
    services.connection_make(user=member, other=owner)
    assert selectors.are_connected(member, owner)
    assert not Notification.objects.exists()


def test_connection_make_twice_keeps_one_row(member, owner):
    first = services.connection_make(user=member, other=owner)
    second = services.connection_make(user=owner, other=member)
    assert first.pk == second.pk
    assert Connection.objects.count() == 1


def test_connection_make_accepts_a_waiting_request(member, owner):
    services.connection_request(sender=member, recipient=owner)
    services.connection_make(user=owner, other=member)
    conn = Connection.objects.get()
    assert conn.status == ConnectionStatus.ACCEPTED
    assert conn.accepted_at is not None


def test_connection_make_refuses_a_block(member, owner):
    services.block_create(blocker=owner, blocked=member)
    with pytest.raises(services.NotAllowed):
        services.connection_make(user=member, other=owner)
    assert not selectors.are_connected(member, owner)
