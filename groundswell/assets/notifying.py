"""What assets tell people (groundswell.notifications), connected from wiring.connect().
The services send the signals (assets.signals) after they commit.

- A claim answered ("asset_claim_decided"): the person who asked. The site answers, not the
  moderator or organiser who pressed the button, so no one is named (the audit log records it).
- A listing not checked for ASSETS_REVIEW_AFTER_DAYS ("asset_review_due"): its owner, once per
  staleness, with a link to the listing where "Still correct" waits.
- A followed listing changed ("asset_updated"): the people following it, linked to the content
  item so a hidden or withdrawn listing never shows its name in their inbox.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from groundswell.assets import signals
from groundswell.assets.models import Asset, ClaimRequest, ClaimStatus
from groundswell.notifications import registry, services
from groundswell.notifications.models import EmailDelivery

CLAIM_DECIDED = "asset_claim_decided"
REVIEW_DUE = "asset_review_due"
UPDATED = "asset_updated"


def register_types() -> None:
    registry.register_type(
        CLAIM_DECIDED,
        label=_("Answers to your claims on listings"),
        description=_("Your request to look after a listing on the community map is answered."),
        default_delivery=EmailDelivery.DAILY,
        summary=_("Your claim on a listing was answered"),
    )
    registry.register_type(
        REVIEW_DUE,
        label=_("Listings to check"),
        description=_(
            "A listing you look after has not been checked for a while: is it still right?"
        ),
        default_delivery=EmailDelivery.IMMEDIATE,
        summary=_("Please check a listing you look after is still right"),
    )
    registry.register_type(
        UPDATED,
        label=_("Changes to listings you follow"),
        description=_("A community asset you follow changes its details or opening times."),
        default_delivery=EmailDelivery.WEEKLY,
        summary=_("A listing you follow was updated"),
    )


def claim_decided(sender: Any, claim: ClaimRequest, actor: Any = None, **kwargs: Any) -> None:
    asset = claim.asset
    if claim.status == ClaimStatus.ACCEPTED:
        label = gettext("Accepted: you look after %(name)s now") % {"name": asset.name}
    else:
        label = gettext("Declined: %(name)s") % {"name": asset.name}
    services.notify(
        claim.user,
        CLAIM_DECIDED,
        url=reverse("assets:detail", args=[asset.slug]),
        label=label,
        dedupe_key=f"asset_claim_decided:{claim.pk}",
    )


def review_due(sender: Any, asset: Asset, **kwargs: Any) -> None:
    reminded = asset.review_reminded_at.isoformat() if asset.review_reminded_at else ""
    services.notify(
        asset.owner,
        REVIEW_DUE,
        url=reverse("assets:detail", args=[asset.slug]),
        label=asset.name,
        dedupe_key=f"asset_review_due:{asset.pk}:{reminded}",
    )


def asset_changed(sender: Any, asset_id: int, **kwargs: Any) -> None:
    from groundswell.follows.models import Follow

    asset = Asset.objects.filter(pk=asset_id).select_related("item").first()
    if asset is None or not asset.is_published:
        return
    followers = Follow.objects.filter(target_kind="asset", target_id=asset_id).select_related(
        "follower"
    )
    stamp = asset.updated_at.isoformat()
    for follow in followers:
        services.notify(
            follow.follower,
            UPDATED,
            target=asset.item,
            dedupe_key=f"asset_updated:{asset_id}:{stamp}",
        )


def connect() -> None:
    register_types()
    signals.claim_decided.connect(claim_decided, dispatch_uid="assets_notify_claim_decided")
    signals.review_due.connect(review_due, dispatch_uid="assets_notify_review_due")
    signals.asset_changed.connect(asset_changed, dispatch_uid="assets_notify_followers")
