"""Connections to the shared apps, made once from OffersConfig.ready(): follows, the data export,
erasure on account deletion, and the messaging contact permit."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from groundswell.offers.models import Offer, Response, Status


def _get_for_user(viewer: Any, lookup: str) -> Offer:
    from groundswell.offers.permissions import get_offer_for_user

    if not lookup.isdigit():
        raise Http404("Nothing to follow here")
    return get_offer_for_user(viewer, int(lookup))


def may_write(sender: Any, person: Any) -> bool:
    """Posting an offer or a need is consent to hear from whoever replies to it: the person who
    replied and the poster may then write to each other, while the post is not withdrawn."""
    live = ~Q(post__status=Status.WITHDRAWN)
    return (
        Response.objects.filter(live)
        .filter(
            Q(helper_id=sender.pk, post__author_id=person.pk, post__organisation__isnull=True)
            | Q(helper_id=person.pk, post__author_id=sender.pk, post__organisation__isnull=True)
        )
        .exists()
    )


def _export(user: Any) -> list[dict[str, Any]]:
    from groundswell.offers.services import export_for

    return export_for(user)


def _erase(sender: Any, user: Any, **kwargs: Any) -> None:
    from groundswell.offers.services import erase_for_user

    erase_for_user(user)


def connect() -> None:
    from groundswell.follows.registry import register_followable
    from groundswell.messaging.permissions import register_contact_permit
    from groundswell.privacy.signals import account_deleting, register_export_section

    register_followable(
        "offer",
        Offer,
        label=_("offer or need"),
        lookup_field="pk",
        get_for_user=_get_for_user,
        name=lambda post: post.title,
        url=lambda post: reverse("offers:detail", args=[post.pk]),
    )
    register_contact_permit("offers.replies", may_write)
    register_export_section(
        "offers_and_needs",
        _export,
        description=_("Offers and needs you posted, and your replies to others'."),
    )
    account_deleting.connect(_erase, dispatch_uid="offers.erase")
