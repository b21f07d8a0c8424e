"""The asset kind in the content layer (groundswell.content.registry), with its moderation and
search parts. The shared apps read this manifest and never import this app."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext

from groundswell.assets import searching
from groundswell.assets.models import Asset, Status
from groundswell.content import registry

if TYPE_CHECKING:
    from groundswell.content.registry import Viewer

AUDIT_HIDDEN = "asset_hidden"
AUDIT_RESTORED = "asset_restored"
AUDIT_APPROVED = "asset_approved"
AUDIT_HELD = "asset_held"


def _visible_to(qs: QuerySet[Any], viewer: Viewer) -> QuerySet[Any]:
    return Asset.objects.visible_to(viewer) & qs


def _url(asset: Asset) -> str:
    return reverse("assets:detail", args=[asset.slug])


def _shown_title(asset: Asset) -> str:
    return gettext("a withdrawn listing") if asset.is_withdrawn else asset.name


def _not_actionable(asset: Asset) -> str | None:
    if asset.status != Status.PUBLISHED:
        return gettext("The listing was withdrawn by the people who look after it.")
    return None


def _changed(asset: Asset, *, change: str, cause: str) -> None:
    """After moderation hid, held, restored or approved an asset: search follows."""
    pk = asset.pk
    transaction.on_commit(lambda: searching.index_asset(pk))


MODERATION = registry.Moderation(
    not_actionable=_not_actionable,
    lock_fields=("status",),
    audit_actions={
        "hidden": AUDIT_HIDDEN,
        "restored": AUDIT_RESTORED,
        "approved": AUDIT_APPROVED,
        "held": AUDIT_HELD,
    },
    actionable=Q(status=Status.PUBLISHED),
    changed=_changed,
    label_plural="assets",
)


def _safeguarding_text(asset: Asset) -> str:
    return f"{asset.name}\n{asset.description}"


def register() -> None:
    registry.register(
        registry.ContentKind(
            key="asset",
            model=Asset,
            label="asset",
            visible_to=_visible_to,
            byline=lambda asset: asset.shown_name,
            shown_title=_shown_title,
            url=_url,
            safeguarding_text=_safeguarding_text,
            select_related=("owner", "organisation", "place"),
            moderation=MODERATION,
            search_entry=searching.asset_entry,
        )
    )
    searching.register()
