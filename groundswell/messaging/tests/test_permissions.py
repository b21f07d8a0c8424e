"""Who may open each messaging page and API route: anonymous, the two people in a conversation,
someone outside it, an organisation's admin and plain member, a blocked person, a moderator and
an administrator."""

from __future__ import annotations

from typing import Any

import pytest

from groundswell.messaging import services
from groundswell.messaging.models import Conversation, Message
from groundswell.messaging.tests.conftest import PERSONAS, api

pytestmark = pytest.mark.django_db

LOGIN = 302


@pytest.fixture
def world(
    people: dict[str, Any],
    chat: Conversation,
    org_chat: Conversation,
    blocked_chat: Conversation,
    client_for: Any,
) -> dict[str, Any]:
    owner, member = people["owner"], people["member"]
    from_member = Message.objects.filter(conversation=chat, sender=member).first()
    from_owner = Message.objects.filter(conversation=chat, sender=owner).first()
    access = services.permissions.get_conversation_for_user(owner, chat.pk)
    report = services.message_report(access=access, message=from_member, reason="harassment")
    return {
        "chat": chat,
        "org_chat": org_chat,
        "blocked_chat": blocked_chat,
        "from_member": from_member,
        "from_owner": from_owner,
        "report": report,
        "people": people,
        "client_for": client_for,
    }


def _get(world: dict[str, Any], persona: str, url: str) -> int:
    user = world["people"][persona]
    return world["client_for"](user).get(url).status_code


INBOX = dict.fromkeys(PERSONAS, 200) | {"anonymous": LOGIN}
CHAT = dict.fromkeys(PERSONAS, 404) | {"anonymous": LOGIN, "owner": 200, "member": 200}
ORG_CHAT = dict.fromkeys(PERSONAS, 404) | {"anonymous": LOGIN, "owner": 200, "org_admin": 200}
BLOCKED_CHAT = dict.fromkeys(PERSONAS, 404) | {"anonymous": LOGIN, "owner": 200, "blocked": 200}
REPORT_MEMBERS_MESSAGE = dict.fromkeys(PERSONAS, 404) | {"anonymous": LOGIN, "owner": 200}
REPORTED = dict.fromkeys(PERSONAS, 404) | {"anonymous": LOGIN, "moderator": 200, "admin": 200}


@pytest.mark.parametrize("persona", PERSONAS)
def test_page_matrix(world: dict[str, Any], persona: str) -> None:
    chat, org_chat, blocked_chat = world["chat"], world["org_chat"], world["blocked_chat"]
    checks = [
        ("/messages/", INBOX),
        (f"/messages/{chat.pk}/", CHAT),
        (f"/messages/{org_chat.pk}/", ORG_CHAT),
        (f"/messages/{blocked_chat.pk}/", BLOCKED_CHAT),
        (f"/messages/{chat.pk}/report/{world['from_member'].pk}/", REPORT_MEMBERS_MESSAGE),
        (f"/messages/{chat.pk}/report/{world['from_owner'].pk}/", CHAT | {"owner": 404}),
        ("/messages/reported/", REPORTED),
        (f"/messages/reported/{world['report'].pk}/", REPORTED),
        ("/messages/999999/", dict.fromkeys(PERSONAS, 404) | {"anonymous": LOGIN}),
    ]
    got = {url: _get(world, persona, url) for url, _ in checks}
    assert got == {url: expected[persona] for url, expected in checks}


NEW_TO_MEMBER = {
    "anonymous": LOGIN,
    "owner": 302,  # connected: sent, then shown the conversation
    "member": 404,  # themselves
    "outsider": 403,
    "org_admin": 403,
    "org_member": 403,
    "blocked": 403,
    "moderator": 403,
    "admin": 403,
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_can_start_a_conversation_with_a_member(world: dict[str, Any], persona: str) -> None:
    user = world["people"][persona]
    member = world["people"]["member"]
    before = Message.objects.count()
    response = world["client_for"](user).post(
        f"/messages/new/?to={member.handle}", {"body": "Hello there"}
    )
    assert response.status_code == NEW_TO_MEMBER[persona]
    assert Message.objects.count() == before + (1 if persona == "owner" else 0)


NEW_TO_ORG = dict.fromkeys(PERSONAS, 302) | {"anonymous": LOGIN, "org_admin": 404}


@pytest.mark.parametrize("persona", PERSONAS)
def test_any_member_but_its_own_staff_can_write_to_an_organisation(
    world: dict[str, Any], persona: str
) -> None:
    user = world["people"][persona]
    response = world["client_for"](user).post(
        "/messages/new/?org=levenshulme-walking", {"body": "Do you meet in the rain?"}
    )
    assert response.status_code == NEW_TO_ORG[persona]


REPLY_CHAT = dict.fromkeys(PERSONAS, 404) | {"anonymous": LOGIN, "owner": 302, "member": 302}
REPLY_BLOCKED = dict.fromkeys(PERSONAS, 404) | {"anonymous": LOGIN, "owner": 403, "blocked": 403}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_can_reply(world: dict[str, Any], persona: str) -> None:
    client = world["client_for"](world["people"][persona])
    assert (
        client.post(f"/messages/{world['chat'].pk}/", {"body": "Reply"}).status_code
        == REPLY_CHAT[persona]
    )
    assert (
        client.post(f"/messages/{world['blocked_chat'].pk}/", {"body": "Reply"}).status_code
        == REPLY_BLOCKED[persona]
    )


API_LIST = dict.fromkeys(PERSONAS, 200) | {"anonymous": 401}
API_CHAT = dict.fromkeys(PERSONAS, 404) | {"anonymous": 401, "owner": 200, "member": 200}
API_SEND = dict.fromkeys(PERSONAS, 404) | {"anonymous": 401, "owner": 201, "member": 201}
API_READ = dict.fromkeys(PERSONAS, 404) | {"anonymous": 401, "owner": 200, "member": 200}
API_REPORT = dict.fromkeys(PERSONAS, 404) | {"anonymous": 401, "owner": 200}
API_ORG_CHAT = dict.fromkeys(PERSONAS, 404) | {"anonymous": 401, "owner": 200, "org_admin": 200}
API_START = dict.fromkeys(PERSONAS, 403) | {"anonymous": 401, "owner": 201, "member": 404}


@pytest.mark.parametrize("persona", PERSONAS)
def test_api_matrix(world: dict[str, Any], persona: str) -> None:
    user = world["people"][persona]
    member = world["people"]["member"]
    chat, org_chat = world["chat"], world["org_chat"]
    base = f"/api/messages/conversations/{chat.pk}"
    got = {
        "list": api("get", "/api/messages/conversations", user).status_code,
        "chat": api("get", base, user).status_code,
        "org_chat": api("get", f"/api/messages/conversations/{org_chat.pk}", user).status_code,
        "send": api("post", f"{base}/messages", user, {"body": "Hi"}).status_code,
        "read": api("post", f"{base}/read", user).status_code,
        "report": api(
            "post",
            f"{base}/messages/{world['from_member'].pk}/report",
            user,
            {"reason": "spam"},
        ).status_code,
        "start": api(
            "post", "/api/messages/conversations", user, {"to": member.handle, "body": "Hi"}
        ).status_code,
    }
    assert got == {
        "list": API_LIST[persona],
        "chat": API_CHAT[persona],
        "org_chat": API_ORG_CHAT[persona],
        "send": API_SEND[persona],
        "read": API_READ[persona],
        "report": API_REPORT[persona],
        "start": API_START[persona],
    }


def test_a_read_only_token_cannot_send(world: dict[str, Any]) -> None:
    owner = world["people"]["owner"]
    before = Message.objects.count()
    response = api(
        "post",
        f"/api/messages/conversations/{world['chat'].pk}/messages",
        owner,
        {"body": "Hi"},
        scope="read",
    )
    assert response.status_code == 403
    assert Message.objects.count() == before
