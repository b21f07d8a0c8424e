"""Collaboration personas around one published resource by `owner`: `coauthor` (an accepted
member co-author), an organisation co-author run by `org_admin` (with `org_member`, who may not
act for it), `blocked` (blocked by the author), and the shared `member` (any other member),
`moderator` and `admin_user`."""

from __future__ import annotations

import pytest

from groundswell.accounts.models import User
from groundswell.collaboration.models import CoAuthor, CoAuthorStatus
from groundswell.core.testing.factories import StoryFactory, UserFactory
from groundswell.follows.models import Block
from groundswell.organisations.models import Membership, Organisation, Role
from groundswell.stories.models import Story

BODY = "Bring your appointment letter.\n\nAsk for the quiet room if you need it."


@pytest.fixture
def resource(owner: User) -> Story:
    return StoryFactory(
        author=owner, kind="resource", title="A guide to your first clinic visit", body=BODY
    )


@pytest.fixture
def coauthor(resource: Story) -> User:
    user = UserFactory(username="coauthor", display_name="Cora Coauthor")
    CoAuthor.objects.create(
        story=resource, member=user, invited_by=resource.author, status=CoAuthorStatus.ACCEPTED
    )
    return user


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
def org_coauthor(resource: Story, org: Organisation, org_admin: User, org_member: User) -> CoAuthor:
    return CoAuthor.objects.create(
        story=resource, organisation=org, invited_by=resource.author, status=CoAuthorStatus.ACCEPTED
    )


@pytest.fixture
def blocked(owner: User) -> User:
    user = UserFactory(username="blocked", display_name="Bea Blocked")
    Block.objects.create(blocker=owner, blocked=user)
    return user
