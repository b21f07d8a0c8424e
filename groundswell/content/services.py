"""Writes to the content layer. Domain services call `item_create` in their own transaction when
they create a piece of content, and set the returned row as the object's `item`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from groundswell.content import registry
from groundswell.content.models import ContentItem

if TYPE_CHECKING:
    from groundswell.accounts.models import User


def item_create(*, kind: str, author: User | None) -> ContentItem:
    """A new item of a registered kind (call inside the domain service's transaction)."""
    registry.get(kind)  # an unknown key is a programming mistake: fail before writing
    return ContentItem.objects.create(kind=kind, author=author)
