"""Where a moderator reviews, and an author appeals, a piece of content of any kind.

Stories and comments keep their own addresses (moderation/stories/<pk>/...); any other kind
registered with `moderation=` is reached under moderation/content/<kind>/<pk>/. A kind gets its
own address only by naming its routes "<kind>", "<kind>_<action>" and "appeal_<kind>"."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse


def review_url(key: str, pk: int, action: str = "") -> str:
    """The review page ("") or an action ("hide", "restore", "approve", "close") for this item."""
    suffix = f"_{action}" if action else ""
    try:
        return reverse(f"moderation:{key}{suffix}", args=[pk])
    except NoReverseMatch:
        return reverse(f"moderation:item{suffix}", kwargs={"kind": key, "pk": pk})


def appeal_url(key: str, pk: int) -> str:
    try:
        return reverse(f"moderation:appeal_{key}", args=[pk])
    except NoReverseMatch:
        return reverse("moderation:appeal_item", kwargs={"kind": key, "pk": pk})
