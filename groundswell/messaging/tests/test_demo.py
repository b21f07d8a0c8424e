from __future__ import annotations

import pytest

from groundswell.core.testing.factories import UserFactory
from groundswell.demo.messages import load_messages
from groundswell.messaging import selectors
from groundswell.messaging.models import Conversation, Message
from groundswell.messaging.tests.conftest import connect
from groundswell.organisations.models import Membership, Organisation, Role

pytestmark = pytest.mark.django_db


def test_demo_member_finds_conversations_with_unread_messages() -> None:
    me = UserFactory(username="demo-member", email="member@demo.example")
    friends = [UserFactory(email=f"friend{i}@demo.example") for i in range(3)]
    for friend in friends:
        connect(friend, me)
    stranger = UserFactory(email="stranger@demo.example")
    org = Organisation.objects.create(
        name="Carers Together", slug="carers-together", kind="community_group", description="x"
    )
    Membership.objects.create(organisation=org, user=stranger, role=Role.OWNER)

    written = load_messages(domain="demo.example")

    assert written == Message.objects.count() > 0
    assert Conversation.objects.count() == 4
    assert Conversation.objects.filter(organisation=org).exists()
    assert not Conversation.objects.filter(participants__user=stranger).exists()
    assert selectors.unread_count(me) == 5  # two in the first thread, one in each other
    assert selectors.unread_count(stranger) == 0
    assert load_messages(domain="demo.example") == 0  # a second run adds nothing
