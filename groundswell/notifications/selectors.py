"""Reads: the inbox, the unread count, and what each notification links to for its reader."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from groundswell.content import registry as content_registry
from groundswell.content.models import ContentItem
from groundswell.core.urls import fast_reverse
from groundswell.notifications import registry
from groundswell.notifications.models import Notification

PAGE_SIZE = 20
SOMEONE = gettext_lazy("Someone")


def unread_count(user: Any) -> int:
    """The number in the navigation (one query on a partial index)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user).unread().count()


@dataclass(frozen=True)
class Entry:
    """One line of the inbox or of a summary email, as its reader may see it."""

    notification: Notification
    text: str
    # Where it leads; "" when the thing is gone or the reader may no longer see it.
    url: str
    # The thing's title or name, for the reader (never the title of a hidden or withdrawn piece).
    title: str

    @property
    def available(self) -> bool:
        return bool(self.url)

    @property
    def open_url(self) -> str:
        """Through the site: marks it read, then goes to the thing (links in emails use it)."""
        return open_url(self.notification)


def open_url(notification: Notification) -> str:
    """The link through the site that marks it read, then goes to the thing, if the reader
    may still see it (the open view checks)."""
    return fast_reverse("notifications:open", notification.pk)


def text_of(notification: Notification) -> str:
    """Its line ("Ada commented on your story"): the type's summary with the name the actor
    was shown under. It never quotes the thing's title, so it needs no visibility check."""
    ntype = registry.find_type(notification.type_key)
    summary = str(ntype.summary) if ntype else _("Something happened")
    return summary.replace("{actor}", notification.actor_label or str(SOMEONE))


def _content_targets(notifications: list[Notification], viewer: Any) -> dict[int, tuple[str, str]]:
    """{item id: (url, title)} for the content these point at that the viewer may see now."""
    ids = {n.target_item_id for n in notifications if n.target_item_id}
    if not ids:
        return {}
    items = list(content_registry.visible_items(ContentItem.objects.filter(pk__in=ids), viewer))
    found = content_registry.resolve_many(items)
    kinds = {item.pk: item.kind for item in items}
    out: dict[int, tuple[str, str]] = {}
    for item_id, obj in found.items():
        kind = content_registry.get(kinds[item_id])
        out[item_id] = (kind.url(obj), kind.shown_title(obj))
    return out


def entries(notifications: Iterable[Notification], viewer: Any) -> list[Entry]:
    """The lines for these notifications, targets resolved for `viewer` (one query for
    visibility, one per kind of content for titles and links)."""
    rows = list(notifications)
    targets = _content_targets(rows, viewer)
    out = []
    for n in rows:
        text = text_of(n)
        if n.target_item_id:
            url, title = targets.get(n.target_item_id, ("", ""))
            if url and n.target_url.startswith("#"):
                url += n.target_url
        else:
            url, title = n.target_url, n.target_label
        out.append(Entry(notification=n, text=text, url=url, title=title))
    return out


def inbox_page(user: Any, page_number: str | None) -> tuple[Page[Notification], list[Entry]]:
    """One page of the person's inbox, newest first (unknown page numbers give the nearest)."""
    qs = Notification.objects.filter(recipient=user).in_inbox().order_by("-created_at", "-id")
    paginator = Paginator(qs, PAGE_SIZE)
    page = paginator.get_page(page_number)
    return page, entries(page.object_list, user)


def recent(user: Any, *, limit: int = 20, unread_only: bool = False) -> list[Notification]:
    qs = Notification.objects.filter(recipient=user).in_inbox()
    if unread_only:
        qs = qs.unread()
    return list(qs.order_by("-created_at", "-id")[:limit])
