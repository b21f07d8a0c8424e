"""Trust-level limits, the data export and account erasure."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from groundswell.accounts.models import User
from groundswell.core.testing.factories import UserFactory
from groundswell.messaging import services
from groundswell.messaging.models import Conversation, Message, Participant
from groundswell.messaging.tests.conftest import connect, send
from groundswell.privacy.export_builder import collect
from groundswell.privacy.services import account_delete

pytestmark = pytest.mark.django_db


@pytest.fixture
def limits_on(settings: Any) -> Any:
    settings.TRUST_LIMITS_ENABLED = True
    return settings


def test_new_members_send_up_to_20_messages_a_day(
    limits_on: Any, chat: Conversation, owner: User
) -> None:
    for i in range(20 - 2):  # owner sent two in the chat fixture
        send(owner, chat, f"Message {i}")
    with pytest.raises(ValidationError) as refused:
        send(owner, chat, "One too many")
    text = refused.value.message_dict["body"][0]
    assert "New members can send up to 20 messages in 24 hours" in text
    assert "You can send again in 24 hours." in text
    assert "It lifts once you have" in text


def test_new_members_start_up_to_5_conversations_a_day(limits_on: Any, owner: User) -> None:
    for _ in range(5):
        other = UserFactory()
        connect(owner, other)
        services.message_start(sender=owner, to=services.Recipient(person=other), body="Hi")
    other = UserFactory()
    connect(owner, other)
    with pytest.raises(ValidationError) as refused:
        services.message_start(sender=owner, to=services.Recipient(person=other), body="Hi")
    assert "can start up to 5 new conversations in 24 hours" in str(refused.value)
    assert Conversation.objects.count() == 5


def test_links_from_new_members_are_refused_like_posts(
    limits_on: Any, chat: Conversation, owner: User
) -> None:
    with pytest.raises(ValidationError) as refused:
        send(owner, chat, "See https://a.example https://b.example https://c.example")
    assert "New members can add up to 2 links in a message, and this has 3." in str(refused.value)


def test_moderators_are_not_limited(limits_on: Any, moderator: User, member: User) -> None:
    connect(moderator, member)
    m = services.message_start(sender=moderator, to=services.Recipient(person=member), body="Hi")
    for i in range(25):
        send(
            moderator, m.conversation, f"Message {i} https://a.example https://b.example https://c"
        )
    assert m.conversation.messages.count() == 26


def _section(user: User, name: str) -> list[dict[str, Any]]:
    sections, _ = collect(user)
    return next(s.rows for s in sections if s.name == name)


def test_export_has_messages_sent_and_received_without_others_ids(
    chat: Conversation, org_chat: Conversation, owner: User, member: User, org_admin: User
) -> None:
    access = services.permissions.get_conversation_for_user(org_admin, org_chat.pk)
    services.message_send(access=access, body="Yes, it is step-free.")
    rows = _section(owner, "messages")
    texts = {(r["from"], r["text"]) for r in rows}
    assert ("You", "Are you going on Tuesday?") in texts
    assert ("Mina Member", "Yes, see you at the library.") in texts
    assert ("Levenshulme Walking Group", "Yes, it is step-free.") in texts
    flat = repr(rows)
    assert member.email not in flat and member.handle not in flat
    assert "Ade Orgadmin" not in flat  # who replied for the organisation is theirs to know
    staff_rows = _section(org_admin, "messages")
    assert [r["text"] for r in staff_rows] == ["Yes, it is step-free."]


def test_erasure_removes_what_they_sent_and_the_other_person_sees_message_removed(
    chat: Conversation, owner: User, member: User, client_for: Any
) -> None:
    owner_id = owner.pk
    account_delete(user=owner, mode="everything")
    assert not Message.objects.filter(body__contains="Tuesday").exists()
    assert not Participant.objects.filter(user_id=owner_id).exists()
    assert Message.objects.filter(conversation=chat, is_removed=True).count() == 2
    html = client_for(member).get(f"/messages/{chat.pk}/").content.decode()
    assert "Message removed" in html
    assert "Private: my appointment moved to Friday." not in html
    assert "Yes, see you at the library." in html
    assert "You can&#x27;t reply: this account is closed." in html
