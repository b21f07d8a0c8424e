"""What organisations tell people: invitations, requests to join and their answers, and
verification."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from groundswell.core.staff import grant_staff_powers
from groundswell.core.testing.factories import UserFactory
from groundswell.follows import services as follow_services
from groundswell.notifications.models import Notification
from groundswell.notifications.selectors import entries
from groundswell.organisations import notifying, services
from groundswell.organisations.models import Role

pytestmark = pytest.mark.django_db


def lines(user) -> list[str]:
    rows = Notification.objects.filter(recipient=user).in_inbox().order_by("id")
    return [f"{e.text} | {e.title} | {e.url}" for e in entries(rows, user)]


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def invite(org, actor, email):
    return services.invitation_create(
        org=org, actor=actor, email=email, role=Role.MEMBER, accept_url=lambda t: f"/x/{t}/"
    )


# --- invitations -------------------------------------------------------------------------------


def test_an_invited_member_sees_the_invitation_with_a_link_that_works(
    org, owner, client_for, commit
) -> None:
    invitee = UserFactory(email="sam@example.org", display_name="Sam")
    with commit():
        inv = invite(org, owner, "Sam@Example.org")
    (line,) = lines(invitee)
    text, title, url = line.split(" | ")
    assert (text, title) == ("Olu Owner invited you to join an organisation", org.name)
    token = url.removeprefix("/organisations/invitations/").strip("/")
    assert url == reverse("organisations:invitation", args=[token])
    assert services.invitation_from_token(token) == inv
    assert client_for(invitee).get(url).status_code == 200
    # The invitation email goes out as before, and the in-site notice adds no second email.
    assert [m.to for m in mail.outbox] == [["sam@example.org"]]


def test_an_address_nobody_has_confirmed_gets_no_site_notice(org, owner, commit) -> None:
    UserFactory(email="unconfirmed@example.org", verified=False)
    with commit():
        invite(org, owner, "unconfirmed@example.org")
        invite(org, owner, "stranger@example.org")
    assert not Notification.objects.exists()


def test_someone_who_blocked_the_inviter_is_not_notified(org, owner, commit) -> None:
    invitee = UserFactory(email="sam@example.org")
    follow_services.block_create(blocker=invitee, blocked=owner)
    with commit():
        invite(org, owner, "sam@example.org")
    assert lines(invitee) == []


# --- requests to join --------------------------------------------------------------------------


def test_a_request_to_join_tells_the_owner_and_admins_only(
    org, owner, org_admin, org_member, member, commit
) -> None:
    with commit():
        services.join_request_create(org=org, user=member, message="Hello")
        services.join_request_create(org=org, user=member, message="Hello again")  # twice
    members_page = reverse("organisations:members", args=[org.slug])
    expected = [f"Mina Member asked to join your organisation | {org.name} | {members_page}"]
    assert lines(owner) == expected
    assert lines(org_admin) == expected
    assert lines(org_member) == lines(member) == []


def test_the_asker_hears_the_answer_without_the_admin_being_named(
    org, owner, member, outsider, commit
) -> None:
    with commit():
        yes = services.join_request_create(org=org, user=member)
        no = services.join_request_create(org=org, user=outsider)
    with commit():
        services.join_request_decide(join_request=yes, actor=owner, accept=True)
        services.join_request_decide(join_request=no, actor=owner, accept=False)
    detail = reverse("organisations:detail", args=[org.slug])
    assert lines(member) == [
        f"An organisation answered your request to join | {org.name} accepted: you are a "
        f"member now | {detail}"
    ]
    assert lines(outsider) == [
        f"An organisation answered your request to join | {org.name} declined | {detail}"
    ]
    assert not Notification.objects.filter(
        type_key=notifying.JOIN_REQUEST_DECIDED, actor__isnull=False
    ).exists()


def test_withdrawing_a_request_tells_nobody_of_an_answer(org, member, commit) -> None:
    with commit():
        jr = services.join_request_create(org=org, user=member)
        services.join_request_withdraw(join_request=jr, user=member)
    assert not Notification.objects.filter(type_key=notifying.JOIN_REQUEST_DECIDED).exists()


def test_the_same_signal_twice_makes_one_notification(org, owner, member, commit) -> None:
    with commit():
        jr = services.join_request_create(org=org, user=member)
    notifying.join_requested(sender=None, join_request=jr)
    assert Notification.objects.filter(recipient=owner).count() == 1


# --- verification ------------------------------------------------------------------------------


def test_verifying_tells_the_owner_without_naming_the_moderator(
    org, owner, org_admin, moderator, commit
) -> None:
    grant_staff_powers(moderator)
    with commit():
        services.organisation_verify(org=org, actor=moderator)
    detail = reverse("organisations:detail", args=[org.slug])
    assert lines(owner) == [f"A moderator verified your organisation | {org.name} | {detail}"]
    assert lines(org_admin) == lines(moderator) == []
    assert Notification.objects.get().actor is None
