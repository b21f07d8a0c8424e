"""Another app may let two members who are not connected write to each other, for a reason the
person written to agreed to (permissions.register_contact_permit); blocks still refuse."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from groundswell.accounts.models import User
from groundswell.core.testing.factories import UserFactory
from groundswell.follows.models import Block
from groundswell.messaging import permissions, services
from groundswell.messaging.services import NotAllowed, Recipient


@pytest.fixture
def pair(db: None) -> tuple[User, User]:
    return UserFactory.create(username="asker"), UserFactory.create(username="helper")


@pytest.fixture
def permit_pair(pair: tuple[User, User]) -> Iterator[tuple[User, User]]:
    asker, helper = pair

    def permit(sender: Any, person: User) -> bool:
        return {sender.pk, person.pk} == {asker.pk, helper.pk}

    permissions.register_contact_permit("test.pair", permit)
    yield pair
    permissions.unregister_contact_permit("test.pair")


def test_without_a_permit_strangers_cannot_write(pair: tuple[User, User]) -> None:
    asker, helper = pair
    assert not permissions.can_message_person(helper, asker)


def test_a_permit_lets_them_write_and_reply(permit_pair: tuple[User, User]) -> None:
    asker, helper = permit_pair
    message = services.message_start(sender=helper, to=Recipient(person=asker), body="I can help")
    access = permissions.get_conversation_for_user(asker, message.conversation_id)
    assert permissions.reply_refusal(access) is None
    services.message_send(access=access, body="Thank you")


def test_a_block_wins_over_a_permit(permit_pair: tuple[User, User]) -> None:
    asker, helper = permit_pair
    Block.objects.create(blocker=asker, blocked=helper)
    with pytest.raises(NotAllowed):
        services.message_start(sender=helper, to=Recipient(person=asker), body="Hello")


def test_a_permit_for_others_does_not_open_the_door(permit_pair: tuple[User, User]) -> None:
    asker, _ = permit_pair
    stranger = UserFactory.create(username="stranger")
    with pytest.raises(NotAllowed):
        services.message_start(sender=stranger, to=Recipient(person=asker), body="Hello")
