"""The messaging API: what a client sees, bad input, retries and fields it may not set."""

from __future__ import annotations

import uuid

import pytest

from groundswell.accounts.models import User
from groundswell.core.testing.factories import UserFactory
from groundswell.messaging import selectors, services
from groundswell.messaging.models import Conversation, Message, MessageReport
from groundswell.messaging.tests.conftest import api, connect

pytestmark = pytest.mark.django_db


def test_list_and_read_a_conversation(chat: Conversation, owner: User, member: User) -> None:
    listing = api("get", "/api/messages/conversations", member).json()
    assert listing["items"][0]["title"] == "Olu Owner"
    assert listing["items"][0]["unread"] == 1  # they replied after the first
    page = api("get", f"/api/messages/conversations/{chat.pk}", member).json()
    assert [m["text"] for m in page["items"]] == [
        "Private: my appointment moved to Friday.",
        "Yes, see you at the library.",
        "Are you going on Tuesday?",
    ]
    assert page["items"][1]["mine"] is True
    assert page["can_reply"] is True
    assert api("post", f"/api/messages/conversations/{chat.pk}/read", member).status_code == 200
    assert selectors.unread_count(member) == 0


def test_pages_follow_the_cursor_and_a_made_up_cursor_is_400(
    chat: Conversation, owner: User, member: User
) -> None:
    first = api("get", f"/api/messages/conversations/{chat.pk}?limit=2", member).json()
    assert len(first["items"]) == 2
    rest = api(
        "get",
        f"/api/messages/conversations/{chat.pk}?limit=2&cursor={first['next_cursor']}",
        member,
    ).json()
    assert [m["text"] for m in rest["items"]] == ["Are you going on Tuesday?"]
    assert rest["next_cursor"] is None
    for path in (
        f"/api/messages/conversations/{chat.pk}?cursor=bm9wZQ",
        "/api/messages/conversations?cursor=bm9wZQ",
    ):
        assert api("get", path, member).status_code == 400


def test_conversation_list_pages(owner: User) -> None:
    for _ in range(3):
        other = UserFactory()
        connect(owner, other)
        services.message_start(sender=owner, to=services.Recipient(person=other), body="Hi")
    first = api("get", "/api/messages/conversations?limit=2", owner).json()
    rest = api(
        "get", f"/api/messages/conversations?limit=2&cursor={first['next_cursor']}", owner
    ).json()
    ids = [c["id"] for c in first["items"] + rest["items"]]
    assert sorted(ids) == sorted(Conversation.objects.values_list("pk", flat=True))


@pytest.mark.parametrize("body", ["", "   ", "x" * 5001])
def test_bad_bodies_are_422(chat: Conversation, owner: User, body: str) -> None:
    before = Message.objects.count()
    response = api("post", f"/api/messages/conversations/{chat.pk}/messages", owner, {"body": body})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][:2] == ["body", "body"]
    assert Message.objects.count() == before


def test_retry_with_the_same_key_sends_once(chat: Conversation, owner: User) -> None:
    key = str(uuid.uuid4())
    before = Message.objects.count()
    ids = {
        api(
            "post",
            f"/api/messages/conversations/{chat.pk}/messages",
            owner,
            {"body": "Once", "submission_key": key},
        ).json()["id"]
        for _ in range(2)
    }
    assert len(ids) == 1
    assert Message.objects.count() == before + 1


def test_sender_and_conversation_fields_in_the_body_have_no_effect(
    chat: Conversation, owner: User, member: User, outsider: User
) -> None:
    other = UserFactory(display_name="Somebody Else")
    connect(outsider, other)
    theirs = services.message_start(
        sender=outsider, to=services.Recipient(person=other), body="Not for owner"
    ).conversation
    response = api(
        "post",
        f"/api/messages/conversations/{chat.pk}/messages",
        owner,
        {
            "body": "Mine",
            "sender": member.pk,
            "sender_id": member.pk,
            "conversation": theirs.pk,
            "conversation_id": theirs.pk,
            "as_organisation": True,
            "hidden_at": None,
        },
    )
    assert response.status_code == 201
    sent = Message.objects.get(body="Mine")
    assert sent.sender_id == owner.pk
    assert sent.conversation_id == chat.pk
    assert sent.as_organisation is False
    assert not theirs.messages.filter(body="Mine").exists()


def test_blocked_reply_is_403_with_plain_words(blocked_chat: Conversation, blocked: User) -> None:
    response = api(
        "post", f"/api/messages/conversations/{blocked_chat.pk}/messages", blocked, {"body": "Hi"}
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "You can't reply to this conversation."
    page = api("get", f"/api/messages/conversations/{blocked_chat.pk}", blocked).json()
    assert page["can_reply"] is False


def test_report_through_the_api_and_bad_reason_is_422(chat: Conversation, owner: User) -> None:
    theirs = Message.objects.get(body="Yes, see you at the library.")
    path = f"/api/messages/conversations/{chat.pk}/messages/{theirs.pk}/report"
    assert api("post", path, owner, {"reason": "because"}).status_code == 422
    assert api("post", path, owner, {"reason": "spam"}).status_code == 200
    assert api("post", path, owner, {"reason": "spam"}).status_code == 200
    assert MessageReport.objects.count() == 1


def test_start_needs_exactly_one_recipient(owner: User, member: User) -> None:
    assert api("post", "/api/messages/conversations", owner, {"body": "Hi"}).status_code == 404
    both = {"to": member.handle, "organisation": "x", "body": "Hi"}
    assert api("post", "/api/messages/conversations", owner, both).status_code == 404


def test_moderators_cannot_read_conversations_through_the_api(
    chat: Conversation, moderator: User
) -> None:
    assert api("get", f"/api/messages/conversations/{chat.pk}", moderator).status_code == 404


def test_a_crisis_message_sent_through_the_api_comes_back_with_help_lines(
    chat: Conversation, owner: User
) -> None:
    from groundswell.safeguarding.models import SafeguardingAlert

    sent = api(
        "post",
        f"/api/messages/conversations/{chat.pk}/messages",
        owner,
        {"body": "I want to die tonight."},
    ).json()
    assert "Samaritans" in [line["name"] for line in sent["help_lines"]]
    assert SafeguardingAlert.objects.filter(person=owner, source="message").exists()
    calm = api(
        "post", f"/api/messages/conversations/{chat.pk}/messages", owner, {"body": "See you"}
    ).json()
    assert calm["help_lines"] == []
