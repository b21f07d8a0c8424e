from __future__ import annotations

import pytest

from groundswell.content import registry
from groundswell.content.models import ContentItem
from groundswell.content.services import item_create
from groundswell.places.models import Place


def _kind(key: str, model: type) -> registry.ContentKind:
    return registry.ContentKind(
        key=key,
        model=model,
        label=key,
        visible_to=lambda qs, user: qs,
        byline=lambda obj: "",
        shown_title=lambda obj: "",
        url=lambda obj: "/",
    )


def test_unknown_kind_raises_lookup_error() -> None:
    with pytest.raises(registry.UnknownKind):
        registry.get("no-such-kind")


def test_a_model_without_an_item_cannot_register() -> None:
    with pytest.raises(ValueError, match="needs an `item`"):
        registry.register(_kind("place-as-content", Place))
    with pytest.raises(registry.UnknownKind):
        registry.get("place-as-content")


@pytest.mark.django_db
def test_item_create_refuses_an_unregistered_kind(owner) -> None:
    with pytest.raises(registry.UnknownKind):
        item_create(kind="no-such-kind", author=owner)
    assert not ContentItem.objects.exists()


@pytest.mark.django_db
def test_item_keeps_no_author_once_the_account_is_gone(owner) -> None:
    item = ContentItem.objects.create(kind="story", author=owner)
    owner.delete()
    item.refresh_from_db()
    assert item.author_id is None


@pytest.mark.django_db
def test_resolve_many_leaves_out_items_of_unregistered_kinds(owner) -> None:
    item = ContentItem.objects.create(kind="no-such-kind", author=owner)
    assert registry.resolve_many([item]) == {}
