"""How organisations plug into the shared apps: the data export and account erasure."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from groundswell.organisations import selectors, services


def erase_member(sender: Any, *, user: Any, **kwargs: Any) -> None:
    services.member_erase(user=user)


def register_followable() -> None:
    """People follow an organisation to see what it posts (stories posted as it) in Following."""
    from django.db.models import Q
    from django.urls import reverse

    from groundswell.follows import registry
    from groundswell.organisations.models import Organisation
    from groundswell.organisations.permissions import can_follow, get_organisation_for_user

    registry.register_followable(
        "organisation",
        Organisation,
        label=_("organisation"),
        lookup_field="slug",
        feed_filter=lambda ids: Q(organisation_id__in=ids),  # a Q on stories.Story
        get_for_user=get_organisation_for_user,
        can_follow=can_follow,
        name=lambda org: org.name,
        url=lambda org: reverse("organisations:detail", args=[org.slug]),
    )


def connect() -> None:
    from groundswell.privacy.signals import account_deleting, register_export_section

    register_followable()
    account_deleting.connect(erase_member, dispatch_uid="organisations_erase_member")
    register_export_section(
        "organisation_memberships",
        selectors.export_memberships,
        description=_("The organisations you belong to and your role in each."),
    )
    register_export_section(
        "organisation_join_requests",
        selectors.export_join_requests,
        description=_("Your requests to join organisations, with what you wrote."),
    )
    register_export_section(
        "organisation_invitations_sent",
        selectors.export_invitations_sent,
        description=_("Invitations to organisations you sent, and the addresses you sent them to."),
    )
    register_export_section(
        "organisations_created",
        selectors.export_organisations_created,
        description=_("The organisations you created."),
    )
