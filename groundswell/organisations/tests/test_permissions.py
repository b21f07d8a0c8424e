"""Who may do what: the predicates, and a matrix over every page and API route.

Personas: anonymous; member (belongs to no organisation); org_member, org_admin, owner (of
`org`); other_member (owns a different organisation); moderator and admin_user (site roles,
signed in with two steps)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from groundswell.api.services import token_create
from groundswell.core.testing.factories import UserFactory
from groundswell.organisations import permissions, services
from groundswell.organisations.models import (
    Invitation,
    JoinRequest,
    Membership,
    Organisation,
    OrganisationStatus,
    Role,
)

PERSONAS = [
    "anonymous",
    "member",
    "org_member",
    "org_admin",
    "owner",
    "other_member",
    "moderator",
    "admin_user",
]


@pytest.fixture
def world(request, org, org_member, org_admin, other_member, moderator, admin_user, member, owner):
    """Everything the matrix needs: a waiting join request from someone else, and an open
    invitation."""
    asker = UserFactory(username="asker")
    jr = services.join_request_create(org=org, user=asker)
    inv = services.invitation_create(
        org=org, actor=owner, email="invitee@example.org", role=Role.MEMBER, accept_url=str
    )
    return {
        "org": org,
        "jr": jr,
        "inv": inv,
        "target": Membership.objects.get(user=org_member),
        "users": {
            "anonymous": None,
            "member": member,
            "org_member": org_member,
            "org_admin": org_admin,
            "owner": owner,
            "other_member": other_member,
            "moderator": moderator,
            "admin_user": admin_user,
        },
    }


def _statuses(**by_persona: int) -> dict[str, int]:
    default = by_persona.pop("default")
    return {p: by_persona.get(p, default) for p in PERSONAS}


MANAGERS_ONLY = _statuses(default=403, anonymous=302, org_admin=200, owner=200)
MANAGERS_ACT = _statuses(default=403, anonymous=302, org_admin=302, owner=302)
ORG_PEOPLE = _statuses(default=403, anonymous=302, org_member=200, org_admin=200, owner=200)

# (name, method, url builder, data, expected by persona)
PAGES: list[tuple[str, str, Any, dict[str, str], dict[str, int]]] = [
    ("list", "get", lambda w: reverse("organisations:list"), {}, _statuses(default=200)),
    (
        "list filtered",
        "get",
        lambda w: reverse("organisations:list") + "?q=walk&kind=charity&place=nowhere",
        {},
        _statuses(default=200),
    ),
    (
        "create",
        "get",
        lambda w: reverse("organisations:create"),
        {},
        _statuses(default=200, anonymous=302),
    ),
    (
        "mine",
        "get",
        lambda w: reverse("organisations:mine"),
        {},
        _statuses(default=200, anonymous=302),
    ),
    (
        "to verify (moderators)",
        "get",
        lambda w: reverse("organisations:to_verify"),
        {},
        _statuses(default=404, anonymous=302, moderator=200, admin_user=200),
    ),
    (
        "detail",
        "get",
        lambda w: reverse("organisations:detail", args=[w["org"].slug]),
        {},
        _statuses(default=200),
    ),
    (
        "logo (none)",
        "get",
        lambda w: reverse("organisations:logo", args=[w["org"].slug]),
        {},
        _statuses(default=404),
    ),
    (
        "settings",
        "get",
        lambda w: reverse("organisations:settings", args=[w["org"].slug]),
        {},
        MANAGERS_ONLY,
    ),
    (
        "members",
        "get",
        lambda w: reverse("organisations:members", args=[w["org"].slug]),
        {},
        ORG_PEOPLE,
    ),
    (
        "join",
        "get",
        lambda w: reverse("organisations:join", args=[w["org"].slug]),
        {},
        _statuses(default=200, anonymous=302, org_member=302, org_admin=302, owner=302),
    ),
    (
        "join withdraw",
        "post",
        lambda w: reverse("organisations:join_withdraw", args=[w["org"].slug]),
        {},
        _statuses(default=302),
    ),
    (
        "decide request",
        "post",
        lambda w: reverse("organisations:request_decide", args=[w["org"].slug, w["jr"].pk]),
        {"decision": "accept"},
        MANAGERS_ACT,
    ),
    (
        "invite",
        "get",
        lambda w: reverse("organisations:invite", args=[w["org"].slug]),
        {},
        MANAGERS_ONLY,
    ),
    (
        "revoke invitation",
        "post",
        lambda w: reverse("organisations:invitation_revoke", args=[w["org"].slug, w["inv"].pk]),
        {},
        MANAGERS_ACT,
    ),
    (
        "invitation link",
        "get",
        lambda w: reverse("organisations:invitation", args=[services.invitation_token(w["inv"])]),
        {},
        _statuses(default=200),
    ),
    (
        "bad invitation link",
        "get",
        lambda w: reverse("organisations:invitation", args=["nope"]),
        {},
        _statuses(default=410),
    ),
    (
        "leave",
        "get",
        lambda w: reverse("organisations:leave", args=[w["org"].slug]),
        {},
        ORG_PEOPLE,
    ),
    (
        "remove member",
        "post",
        lambda w: reverse("organisations:member_remove", args=[w["org"].slug, w["target"].pk]),
        {},
        MANAGERS_ACT,
    ),
    (
        "change role",
        "post",
        lambda w: reverse("organisations:member_role", args=[w["org"].slug, w["target"].pk]),
        {"role": "admin"},
        _statuses(default=403, anonymous=302, owner=302),
    ),
    (
        "transfer",
        "get",
        lambda w: reverse("organisations:transfer", args=[w["org"].slug]),
        {},
        _statuses(default=403, anonymous=302, owner=200),
    ),
    (
        "verify",
        "post",
        lambda w: reverse("organisations:verify", args=[w["org"].slug]),
        {},
        _statuses(default=403, anonymous=302, moderator=302, admin_user=302),
    ),
    (
        "no such organisation",
        "get",
        lambda w: reverse("organisations:detail", args=["no-such-org"]),
        {},
        _statuses(default=404),
    ),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("name", "method", "url", "data", "expected"), PAGES, ids=[p[0] for p in PAGES]
)
def test_page_permission_matrix(world, client_for, persona, name, method, url, data, expected):
    client = client_for(world["users"][persona])
    response = getattr(client, method)(url(world), data)
    assert response.status_code == expected[persona], (name, persona)


def test_only_managers_actions_change_anything(world, client_for, other_member, moderator):
    """The refused personas above changed nothing."""
    for user in (other_member, moderator):
        client = client_for(user)
        slug = world["org"].slug
        client.post(
            reverse("organisations:request_decide", args=[slug, world["jr"].pk]),
            {"decision": "accept"},
        )
        client.post(reverse("organisations:member_remove", args=[slug, world["target"].pk]))
    assert JoinRequest.objects.get(pk=world["jr"].pk).status == "pending"
    assert Membership.objects.filter(pk=world["target"].pk).exists()


def test_archived_organisation_is_gone_except_for_moderators(
    org, client_for, owner, moderator, member
):
    Organisation.objects.filter(pk=org.pk).update(status=OrganisationStatus.ARCHIVED)
    url = reverse("organisations:detail", args=[org.slug])
    assert client_for(None).get(url).status_code == 404
    assert client_for(member).get(url).status_code == 404
    assert client_for(moderator).get(url).status_code == 200
    assert org.name not in client_for(None).get(reverse("organisations:list")).content.decode()


# API


def _api(user: Any, method: str, path: str, body: Any = None) -> Any:
    headers = {}
    if user is not None:
        _, secret = token_create(user=user, name="t", scope="write", expires_in_days=None)
        headers["Authorization"] = f"Bearer {secret}"
    client = Client()
    if method == "get":
        return client.get(path, headers=headers)
    return client.post(
        path, data=json.dumps(body or {}), content_type="application/json", headers=headers
    )


API_ROUTES: list[tuple[str, str, Any, Any, dict[str, int]]] = [
    ("list", "get", lambda w: "/api/organisations", None, _statuses(default=200)),
    (
        "detail",
        "get",
        lambda w: f"/api/organisations/{w['org'].slug}",
        None,
        _statuses(default=200),
    ),
    ("missing", "get", lambda w: "/api/organisations/nope", None, _statuses(default=404)),
    ("mine", "get", lambda w: "/api/me/organisations", None, _statuses(default=200, anonymous=401)),
    (
        "join request",
        "post",
        lambda w: f"/api/organisations/{w['org'].slug}/join-requests",
        {"message": "Hello"},
        _statuses(default=201, anonymous=401, org_member=422, org_admin=422, owner=422),
    ),
    (
        "members",
        "get",
        lambda w: f"/api/organisations/{w['org'].slug}/members",
        None,
        _statuses(default=403, anonymous=401, org_admin=200, owner=200),
    ),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("name", "method", "path", "body", "expected"), API_ROUTES, ids=[r[0] for r in API_ROUTES]
)
def test_api_permission_matrix(world, settings, persona, name, method, path, body, expected):
    settings.API_RATE_LIMIT_PER_TOKEN = 10_000
    response = _api(world["users"][persona], method, path(world), body)
    assert response.status_code == expected[persona], (name, persona, response.content[:300])


def test_api_join_request_ignores_extra_fields(org, member, settings):
    """Mass assignment has no effect: fields the schema doesn't list are refused."""
    response = _api(
        member,
        "post",
        f"/api/organisations/{org.slug}/join-requests",
        {"message": "Hi", "status": "accepted", "role": "owner"},
    )
    assert response.status_code == 422
    assert not JoinRequest.objects.filter(user=member).exists()
    assert not Membership.objects.filter(user=member).exists()


def test_api_members_list_shows_roles_to_admins(org, org_admin, org_member, owner):
    response = _api(org_admin, "get", f"/api/organisations/{org.slug}/members")
    roles = {row["display_name"]: row["role"] for row in response.json()}
    assert roles == {
        "Olu Owner": "owner",
        "Ade Admin-of-org": "admin",
        "Meg Member-of-org": "member",
    }
    assert all("email" not in row for row in response.json())


# Predicates


def test_site_organiser_role_gives_no_power_over_an_organisation(org, organiser):
    assert not permissions.can_manage(organiser, org)
    assert not permissions.can_post_as(organiser, org)
    assert list(permissions.orgs_user_can_post_as(organiser)) == []


def test_post_as_follows_role_and_the_organisations_setting(
    org, owner, org_admin, org_member, member
):
    assert permissions.can_post_as(owner, org) and permissions.can_post_as(org_admin, org)
    assert not permissions.can_post_as(org_member, org)
    assert not permissions.can_post_as(member, org)
    assert list(permissions.orgs_user_can_post_as(org_member)) == []
    Organisation.objects.filter(pk=org.pk).update(members_may_post=True)
    fresh = Organisation.objects.get(pk=org.pk)
    assert permissions.can_post_as(org_member, fresh)
    assert list(permissions.orgs_user_can_post_as(org_member)) == [fresh]
    assert list(permissions.orgs_user_can_post_as(owner)) == [fresh]


def test_archived_organisation_can_no_longer_be_acted_for(org, owner):
    Organisation.objects.filter(pk=org.pk).update(status=OrganisationStatus.ARCHIVED)
    fresh = Organisation.objects.get(pk=org.pk)
    assert not permissions.can_manage(owner, fresh)
    assert not permissions.can_post_as(owner, fresh)
    assert list(permissions.orgs_user_can_post_as(owner)) == []


def test_invitation_revoked_in_matrix_is_really_revoked(world, client_for, owner):
    client_for(owner).post(
        reverse("organisations:invitation_revoke", args=[world["org"].slug, world["inv"].pk])
    )
    assert Invitation.objects.get(pk=world["inv"].pk).revoked_at is not None
