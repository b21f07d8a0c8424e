"""Offers and needs as one kind in the content layer ("offer", read "offer or need"): moderation,
reports, appeals, safeguarding and search reach a post through its item and this manifest.
One kind rather than two proxy models: both sides share every rule, and a post's own pages say
"offer" or "need" (Offer.get_side_display); shared pages that name the kind say "offer or need".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext

from groundswell.content import registry
from groundswell.offers import searching
from groundswell.offers.models import Offer, Status

if TYPE_CHECKING:
    from groundswell.content.registry import Viewer

AUDIT_ACTIONS = {
    "hidden": "offer_hidden",
    "restored": "offer_restored",
    "approved": "offer_approved",
    "held": "offer_held",
}


def _visible_to(qs: QuerySet[Any], viewer: Viewer) -> QuerySet[Any]:
    return Offer.objects.visible_to(viewer) & qs


def _url(post: Offer) -> str:
    return reverse("offers:detail", args=[post.pk])


def _not_actionable(post: Offer) -> str | None:
    if post.status == Status.WITHDRAWN:
        return gettext("The author withdrew this. Its words are not shown here.")
    return None


def _changed(post: Offer, *, change: str, cause: str) -> None:
    """After a moderator hid, held, restored or approved it: search and matches follow."""
    from groundswell.offers import tasks

    pk = post.pk

    def run() -> None:
        searching.index_offer(pk)
        tasks.refresh_matches.enqueue(pk)

    transaction.on_commit(run)


def _text(post: Offer) -> str:
    return f"{post.title}\n{post.body}"


MODERATION = registry.Moderation(
    not_actionable=_not_actionable,
    lock_fields=("status",),
    audit_actions=AUDIT_ACTIONS,
    actionable=~Q(status=Status.WITHDRAWN),
    changed=_changed,
    label_plural="offers and needs",
)


def register() -> None:
    registry.register(
        registry.ContentKind(
            key="offer",
            model=Offer,
            label="offer or need",
            visible_to=_visible_to,
            byline=lambda post: post.byline,
            shown_title=lambda post: post.shown_title,
            url=_url,
            select_related=("author", "organisation", "place"),
            moderation=MODERATION,
            search_entry=searching.offer_entry,
            safeguarding_text=_text,
        )
    )
    searching.register()
