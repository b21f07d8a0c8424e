"""The assets app's registrations with the shared apps, called once from AppConfig.ready():
content kind (moderation, search), notifications, follows, "Download my data" and erasure,
audit labels, the claims staff screen, the review reminders job, the API and messaging."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

# Visitors' stored copies of the list (core/pagecache.py) end when a row the cards show changes.
LIST_SCOPE = "list:assets"


def _watch_for_page_cache() -> None:
    """What ends visitors' stored copies of /assets/: an asset's card fields (a review date or a
    reminder does not), its opening times and its topics. Organisation renames are not watched
    (stories own that table's watch): a card may show an old name for PAGE_CACHE_SECONDS."""
    from groundswell.assets.models import Asset, OpeningTime
    from groundswell.core import pagecache

    pagecache.watch(
        Asset,
        scopes=(LIST_SCOPE,),
        columns=(
            "kind",
            "name",
            "slug",
            "description",
            "place_id",
            "organisation_id",
            "owner_id",
            "accessibility",
            "audience",
            "shown_as",
            "status",
            "is_hidden",
        ),
    )
    pagecache.watch(OpeningTime, scopes=(LIST_SCOPE,))
    pagecache.watch(Asset.topics.through, scopes=(LIST_SCOPE,))


def _erase_member(sender: Any, *, user: Any, **kwargs: Any) -> None:
    from groundswell.assets import services

    services.member_erase(user=user)


def _get_for_follow(viewer: Any, lookup: str) -> Any:
    from groundswell.assets.permissions import get_asset_for_user

    return get_asset_for_user(viewer, lookup)


def _may_message_gift_owner(sender: Any, person: Any) -> bool:
    """Anyone who can see a person's published gift may write to them about it (a gift's only
    contact is messages), and the person whose gift it is may answer whoever wrote first."""
    from groundswell.assets.models import Asset, AssetKind
    from groundswell.messaging.models import Conversation, ConversationKind

    gifts = Asset.objects.filter(kind=AssetKind.GIFT)
    if gifts.visible_to(sender).filter(owner_id=person.pk).exists():
        return True
    # The reply direction: permits are asked of each direction separately, and without this
    # the person behind a gift could read a message about it but never answer.
    if sender.pk == person.pk or not gifts.published().filter(owner_id=sender.pk).exists():
        return False
    low, high = sorted((sender.pk, person.pk))
    return Conversation.objects.filter(
        kind=ConversationKind.PEOPLE, key=f"people:{low}:{high}", started_by_id=person.pk
    ).exists()


def _claims_count(user: Any) -> int:
    from groundswell.assets.permissions import claims_decidable_by

    return claims_decidable_by(user).count()


def _may_decide_claims(user: Any) -> bool:
    from groundswell.assets.permissions import can_decide_claims

    return can_decide_claims(user)


def _remind() -> dict[str, int]:
    from groundswell.assets import services

    return services.asset_remind_stale()


def connect() -> None:
    from django.urls import reverse

    from groundswell.api.routers import register_router
    from groundswell.assets import content, notifying, searching, selectors, services, signals
    from groundswell.assets.api import router
    from groundswell.assets.models import Asset
    from groundswell.audit.models import register_action
    from groundswell.core.scheduled import register_job
    from groundswell.core.staffscreens import register_staff_screen
    from groundswell.follows.registry import register_followable
    from groundswell.messaging.permissions import register_contact_permit
    from groundswell.privacy.signals import account_deleting, register_export_section

    content.register()
    notifying.connect()
    _watch_for_page_cache()
    signals.asset_changed.connect(searching.on_asset_changed, dispatch_uid="assets_search_index")

    register_followable(
        "asset",
        Asset,
        label=_("listing"),
        lookup_field="slug",
        get_for_user=_get_for_follow,
        name=lambda asset: asset.name,
        url=lambda asset: reverse("assets:detail", args=[asset.slug]),
    )
    register_contact_permit("assets.gift", _may_message_gift_owner)

    account_deleting.connect(_erase_member, dispatch_uid="assets_erase_member")
    register_export_section(
        "assets_listed",
        selectors.export_listings,
        description=_("Community assets you added or look after, and your gifts and skills."),
    )
    register_export_section(
        "assets_claims",
        selectors.export_claims,
        description=_("Your requests to look after listings on the community map."),
    )

    register_action(services.AUDIT_CLAIM_ACCEPTED, _("Accepted a claim on a listing"))
    register_action(services.AUDIT_CLAIM_DECLINED, _("Declined a claim on a listing"))
    register_action(content.AUDIT_HIDDEN, _("Hid a community asset"))
    register_action(content.AUDIT_RESTORED, _("Restored a community asset"))
    register_action(content.AUDIT_APPROVED, _("Approved a community asset held for review"))
    register_action(content.AUDIT_HELD, _("Held a community asset for review"))

    register_staff_screen(
        "asset_claims",
        _("Claims on listings"),
        "assets:claims",
        _may_decide_claims,
        count=_claims_count,
    )
    # The organisers' gap view (gaps.py, at /staff/gaps/).
    from groundswell.assets.gaps import can_see_gaps

    register_staff_screen("asset_gaps", _("Gaps in the asset map"), "staff_gaps:gaps", can_see_gaps)
    register_job("assets.review_reminders", _remind, every_minutes=60)
    register_router(router)
