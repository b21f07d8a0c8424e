from __future__ import annotations

import datetime as dt
import io
import uuid

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from groundswell.accounts.models import User
from groundswell.audit.models import AuditEvent
from groundswell.core.ratelimit import RateLimited
from groundswell.core.staff import grant_staff_powers
from groundswell.core.testing.factories import UserFactory
from groundswell.organisations import services
from groundswell.organisations.models import (
    Invitation,
    JoinRequest,
    Membership,
    Organisation,
    OrganisationStatus,
    RequestStatus,
    Role,
)
from groundswell.organisations.tests.conftest import make_input
from groundswell.privacy.signals import account_deleting


def test_creator_becomes_owner_and_the_slug_comes_from_the_name(org, owner):
    assert org.slug == "levenshulme-walking-group"
    assert Membership.objects.get(organisation=org).role == Role.OWNER
    assert Membership.objects.get(organisation=org).user == owner
    assert not org.is_verified


def test_double_submit_creates_one_organisation(owner):
    key = uuid.uuid4()
    first = services.organisation_create(creator=owner, data=make_input(), submission_key=key)
    second = services.organisation_create(creator=owner, data=make_input(), submission_key=key)
    assert first.pk == second.pk
    assert Organisation.objects.count() == 1


def test_same_name_gets_its_own_address(owner, member):
    a = services.organisation_create(creator=owner, data=make_input())
    b = services.organisation_create(creator=member, data=make_input())
    assert a.slug != b.slug
    assert b.slug == "levenshulme-walking-group-2"


def test_reserved_addresses_are_never_used_as_slugs(owner):
    org = services.organisation_create(creator=owner, data=make_input(name="New"))
    assert org.slug == "new-2"


def test_creating_is_rate_limited_per_person(owner):
    for n in range(services.CREATE_LIMIT[0]):
        services.organisation_create(creator=owner, data=make_input(name=f"Group {n}"))
    with pytest.raises(RateLimited):
        services.organisation_create(creator=owner, data=make_input(name="One too many"))


def _png(size: tuple[int, int] = (40, 30)) -> SimpleUploadedFile:
    out = io.BytesIO()
    image = Image.new("RGB", size, "teal")
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # camera make: must not survive
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile("logo.jpg", out.getvalue(), content_type="image/jpeg")


def test_logo_is_reencoded_without_metadata(owner):
    org = services.organisation_create(
        creator=owner, data=make_input(logo=_png(), logo_alt="A green footprint")
    )
    with org.logo.open("rb") as handle:
        data = handle.read()
    assert b"SecretCam" not in data
    name = org.logo.name or ""
    assert name.endswith(".jpg") and "logo" not in name


def test_logo_needs_alt_text(owner):
    with pytest.raises(ValidationError) as exc:
        services.organisation_create(creator=owner, data=make_input(logo=_png()))
    assert "logo_alt" in exc.value.message_dict


def test_a_file_that_is_not_an_image_is_refused_with_words(owner):
    bad = SimpleUploadedFile("logo.png", b"not an image", content_type="image/png")
    with pytest.raises(ValidationError) as exc:
        services.organisation_create(creator=owner, data=make_input(logo=bad, logo_alt="x"))
    assert "couldn't read this file" in exc.value.message_dict["logo"][0]


def test_moderator_verifies_with_an_audit_event(org, moderator):
    grant_staff_powers(moderator)
    services.organisation_verify(org=org, actor=moderator)
    org.refresh_from_db()
    assert org.verified_by == moderator
    assert org.verified_by_name == "Mo Moderator"
    event = AuditEvent.objects.get(target_type="organisations.organisation")
    assert event.action == "organisation_verified"
    assert event.target_id == str(org.pk)


def test_a_moderator_without_a_two_step_session_cannot_verify(org, moderator):
    with pytest.raises(PermissionDenied):
        services.organisation_verify(org=org, actor=moderator)


def test_join_request_accepted_makes_a_member(org, owner, member):
    jr = services.join_request_create(org=org, user=member, message="I walk there already")
    again = services.join_request_create(org=org, user=member)
    assert again.pk == jr.pk
    services.join_request_decide(join_request=jr, actor=owner, accept=True)
    assert Membership.objects.get(organisation=org, user=member).role == Role.MEMBER
    with pytest.raises(ValidationError):
        services.join_request_decide(join_request=jr, actor=owner, accept=False)


def test_a_plain_member_cannot_answer_requests(org, org_member, member):
    jr = services.join_request_create(org=org, user=member)
    with pytest.raises(PermissionDenied):
        services.join_request_decide(join_request=jr, actor=org_member, accept=True)


def test_declined_request_leaves_no_membership(org, org_admin, member):
    jr = services.join_request_create(org=org, user=member)
    services.join_request_decide(join_request=jr, actor=org_admin, accept=False)
    assert not Membership.objects.filter(user=member).exists()
    assert JoinRequest.objects.get(pk=jr.pk).status == RequestStatus.DECLINED


def _invite(org, actor, email="new.person@example.org", role=Role.MEMBER):
    links: list[str] = []

    def accept_url(token: str) -> str:
        links.append(token)
        return f"https://groundswell.example/organisations/invitations/{token}/"

    inv = services.invitation_create(
        org=org, actor=actor, email=email, role=role, accept_url=accept_url
    )
    return inv, links[0]


def test_invitation_email_link_works_once(org, owner, django_capture_on_commit_callbacks):
    invitee = UserFactory(email="new.person@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        inv, token = _invite(org, owner, email="New.Person@example.org")
    assert len(mail.outbox) == 1
    assert token in mail.outbox[0].body
    assert mail.outbox[0].to == ["new.person@example.org"]
    found = services.invitation_from_token(token)
    services.invitation_accept(invitation=found, user=invitee)
    assert Membership.objects.get(organisation=org, user=invitee).role == Role.MEMBER
    with pytest.raises(ValidationError, match="already been used"):
        services.invitation_from_token(token)


def test_invitation_expires(org, owner):
    inv, token = _invite(org, owner)
    Invitation.objects.filter(pk=inv.pk).update(expires_at=inv.created_at)
    with pytest.raises(ValidationError, match="expired"):
        services.invitation_from_token(token)


def test_invitation_signature_expires_too(org, owner, monkeypatch):
    inv, token = _invite(org, owner)
    later = dt.timedelta(days=services.INVITATION_DAYS + 1)
    import time as time_module

    real = time_module.time
    monkeypatch.setattr(time_module, "time", lambda: real() + later.total_seconds())
    with pytest.raises(ValidationError, match="expired"):
        services.invitation_from_token(token)


def test_tampered_or_revoked_invitation_is_refused(org, owner):
    inv, token = _invite(org, owner)
    with pytest.raises(ValidationError, match="not valid"):
        services.invitation_from_token(token[:-2] + "xx")
    services.invitation_revoke(invitation=inv, actor=owner)
    with pytest.raises(ValidationError, match="withdrawn"):
        services.invitation_from_token(token)


def test_a_new_invitation_replaces_the_old_link(org, owner):
    _, first = _invite(org, owner)
    _, second = _invite(org, owner)
    with pytest.raises(ValidationError):
        services.invitation_from_token(first)
    assert services.invitation_from_token(second)


def test_invitation_for_another_address_cannot_be_used(org, owner, member):
    inv, token = _invite(org, owner)
    with pytest.raises(ValidationError, match="different email"):
        services.invitation_accept(invitation=services.invitation_from_token(token), user=member)
    assert not Membership.objects.filter(user=member).exists()


def test_only_the_owner_invites_admins(org, org_admin):
    with pytest.raises(ValidationError):
        _invite(org, org_admin, role=Role.ADMIN)


def test_owner_leaving_hands_on_to_the_longest_standing_admin(org, owner, org_admin):
    later_admin = UserFactory()
    Membership.objects.create(organisation=org, user=later_admin, role=Role.ADMIN)
    successor = services.membership_leave(org=org, user=owner)
    assert successor is not None and successor.user == org_admin
    assert Membership.objects.get(organisation=org, role=Role.OWNER).user == org_admin


def test_owner_leaving_with_no_admin_archives(org, owner, org_member):
    assert services.membership_leave(org=org, user=owner) is None
    org.refresh_from_db()
    assert org.status == OrganisationStatus.ARCHIVED
    assert not Organisation.objects.listed().filter(pk=org.pk).exists()


def test_transfer_keeps_exactly_one_owner(org, owner, org_member):
    membership = Membership.objects.get(user=org_member)
    services.ownership_transfer(org=org, actor=owner, membership=membership)
    roles = dict(Membership.objects.filter(organisation=org).values_list("user_id", "role"))
    assert roles == {owner.pk: Role.ADMIN, org_member.pk: Role.OWNER}


def test_admin_cannot_remove_another_admin_or_the_owner(org, owner, org_admin):
    other_admin = UserFactory()
    target = Membership.objects.create(organisation=org, user=other_admin, role=Role.ADMIN)
    with pytest.raises(PermissionDenied):
        services.membership_remove(org=org, actor=org_admin, membership=target)
    with pytest.raises(PermissionDenied):
        services.membership_remove(
            org=org, actor=org_admin, membership=Membership.objects.get(user=owner)
        )
    services.membership_remove(org=org, actor=owner, membership=target)
    assert not Membership.objects.filter(user=other_admin).exists()


def account_delete(*, user: User, mode: str) -> None:
    """What privacy.services.account_delete does for other apps: the signal inside the
    transaction, then the account goes."""
    account_deleting.send(sender=User, user=user, mode=mode)
    user.delete()


def test_erasing_the_owner_hands_on_and_removes_their_rows(org, owner, org_admin, member):
    jr = services.join_request_create(org=org, user=member)
    inv, _ = _invite(org, owner, email=member.email)
    account_delete(user=member, mode="everything")
    assert not JoinRequest.objects.filter(pk=jr.pk).exists()
    assert not Invitation.objects.filter(pk=inv.pk).exists()
    account_delete(user=owner, mode="everything")
    assert Membership.objects.get(organisation=org, role=Role.OWNER).user == org_admin
    org.refresh_from_db()
    assert org.status == OrganisationStatus.ACTIVE
    assert org.created_by is None


def test_erasing_the_only_manager_archives(org, owner, org_member):
    account_delete(user=owner, mode="anonymise")
    org.refresh_from_db()
    assert org.status == OrganisationStatus.ARCHIVED
    assert Membership.objects.filter(organisation=org).count() == 1


@override_settings(STORY_IMAGE_MAX_BYTES=1000)
def test_oversized_logo_is_refused(owner):
    with pytest.raises(ValidationError) as exc:
        services.organisation_create(
            creator=owner, data=make_input(logo=_png((400, 400)), logo_alt="x")
        )
    assert "too large" in exc.value.message_dict["logo"][0]


def test_an_invitation_never_reaches_someone_who_blocked_the_inviter(
    org, owner, django_capture_on_commit_callbacks
):
    from groundswell.follows import services as follow_services
    from groundswell.notifications.models import Notification

    invitee = UserFactory(email="kept.away@example.org")
    follow_services.block_create(blocker=invitee, blocked=owner)
    with django_capture_on_commit_callbacks(execute=True):
        inv = services.invitation_create(
            org=org, actor=owner, email="kept.away@example.org", role=Role.MEMBER, accept_url=str
        )
    assert inv.pk is not None  # the inviter sees it as sent
    assert mail.outbox == []
    assert not Notification.objects.filter(recipient=invitee).exists()
    follow_services.block_delete(blocker=invitee, blocked=owner)
    with django_capture_on_commit_callbacks(execute=True):
        _invite(org, owner, email="kept.away@example.org")
    assert len(mail.outbox) == 1
