"""Every change to organisations, memberships, join requests and invitations.

Each service runs in one transaction; emails go after it commits. Rules on who may do what are
asked of `organisations.permissions`; a service refuses (PermissionDenied) what a view should
never have offered, and raises ValidationError with plain words for what a person can fix.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from groundswell.audit.services import audit_record
from groundswell.core.ratelimit import check_rate
from groundswell.core.uploads import reencode_image
from groundswell.organisations import permissions, signals
from groundswell.organisations.models import (
    Invitation,
    JoinRequest,
    Membership,
    Organisation,
    OrganisationStatus,
    RequestStatus,
    Role,
)
from groundswell.sitepages.identity import email_subject_prefix, from_email, site_name

if TYPE_CHECKING:
    from groundswell.accounts.models import User
    from groundswell.places.models import Place
    from groundswell.topics.models import Topic

# Audit actions (groundswell.audit): plain strings until audit's list of choices names them.
AUDIT_VERIFIED = "organisation_verified"
AUDIT_UNVERIFIED = "organisation_unverified"

INVITATION_DAYS = 14
INVITATION_SALT = "groundswell.organisations.invitation"
CREATE_LIMIT = (5, 24 * 3600)  # new organisations per person per day
INVITE_LIMIT = (30, 3600)  # invitations per organisation per hour
JOIN_LIMIT = (20, 3600)  # join requests per person per hour
RESERVED_SLUGS = {
    "new",
    "mine",
    "invitations",
    "to-verify",
}  # addresses under /organisations/ (urls.py)


@dataclass
class OrganisationInput:
    name: str
    kind: str
    description: str
    places: Sequence[Place] = ()
    topics: Sequence[Topic] = ()
    contact_email: str = ""
    contact_phone: str = ""
    website: str = ""
    accessibility: str = ""
    logo: UploadedFile | None = None
    logo_alt: str = ""
    remove_logo: bool = False
    members_may_post: bool = False


def _unique_slug(name: str) -> str:
    base = slugify(name)[:120].strip("-") or "organisation"
    slug, n = base, 1
    while slug in RESERVED_SLUGS or Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _apply(org: Organisation, data: OrganisationInput) -> None:
    org.name = data.name
    org.kind = data.kind
    org.description = data.description
    org.contact_email = data.contact_email
    org.contact_phone = data.contact_phone
    org.website = data.website
    org.accessibility = data.accessibility
    org.logo_alt = data.logo_alt
    org.members_may_post = data.members_may_post
    if data.remove_logo and not data.logo:
        org.logo = ""
        org.logo_alt = ""
    if data.logo is not None:
        name, content = reencode_image(
            data.logo, field="logo", max_bytes=settings.STORY_IMAGE_MAX_BYTES, max_side=600
        )
        org.logo.save(name, content, save=False)
    if org.logo and not org.logo_alt:
        raise ValidationError({"logo_alt": _("Describe the logo for people using screen readers.")})


@transaction.atomic
def organisation_create(
    *,
    creator: User,
    data: OrganisationInput,
    submission_key: uuid.UUID | None = None,
    check_limit: bool = True,
) -> Organisation:
    """Create an organisation with `creator` as its owner. A repeated submission_key returns the
    first one (double submit). Limited per person (core/ratelimit.py; raises RateLimited) unless
    check_limit is False (the demo loader)."""
    if submission_key is not None:
        existing = Organisation.objects.filter(
            created_by=creator, submission_key=submission_key
        ).first()
        if existing is not None:
            return existing
    if check_limit:
        check_rate(f"organisation-create:user:{creator.pk}", *CREATE_LIMIT)
    org = Organisation(created_by=creator, submission_key=submission_key)
    _apply(org, data)
    org.slug = _unique_slug(data.name)
    org.full_clean(exclude=["created_by", "submission_key", "logo", "slug"])
    try:
        with transaction.atomic():
            org.save()
    except IntegrityError:
        # A second request with the same key won the race: use its organisation.
        return Organisation.objects.get(created_by=creator, submission_key=submission_key)
    org.places.set(list(data.places))
    org.topics.set(list(data.topics))
    Membership.objects.create(organisation=org, user=creator, role=Role.OWNER)
    permissions.remember_role(creator, org, Role.OWNER)
    return org


@transaction.atomic
def organisation_update(*, org: Organisation, actor: User, data: OrganisationInput) -> Organisation:
    if not permissions.can_manage(actor, org):
        raise PermissionDenied(_("Only the organisation's owner and admins can change it."))
    _apply(org, data)
    org.full_clean(exclude=["created_by", "submission_key", "logo", "slug"])
    org.save()
    org.places.set(list(data.places))
    org.topics.set(list(data.topics))
    return org


@transaction.atomic
def organisation_verify(
    *, org: Organisation, actor: User, request: HttpRequest | None = None
) -> Organisation:
    """A moderator has checked the organisation is who it says it is. Recorded in the audit log."""
    if not permissions.can_verify(actor, org):
        raise PermissionDenied(
            _("Only moderators, and organisers in its places, can verify organisations.")
        )
    org.verified_at = timezone.now()
    org.verified_by = actor
    org.verified_by_name = actor.public_name
    org.save(update_fields=["verified_at", "verified_by", "verified_by_name", "updated_at"])
    audit_record(
        actor=actor, action=AUDIT_VERIFIED, target=org, details={"name": org.name}, request=request
    )
    transaction.on_commit(
        lambda: signals.organisation_verified.send(
            sender=Organisation, organisation=org, actor=actor
        )
    )
    return org


@transaction.atomic
def organisation_unverify(
    *, org: Organisation, actor: User, request: HttpRequest | None = None
) -> Organisation:
    if not permissions.can_verify(actor, org):
        raise PermissionDenied(
            _("Only moderators, and organisers in its places, can verify organisations.")
        )
    org.verified_at = None
    org.verified_by = None
    org.verified_by_name = ""
    org.save(update_fields=["verified_at", "verified_by", "verified_by_name", "updated_at"])
    audit_record(
        actor=actor,
        action=AUDIT_UNVERIFIED,
        target=org,
        details={"name": org.name},
        request=request,
    )
    return org


# Join requests


@transaction.atomic
def join_request_create(
    *, org: Organisation, user: User, message: str = "", check_limit: bool = True
) -> JoinRequest:
    """Ask to join. Asking again while a request is waiting returns that request."""
    if not org.is_active:
        raise PermissionDenied
    if permissions.is_member(user, org):
        raise ValidationError(_("You are already a member of this organisation."))
    pending = JoinRequest.objects.filter(
        organisation=org, user=user, status=RequestStatus.PENDING
    ).first()
    if pending is not None:
        return pending
    if check_limit:
        check_rate(f"organisation-join:user:{user.pk}", *JOIN_LIMIT)
    try:
        with transaction.atomic():
            jr = JoinRequest.objects.create(organisation=org, user=user, message=message)
    except IntegrityError:
        return JoinRequest.objects.get(organisation=org, user=user, status=RequestStatus.PENDING)
    transaction.on_commit(lambda: signals.join_requested.send(sender=JoinRequest, join_request=jr))
    return jr


@transaction.atomic
def join_request_decide(*, join_request: JoinRequest, actor: User, accept: bool) -> JoinRequest:
    jr = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if not permissions.can_manage(actor, jr.organisation):
        raise PermissionDenied
    if jr.status != RequestStatus.PENDING:
        raise ValidationError(_("This request has already been answered."))
    jr.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    jr.decided_at = timezone.now()
    jr.decided_by = actor
    jr.save(update_fields=["status", "decided_at", "decided_by"])
    if accept:
        Membership.objects.get_or_create(
            organisation=jr.organisation, user=jr.user, defaults={"role": Role.MEMBER}
        )
    transaction.on_commit(
        lambda: signals.join_request_decided.send(sender=JoinRequest, join_request=jr, actor=actor)
    )
    return jr


@transaction.atomic
def join_request_withdraw(*, join_request: JoinRequest, user: User) -> JoinRequest:
    if join_request.user_id != user.pk:
        raise PermissionDenied
    if join_request.status == RequestStatus.PENDING:
        join_request.status = RequestStatus.WITHDRAWN
        join_request.decided_at = timezone.now()
        join_request.save(update_fields=["status", "decided_at"])
    return join_request


# Invitations


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation:
    """The invitation a link names. ValidationError in plain words if the link is broken,
    expired, already used or withdrawn."""
    try:
        payload = signing.loads(
            token, salt=INVITATION_SALT, max_age=dt.timedelta(days=INVITATION_DAYS)
        )
    except signing.SignatureExpired as exc:
        raise ValidationError(
            _("This invitation has expired. Ask the organisation to send a new one.")
        ) from exc
    except signing.BadSignature as exc:
        raise ValidationError(
            _("This invitation link is not valid. Check you copied all of it.")
        ) from exc
    invitation = None
    if isinstance(payload, dict) and isinstance(payload.get("i"), int):
        invitation = (
            Invitation.objects.select_related("organisation")
            .filter(pk=payload["i"], nonce=str(payload.get("n", "")))
            .first()
        )
    if invitation is None or not invitation.organisation.is_active:
        raise ValidationError(_("This invitation link is not valid. Check you copied all of it."))
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."))
    if invitation.revoked_at is not None:
        raise ValidationError(_("This invitation was withdrawn by the organisation."))
    if invitation.expires_at <= timezone.now():
        raise ValidationError(
            _("This invitation has expired. Ask the organisation to send a new one.")
        )
    return invitation


@transaction.atomic
def invitation_create(
    *, org: Organisation, actor: User, email: str, role: str, accept_url: Any
) -> Invitation:
    """Invite an email address. `accept_url(token)` makes the absolute link for the email.
    Only the owner invites admins; admins invite members."""
    if not permissions.can_manage(actor, org):
        raise PermissionDenied
    if role not in (Role.ADMIN, Role.MEMBER):
        raise ValidationError({"role": _("Choose admin or member.")})
    if role == Role.ADMIN and not permissions.is_owner(actor, org):
        raise ValidationError({"role": _("Only the owner can invite admins.")})
    email = email.strip().lower()
    if org.memberships.filter(user__emailaddress__email__iexact=email).exists():
        raise ValidationError({"email": _("Someone with this email address is already a member.")})
    check_rate(f"organisation-invite:org:{org.pk}", *INVITE_LIMIT)
    # A new invitation replaces an open one to the same address, so only the newest link works.
    Invitation.objects.filter(
        organisation=org, email=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    invitation = Invitation.objects.create(
        organisation=org,
        email=email,
        role=role,
        nonce=secrets.token_hex(16),
        invited_by=actor,
        expires_at=timezone.now() + dt.timedelta(days=INVITATION_DAYS),
    )
    if _blocked_either_way(actor, email):
        # Kept, so the inviter sees nothing different, but never sent: a block means the
        # person hears nothing from the one they blocked (or who blocked them).
        return invitation
    link = accept_url(invitation_token(invitation))
    context = {
        "org": org,
        "inviter": actor.public_name,
        "role": invitation.get_role_display().lower(),
        "link": link,
        "days": INVITATION_DAYS,
        "SITE_NAME": site_name(),
    }
    subject = email_subject_prefix() + _("You're invited to join %(name)s") % {"name": org.name}
    body = render_to_string("organisations/email/invitation.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, from_email(), [email]))
    transaction.on_commit(
        lambda: signals.invitation_created.send(sender=Invitation, invitation=invitation)
    )
    return invitation


def _blocked_either_way(actor: User, email: str) -> bool:
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from groundswell.follows.selectors import is_blocked

    people = (
        get_user_model()
        .objects.filter(Q(email__iexact=email) | Q(emailaddress__email__iexact=email))
        .distinct()
    )
    return any(is_blocked(actor, person) for person in people)


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """The invitee, signed in with the invited address verified, joins. The link then stops working."""
    inv = (
        Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
    )
    if not inv.is_open or inv.expires_at <= timezone.now():
        raise ValidationError(_("This invitation has already been used or has expired."))
    if not user.emailaddress_set.filter(email__iexact=inv.email, verified=True).exists():  # type: ignore[attr-defined]
        raise ValidationError(
            _(
                "This invitation was sent to a different email address. Sign in with that address, "
                "or add it to your account and confirm it, then open the link again."
            )
        )
    if permissions.is_member(user, inv.organisation):
        raise ValidationError(_("You are already a member of this organisation."))
    inv.accepted_at = timezone.now()
    inv.accepted_by = user
    inv.save(update_fields=["accepted_at", "accepted_by"])
    membership = Membership.objects.create(organisation=inv.organisation, user=user, role=inv.role)
    JoinRequest.objects.filter(
        organisation=inv.organisation, user=user, status=RequestStatus.PENDING
    ).update(status=RequestStatus.ACCEPTED, decided_at=inv.accepted_at)
    return membership


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: User) -> Invitation:
    if not permissions.can_manage(actor, invitation.organisation):
        raise PermissionDenied
    if invitation.is_open:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
    return invitation


# Memberships


def _hand_on(org: Organisation, leaving: User) -> Membership | None:
    """The owner is going: the longest-standing admin becomes owner; with no admin the
    organisation is archived (nobody is left who may run it). Returns the new owner's membership."""
    successor = (
        Membership.objects.select_for_update()
        .filter(organisation=org, role=Role.ADMIN)
        .exclude(user=leaving)
        .order_by("joined_at", "id")
        .first()
    )
    Membership.objects.filter(organisation=org, user=leaving).delete()
    if successor is None:
        org.status = OrganisationStatus.ARCHIVED
        org.save(update_fields=["status", "updated_at"])
        return None
    successor.role = Role.OWNER
    successor.save(update_fields=["role"])
    return successor


@transaction.atomic
def membership_leave(*, org: Organisation, user: User) -> Membership | None:
    """Leave an organisation. An owner's leaving hands it on (see _hand_on); returns the new
    owner's membership then."""
    membership = Membership.objects.select_for_update().filter(organisation=org, user=user).first()
    if membership is None:
        return None
    permissions.remember_role(user, org, None)
    if membership.role == Role.OWNER:
        return _hand_on(org, user)
    membership.delete()
    return None


@transaction.atomic
def membership_remove(*, org: Organisation, actor: User, membership: Membership) -> None:
    """The owner removes anyone else; an admin removes members."""
    if membership.organisation_id != org.pk or not permissions.can_manage(actor, org):
        raise PermissionDenied
    if membership.user_id == actor.pk:
        raise ValidationError(_("To remove yourself, leave the organisation."))
    if membership.role == Role.OWNER:
        raise PermissionDenied
    if membership.role == Role.ADMIN and not permissions.is_owner(actor, org):
        raise PermissionDenied
    membership.delete()


@transaction.atomic
def membership_set_role(
    *, org: Organisation, actor: User, membership: Membership, role: str
) -> Membership:
    """The owner makes a member an admin or an admin a member."""
    if membership.organisation_id != org.pk or not permissions.is_owner(actor, org):
        raise PermissionDenied
    if role not in (Role.ADMIN, Role.MEMBER) or membership.role == Role.OWNER:
        raise ValidationError(_("Choose admin or member."))
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def ownership_transfer(*, org: Organisation, actor: User, membership: Membership) -> Membership:
    """The owner hands the organisation to another member, and stays on as an admin."""
    if membership.organisation_id != org.pk or not permissions.is_owner(actor, org):
        raise PermissionDenied
    if membership.user_id == actor.pk:
        raise ValidationError(_("You already own this organisation."))
    Membership.objects.filter(organisation=org, user=actor).update(role=Role.ADMIN)
    membership.role = Role.OWNER
    membership.save(update_fields=["role"])
    permissions.remember_role(actor, org, Role.ADMIN)
    return membership


def member_erase(*, user: User) -> dict[str, int]:
    """An account is being erased (privacy.signals.account_deleting, inside its transaction):
    organisations it owned are handed on or archived; its memberships, join requests and
    invitations addressed to it go. Invitations it sent stay for the organisation, unsigned."""
    owned = Organisation.objects.filter(memberships__user=user, memberships__role=Role.OWNER)
    handed = archived = 0
    for org in owned:
        if _hand_on(org, user) is None:
            archived += 1
        else:
            handed += 1
    emails = list(user.emailaddress_set.values_list("email", flat=True))  # type: ignore[attr-defined]
    if user.email:
        emails.append(user.email)
    invitations, _ = Invitation.objects.filter(
        email__in=[e.lower() for e in emails], accepted_at__isnull=True
    ).delete()
    memberships, _ = Membership.objects.filter(user=user).delete()
    requests, _ = JoinRequest.objects.filter(user=user).delete()
    return {
        "organisations_handed_on": handed,
        "organisations_archived": archived,
        "memberships": memberships,
        "join_requests": requests,
        "invitations_received": invitations,
    }
