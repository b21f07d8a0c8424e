"""The navigation's unread-message badge (selectors.unread_count, hand-written SQL): the tables it
names are the models', and it counts what the rule says, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from groundswell.accounts.models import User
from groundswell.messaging import selectors
from groundswell.messaging.models import Conversation, Message, Participant
from groundswell.messaging.tests.conftest import send
from groundswell.organisations.models import (
    MANAGING_ROLES,
    Membership,
    Organisation,
    OrganisationStatus,
    Role,
)

pytestmark = pytest.mark.django_db


def rule(user: User) -> int:
    """The rule in the ORM (as unread_count was written before it became SQL)."""
    mine = Participant.objects.filter(conversation=OuterRef("conversation"), user=user).filter(
        Q(last_read_at__isnull=True) | Q(last_read_at__lt=OuterRef("created_at"))
    )
    managed = Membership.objects.filter(
        user=user, role__in=MANAGING_ROLES, organisation__status=OrganisationStatus.ACTIVE
    ).values("organisation_id")
    as_staff = Q(conversation__organisation_id__in=managed, as_organisation=False) & (
        Q(conversation__organisation_read_at__isnull=True)
        | Q(conversation__organisation_read_at__lt=F("created_at"))
    )
    return Message.objects.filter((Q(Exists(mine)) & ~Q(sender_id=user.pk)) | as_staff).count()


def test_the_sql_names_the_models_tables() -> None:
    models = (Message, Conversation, Participant, Membership, Organisation)
    assert tuple(m._meta.db_table for m in models) == selectors.UNREAD_SQL_TABLES
    for table in selectors.UNREAD_SQL_TABLES:
        assert table in selectors._UNREAD_SQL


def test_the_badge_counts_what_the_rule_says(
    chat: Conversation,
    org_chat: Conversation,
    org: Organisation,
    owner: User,
    member: User,
    org_admin: User,
    org_member: User,
    outsider: User,
) -> None:
    people = (owner, member, org_admin, org_member, outsider)
    # chat: owner, member, owner (writing marks what you read); org_chat: owner wrote to the
    # organisation, whose admin answers it and whose plain member does not.
    expected = {owner: 0, member: 1, org_admin: 1, org_member: 0, outsider: 0}
    assert {p: selectors.unread_count(p) for p in people} == expected
    assert {p: rule(p) for p in people} == expected

    # Reading up to now clears a participant's count; a later message counts again.
    Participant.objects.filter(conversation=chat, user=member).update(last_read_at=timezone.now())
    assert selectors.unread_count(member) == 0
    send(owner, chat, "One more thing")
    assert selectors.unread_count(member) == 1

    # The organisation's inbox: read past, then written to again; an owner counts it too, an
    # archived organisation's staff do not.
    Conversation.objects.filter(pk=org_chat.pk).update(
        organisation_read_at=timezone.now() + timedelta(seconds=1)
    )
    assert selectors.unread_count(org_admin) == 0
    Conversation.objects.filter(pk=org_chat.pk).update(organisation_read_at=None)
    Membership.objects.filter(user=org_member).update(role=Role.OWNER)
    assert selectors.unread_count(org_member) == 1
    Organisation.objects.filter(pk=org.pk).update(status=OrganisationStatus.ARCHIVED)
    assert selectors.unread_count(org_member) == 0

    # Your own messages never count, read or not; one whose sender's account was erased counts
    # for whoever has not read it, its writer included.
    Participant.objects.filter(conversation=chat, user=owner).update(last_read_at=None)
    assert selectors.unread_count(owner) == 1  # member's one reply
    Message.objects.filter(conversation=chat, body="One more thing").update(sender=None)
    assert selectors.unread_count(owner) == 2
    assert selectors.unread_count(member) == 1

    assert {p: selectors.unread_count(p) for p in people} == {p: rule(p) for p in people}


def test_no_count_for_a_visitor() -> None:
    from django.contrib.auth.models import AnonymousUser

    anonymous: Any = AnonymousUser()
    assert selectors.unread_count(anonymous) == 0
