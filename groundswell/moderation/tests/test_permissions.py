"""Every moderation URL × persona, plus the MFA rules for staff."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from groundswell.accounts.models import Profile, SiteRole, User
from groundswell.accounts.services import user_role_set
from groundswell.core.testing.factories import CommentFactory, UserFactory
from groundswell.moderation import permissions, services
from groundswell.moderation.models import PreModerationRule
from groundswell.moderation.testing import give_totp
from groundswell.places.testing import grant_powers
from groundswell.stories.models import Comment, Story

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "member", "author", "moderator", "organiser", "admin"]


@pytest.fixture
def world(story: Story, owner: User, outsider: User, moderator: User, topic: Any) -> dict[str, Any]:
    """A hidden story and comment by the author (with an appeal), a profile, and a rule."""
    hidden_story = Story.objects.get(pk=story.pk)
    services.item_hide(item=hidden_story, actor=moderator, reason="Names a nurse")
    appeal = services.appeal_create(item=hidden_story, author=owner, message="I took the name out")
    visible = Story.objects.create(author=owner, title="Visible", body="Text", status="published")
    hidden_comment: Comment = CommentFactory.create(story=visible, author=owner)
    services.item_hide(item=hidden_comment, actor=moderator, reason="Rude")
    rule = PreModerationRule.objects.create(topic=topic, created_by=moderator)
    # Something members can see, or their profile page (and its report form) is not found.
    Profile.objects.filter(user=outsider).update(bio="Here to listen.", bio_visibility="members")
    return {
        "story": hidden_story.pk,
        "comment": hidden_comment.pk,
        "profile": outsider.pk,
        "handle": outsider.handle,
        "appeal": appeal.pk,
        "rule": rule.pk,
    }


MODERATOR_PAGES: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
    ("queue", lambda w: reverse("moderation:queue")),
    ("queue held", lambda w: reverse("moderation:queue") + "?status=held"),
    ("queue resolved", lambda w: reverse("moderation:queue") + "?status=resolved&type=story"),
    ("story item", lambda w: reverse("moderation:story", args=[w["story"]])),
    ("comment item", lambda w: reverse("moderation:comment", args=[w["comment"]])),
    ("member item", lambda w: reverse("moderation:member", args=[w["profile"]])),
    ("story restore", lambda w: reverse("moderation:story_restore", args=[w["story"]])),
    ("story hide", lambda w: reverse("moderation:story_hide", args=[w["story"]])),
    ("story approve", lambda w: reverse("moderation:story_approve", args=[w["story"]])),
    ("story close", lambda w: reverse("moderation:story_close", args=[w["story"]])),
    ("comment hide", lambda w: reverse("moderation:comment_hide", args=[w["comment"]])),
    ("comment restore", lambda w: reverse("moderation:comment_restore", args=[w["comment"]])),
    ("comment approve", lambda w: reverse("moderation:comment_approve", args=[w["comment"]])),
    ("comment close", lambda w: reverse("moderation:comment_close", args=[w["comment"]])),
    ("member close", lambda w: reverse("moderation:member_close", args=[w["profile"]])),
    ("appeal decide", lambda w: reverse("moderation:appeal_decide", args=[w["appeal"]])),
    ("premoderation", lambda w: reverse("moderation:premoderation")),
]
ADMIN_PAGES: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
    ("audit", lambda w: reverse("moderation:audit")),
    ("audit export", lambda w: reverse("moderation:audit_export")),
]

STAFF_EXPECTED = {"anonymous": 302, "member": 403, "author": 403, "organiser": 403}


def persona_client(request: pytest.FixtureRequest, client_for: Any, persona: str) -> Client:
    fixture = {"anonymous": None, "author": "owner", "admin": "admin_user"}.get(persona, persona)
    user = request.getfixturevalue(fixture) if fixture else None
    return client_for(user)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "url"), MODERATOR_PAGES, ids=[n for n, _ in MODERATOR_PAGES])
def test_moderator_pages_permission_matrix(request, client_for, world, persona, name, url):
    expected = {**STAFF_EXPECTED, "moderator": 200, "admin": 200}[persona]
    response = persona_client(request, client_for, persona).get(url(world))
    assert response.status_code == expected, (name, persona)
    if persona == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "url"), ADMIN_PAGES, ids=[n for n, _ in ADMIN_PAGES])
def test_admin_pages_permission_matrix(request, client_for, world, persona, name, url):
    expected = {**STAFF_EXPECTED, "moderator": 403, "admin": 200}[persona]
    response = persona_client(request, client_for, persona).get(url(world))
    assert response.status_code == expected, (name, persona)


# Roles are changed on the members and roles staff screen now; old links lead there, for
# everyone alike (that screen decides who may use it).
ROLES_REDIRECTS: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
    ("roles", lambda w: reverse("moderation:roles")),
    ("role change", lambda w: f"/moderation/roles/{w['profile']}/"),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "url"), ROLES_REDIRECTS, ids=[n for n, _ in ROLES_REDIRECTS])
def test_old_roles_pages_move_permanently_to_members_and_roles(
    request, client_for, world, persona, name, url
):
    response = persona_client(request, client_for, persona).get(url(world))
    assert response.status_code == 301, (name, persona)
    assert response["Location"] == reverse("staff_members:list")


MEMBER_PAGES: list[tuple[str, Callable[[dict[str, Any]], str], dict[str, int]]] = [
    (
        "report profile",
        lambda w: reverse("moderation:report_member", args=[w["handle"]]),
        {
            "anonymous": 302,
            "member": 200,
            "author": 200,
            "moderator": 200,
            "organiser": 200,
            "admin": 200,
        },
    ),
    (
        "my decisions",
        lambda w: reverse("moderation:my_decisions"),
        {
            "anonymous": 302,
            "member": 200,
            "author": 200,
            "moderator": 200,
            "organiser": 200,
            "admin": 200,
        },
    ),
    (
        # Others may not even learn that a hidden story exists; moderators may see it but not appeal.
        "appeal story",
        lambda w: reverse("moderation:appeal_story", args=[w["story"]]),
        {
            "anonymous": 302,
            "member": 404,
            "author": 200,
            "moderator": 403,
            "organiser": 404,
            "admin": 403,
        },
    ),
    (
        "appeal comment",
        lambda w: reverse("moderation:appeal_comment", args=[w["comment"]]),
        {
            "anonymous": 302,
            "member": 404,
            "author": 200,
            "moderator": 403,
            "organiser": 404,
            "admin": 403,
        },
    ),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("name", "url", "expected"), MEMBER_PAGES, ids=[n for n, _, _ in MEMBER_PAGES]
)
def test_member_pages_permission_matrix(request, client_for, world, persona, name, url, expected):
    response = persona_client(request, client_for, persona).get(url(world))
    assert response.status_code == expected[persona], (name, persona)


def test_nobody_reports_their_own_profile(client_for, outsider):
    response = client_for(outsider).get(reverse("moderation:report_member", args=[outsider.handle]))
    assert response.status_code == 403


@pytest.mark.parametrize(
    "name",
    [
        "story hide",
        "story restore",
        "story approve",
        "story close",
        "comment hide",
        "member close",
        "appeal decide",
    ],
)
@pytest.mark.parametrize("persona", ["anonymous", "member", "author", "organiser"])
def test_non_moderators_cannot_post_actions(request, client_for, world, persona, name):
    url = dict(MODERATOR_PAGES)[name](world)
    response = persona_client(request, client_for, persona).post(
        url,
        {
            "reason": "x",
            "hide-reason": "x",
            "restore-reason": "x",
            "approve-reason": "x",
            "close-outcome": "dismissed",
            "decision": "overturn",
        },
    )
    assert response.status_code in (302, 403)
    assert Story.objects.get(pk=world["story"]).is_hidden
    assert Comment.objects.get(pk=world["comment"]).is_hidden


def test_non_moderator_cannot_delete_a_rule(client_for, world, organiser):
    response = client_for(organiser).post(
        reverse("moderation:premoderation_delete", args=[world["rule"]])
    )
    assert response.status_code == 403
    assert PreModerationRule.objects.filter(pk=world["rule"]).exists()


# MFA for staff


@pytest.mark.parametrize("role", [SiteRole.MODERATOR, SiteRole.ADMIN])
@pytest.mark.parametrize("path", ["/", "/moderation/", "/stories/mine/", "/django-admin/"])
def test_staff_without_authenticator_are_sent_to_set_one_up(client_for, role, path):
    staff = UserFactory(site_role=role)
    response = client_for(staff).get(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_django_staff_flag_alone_also_needs_mfa(client_for):
    response = client_for(UserFactory(is_staff=True)).get("/")
    assert response["Location"] == reverse("mfa_activate_totp")


def test_staff_without_authenticator_can_reach_setup_and_sign_out(client_for):
    staff = UserFactory(site_role=SiteRole.MODERATOR)
    client = client_for(staff)
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    assert response.status_code == 200
    # The setup asks for the password again first (allauth), then shows the setup page: no loop.
    assert response.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302
    assert client.get("/").status_code == 200  # signed out now


def test_setup_page_explains_why(client_for):
    staff = UserFactory(site_role=SiteRole.MODERATOR)
    response = client_for(staff).get("/", follow=True)
    assert b"two-step sign-in" in response.content


@pytest.mark.parametrize("path", ["/moderation/", "/moderation/audit/", "/django-admin/"])
def test_staff_pages_need_mfa_in_this_session(client_for, admin_user, path):
    client = client_for(admin_user, mfa=False)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    assert f"next={path.replace('/', '%2F')}" in response["Location"]


def test_looking_behind_a_pseudonym_needs_mfa_in_this_session(client_for, moderator, owner):
    from groundswell.audit.models import AuditAction, AuditEvent
    from groundswell.core.testing.factories import StoryFactory

    story = StoryFactory.create(author=owner, identity="anonymous")
    page = reverse("stories:detail", args=[story.pk])
    client = client_for(moderator, mfa=False)
    response = client.post(
        reverse("stories:reveal_author", args=[story.pk]), HTTP_REFERER=f"http://testserver{page}"
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    assert "next=http%3A%2F%2Ftestserver%2Fstories%2F" in response["Location"]
    assert not AuditEvent.objects.filter(action=AuditAction.IDENTITY_VIEWED).exists()
    assert (
        client_for(moderator).post(reverse("stories:reveal_author", args=[story.pk])).status_code
        == 200
    )


def test_staff_with_authenticator_use_member_pages_without_fresh_mfa(client_for, moderator):
    assert client_for(moderator, mfa=False).get("/").status_code == 200


def test_members_and_organisers_never_need_mfa(client_for, member, organiser):
    assert client_for(member).get("/").status_code == 200
    assert client_for(organiser).get("/").status_code == 200


def test_mfa_predicates(rf, moderator, member):
    request = rf.get("/")
    request.user = member
    assert not permissions.requires_mfa(member)
    assert permissions.requires_mfa(moderator)
    assert permissions.has_totp(moderator)
    fresh = UserFactory(site_role=SiteRole.ADMIN)
    assert permissions.requires_mfa(fresh) and not permissions.has_totp(fresh)
    give_totp(fresh)
    fresh._gs_has_totp = None
    assert permissions.has_totp(fresh)


# The Django admin


def test_admin_with_mfa_uses_django_admin(client_for, admin_user):
    client = client_for(admin_user)
    assert client.get("/django-admin/").status_code == 200
    assert client.get("/django-admin/audit/auditevent/").status_code == 200
    assert client.get("/django-admin/moderation/report/").status_code == 200


def test_site_admin_promoted_by_role_change_uses_django_admin(client_for, admin_user, member):
    user_role_set(user=member, role=SiteRole.ADMIN, actor=grant_powers(admin_user))
    give_totp(member)
    assert client_for(member).get("/django-admin/").status_code == 200


@pytest.mark.parametrize("persona", ["moderator", "organiser", "member"])
def test_django_admin_is_for_admins_only(request, client_for, persona):
    response = client_for(request.getfixturevalue(persona)).get("/django-admin/", follow=True)
    assert response.status_code == 403


def test_django_admin_login_is_allauth_login(client):
    response = client.get("/django-admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert "next=/django-admin/" in response.redirect_chain[-1][0].replace("%2F", "/")
    response = client.get("/django-admin/login/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_audit_log_is_read_only_in_django_admin(client_for, admin_user, moderator, story):
    services.item_hide(item=story, actor=moderator, reason="x")
    from groundswell.audit.models import AuditEvent

    event = AuditEvent.objects.get()
    client = client_for(admin_user)
    response = client.get(f"/django-admin/audit/auditevent/{event.pk}/change/")
    assert response.status_code == 200
    assert b'name="_save"' not in response.content
    response = client.post(f"/django-admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()
