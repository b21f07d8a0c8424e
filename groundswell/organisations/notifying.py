"""What organisations tell people (groundswell.notifications), connected from
OrganisationsConfig.ready() with one line: `notifying.connect()`. The services send the signals
(organisations.signals) after they commit.

- An invitation to an address that belongs to a member ("organisation_invitation"): the invited
  member sees it in the site too, with the link the email carries. Only an address the member
  has confirmed counts, as accepting requires. The invitation email itself still goes out, so
  this type sends no email by default.
- Someone asks to join ("join_request"): the organisation's owner and admins, with a link to the
  members page where requests wait.
- The answer ("join_request_decided"): the person who asked. The organisation answers, not the
  admin who pressed the button, so no admin is named.
- A moderator verifies the organisation ("organisation_verified"): its owner. The moderator is
  not named (the audit log records who it was).

Nobody is told of their own action, and blocks veto through the notifications registry's
suppressors where a person is named.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from groundswell.accounts.models import User
from groundswell.notifications import registry, services
from groundswell.notifications.models import EmailDelivery
from groundswell.organisations import signals
from groundswell.organisations.models import (
    MANAGING_ROLES,
    Invitation,
    JoinRequest,
    Membership,
    Organisation,
    RequestStatus,
    Role,
)

INVITATION = "organisation_invitation"
JOIN_REQUEST = "join_request"
JOIN_REQUEST_DECIDED = "join_request_decided"
VERIFIED = "organisation_verified"


def register_types() -> None:
    registry.register_type(
        INVITATION,
        label=_("Invitations to organisations"),
        description=_(
            "An organisation invites you to join it (the invitation also comes by email)."
        ),
        default_delivery=EmailDelivery.NEVER,
        summary=_("{actor} invited you to join an organisation"),
    )
    registry.register_type(
        JOIN_REQUEST,
        label=_("Requests to join your organisations"),
        description=_("Someone asks to join an organisation you own or run as an admin."),
        default_delivery=EmailDelivery.DAILY,
        summary=_("{actor} asked to join your organisation"),
    )
    registry.register_type(
        JOIN_REQUEST_DECIDED,
        label=_("Answers to your requests to join"),
        description=_("An organisation accepts or declines your request to join it."),
        default_delivery=EmailDelivery.DAILY,
        summary=_("An organisation answered your request to join"),
    )
    registry.register_type(
        VERIFIED,
        label=_("Your organisation verified"),
        description=_("A moderator checks that an organisation you own is who it says it is."),
        default_delivery=EmailDelivery.DAILY,
        summary=_("A moderator verified your organisation"),
    )


def _detail_url(org: Organisation) -> str:
    return reverse("organisations:detail", args=[org.slug])


def invitation_created(sender: Any, invitation: Invitation, **kwargs: Any) -> None:
    from groundswell.organisations.services import invitation_token

    invitee = (
        User.objects.filter(
            emailaddress__email__iexact=invitation.email,
            emailaddress__verified=True,
            is_active=True,
        )
        .distinct()
        .first()
    )
    if invitee is None or not invitation.is_open:
        return
    inviter = invitation.invited_by
    org = invitation.organisation
    services.notify(
        invitee,
        INVITATION,
        actor=inviter,
        actor_label=inviter.public_name if inviter else org.name,
        url=reverse("organisations:invitation", args=[invitation_token(invitation)]),
        label=org.name,
        dedupe_key=f"organisation_invitation:{invitation.pk}",
    )


def join_requested(sender: Any, join_request: JoinRequest, **kwargs: Any) -> None:
    org = join_request.organisation
    asker = join_request.user
    managers = Membership.objects.filter(
        organisation=org, role__in=MANAGING_ROLES, user__is_active=True
    ).select_related("user")
    for membership in managers:
        services.notify(
            membership.user,
            JOIN_REQUEST,
            actor=asker,
            actor_label=asker.public_name,
            url=reverse("organisations:members", args=[org.slug]),
            label=org.name,
            dedupe_key=f"join_request:{join_request.pk}",
        )


def join_request_decided(
    sender: Any, join_request: JoinRequest, actor: Any = None, **kwargs: Any
) -> None:
    org = join_request.organisation
    if join_request.status == RequestStatus.ACCEPTED:
        answer = f"{org.name} accepted: you are a member now"
    elif join_request.status == RequestStatus.DECLINED:
        answer = f"{org.name} declined"
    else:
        return
    if actor is not None and actor.pk == join_request.user_id:
        return
    services.notify(
        join_request.user,
        JOIN_REQUEST_DECIDED,
        url=_detail_url(org),
        label=answer,
        dedupe_key=f"join_request_decided:{join_request.pk}",
    )


def organisation_verified(
    sender: Any, organisation: Organisation, actor: Any = None, **kwargs: Any
) -> None:
    owner = (
        Membership.objects.filter(organisation=organisation, role=Role.OWNER)
        .select_related("user")
        .first()
    )
    if owner is None or (actor is not None and actor.pk == owner.user_id):
        return
    verified_at = organisation.verified_at
    services.notify(
        owner.user,
        VERIFIED,
        url=_detail_url(organisation),
        label=organisation.name,
        # Verified, unverified and verified again is worth hearing about again.
        dedupe_key=f"organisation_verified:{organisation.pk}:{verified_at.isoformat() if verified_at else ''}",
    )


def connect() -> None:
    register_types()
    signals.invitation_created.connect(
        invitation_created, dispatch_uid="notifications_organisation_invitation"
    )
    signals.join_requested.connect(join_requested, dispatch_uid="notifications_join_request")
    signals.join_request_decided.connect(
        join_request_decided, dispatch_uid="notifications_join_request_decided"
    )
    signals.organisation_verified.connect(
        organisation_verified, dispatch_uid="notifications_organisation_verified"
    )
