"""Messaging personas. `owner` and `member` are connected and have a conversation (`chat`);
`outsider` is in none; `org` has an admin (`org_admin`, who answers its inbox) and a plain
member (`org_member`, who does not); `owner` wrote to the org (`org_chat`); `blocked` had a
conversation with `owner` (`blocked_chat`) and then `owner` blocked them. `moderator` and
`admin_user` hold site roles only."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from groundswell.accounts.models import User
from groundswell.api.services import token_create
from groundswell.core.testing.factories import UserFactory
from groundswell.follows.models import Block, Connection, ConnectionStatus
from groundswell.messaging import permissions, services
from groundswell.messaging.models import Conversation, Message
from groundswell.organisations.models import Membership, Organisation, Role

PERSONAS = (
    "anonymous",
    "owner",
    "member",
    "outsider",
    "org_admin",
    "org_member",
    "blocked",
    "moderator",
    "admin",
)


def connect(a: User, b: User) -> Connection:
    low, high = sorted((a, b), key=lambda u: u.pk)
    return Connection.objects.create(
        user_low=low, user_high=high, requested_by=a, status=ConnectionStatus.ACCEPTED
    )


def send(sender: User, conversation: Conversation, body: str) -> Message:
    access = permissions.get_conversation_for_user(sender, conversation.pk)
    return services.message_send(access=access, body=body)


@pytest.fixture(autouse=True)
def _high_api_limits(settings: Any) -> None:
    settings.API_RATE_LIMIT_PER_TOKEN = 10_000
    settings.API_RATE_LIMIT_ANONYMOUS = 10_000
    settings.API_RATE_LIMIT_PER_IP = 100_000


@pytest.fixture
def org(db: None) -> Organisation:
    return Organisation.objects.create(
        name="Levenshulme Walking Group",
        slug="levenshulme-walking",
        kind="community_group",
        description="Gentle walks every Tuesday.",
    )


@pytest.fixture
def org_admin(org: Organisation) -> User:
    user = UserFactory(username="orgadmin", display_name="Ade Orgadmin")
    Membership.objects.create(organisation=org, user=user, role=Role.ADMIN)
    return user


@pytest.fixture
def org_member(org: Organisation) -> User:
    user = UserFactory(username="orgmember", display_name="Meg Orgmember")
    Membership.objects.create(organisation=org, user=user, role=Role.MEMBER)
    return user


@pytest.fixture
def chat(owner: User, member: User) -> Conversation:
    connect(owner, member)
    first = services.message_start(
        sender=owner, to=services.Recipient(person=member), body="Are you going on Tuesday?"
    )
    conversation = first.conversation
    send(member, conversation, "Yes, see you at the library.")
    send(owner, conversation, "Private: my appointment moved to Friday.")
    return conversation


@pytest.fixture
def org_chat(owner: User, org: Organisation, org_admin: User, org_member: User) -> Conversation:
    first = services.message_start(
        sender=owner, to=services.Recipient(organisation=org), body="Is the walk step-free?"
    )
    return first.conversation


@pytest.fixture
def blocked(owner: User) -> User:
    user = UserFactory(username="blocked", display_name="Bea Blocked")
    connect(owner, user)
    services.message_start(
        sender=user, to=services.Recipient(person=owner), body="Hello from before the block"
    )
    Block.objects.create(blocker=owner, blocked=user)
    return user


@pytest.fixture
def blocked_chat(blocked: User) -> Conversation:
    return Conversation.objects.get(participants__user=blocked)


@pytest.fixture
def people(
    owner: User,
    member: User,
    outsider: User,
    org_admin: User,
    org_member: User,
    blocked: User,
    moderator: User,
    admin_user: User,
) -> dict[str, User | None]:
    return {
        "anonymous": None,
        "owner": owner,
        "member": member,
        "outsider": outsider,
        "org_admin": org_admin,
        "org_member": org_member,
        "blocked": blocked,
        "moderator": moderator,
        "admin": admin_user,
    }


def api(
    method: str, path: str, user: User | None = None, body: Any = None, scope: str = "write"
) -> Any:
    headers = {}
    if user is not None:
        _, secret = token_create(user=user, name="t", scope=scope, expires_in_days=None)
        headers["Authorization"] = f"Bearer {secret}"
    client = Client()
    if method == "get":
        return client.get(path, headers=headers)
    return client.post(
        path, data=json.dumps(body or {}), content_type="application/json", headers=headers
    )
