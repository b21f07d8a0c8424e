"""The kinds of content, each declared once by the app that owns it (a manifest per kind).

A domain app registers its kinds from its AppConfig.ready()::

    from groundswell.content import registry

    registry.register(registry.ContentKind(
        key="offer", model=Offer, label="offer",
        visible_to=lambda qs, user: qs.visible_to(user),
        byline=lambda offer: offer.byline,
        shown_title=lambda offer: offer.shown_title,
        url=lambda offer: reverse("offers:detail", args=[offer.pk]),
    ))

The shared apps (moderation, search, safeguarding, reactions, reports) read the
manifest and never import the kind's app. Each concern has one rule, here: the same
`visible_to` serves pages, search, feeds, the API and exports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models.signals import post_delete

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from groundswell.accounts.models import User
    from groundswell.content.models import ContentItem

    Viewer = User | AnonymousUser | None


@dataclass(frozen=True)
class SearchEntry:
    """What the search index holds for one piece of content that anyone may find.

    `audience` is who may find it ("public" or "members"); `tags` are the filter tokens
    (search.models.filter_tags); `context_item_id` is the item whose page the result links into
    (a comment's story), or None for the item itself."""

    audience: str
    published_at: datetime
    title: str
    text: str
    tags: str = ""
    context_item_id: int | None = None


@dataclass(frozen=True)
class Moderation:
    """How moderation hides, holds and restores this kind.

    The kind's model carries the standard hiding fields by inheriting
    `moderation.models.Hideable` (`is_hidden`, `hidden_cause`, `hidden_reason`, `hidden_at`,
    `hidden_by`). Moderation writes only those, under a row lock that also reads `lock_fields`.
    """

    # Why a moderator may not act on it now ("The author has deleted this comment."), or None.
    not_actionable: Callable[[Any], str | None]
    # Extra fields `not_actionable` reads, locked with the hiding fields.
    lock_fields: tuple[str, ...] = ()
    # Audit actions (audit.models.AuditAction values) for "hidden", "restored", "approved", "held".
    audit_actions: Mapping[str, str] = field(default_factory=dict)
    # The rows a moderator may act on now, as a filter on the model: the set form of
    # `not_actionable` (held-for-review lists leave the others out). Q() for all of them.
    actionable: models.Q = field(default_factory=models.Q)
    # The rows a moderator may open at all (a story's drafts are only ever its author's: 404).
    reviewable: models.Q = field(default_factory=models.Q)
    # Called inside the moderation transaction after a row was "hidden", "held", "restored" or
    # "approved" (`cause` is the hidden_cause it had before, "" if none), so the kind can update
    # what depends on visibility: search, counters, announcing a post approved after review.
    changed: Callable[..., None] | None = None
    # The plural for lists and filters ("stories"); "" means the label with an "s".
    label_plural: str = ""
    # How moderators see it: a template with the partials "queue" (its cell in the queue),
    # "appeal" (in the list of appeals), "mine" (on its author's decisions page), "name" (in a
    # heading: "Hide <name>") and "review" (its card on the review page), each given `obj`,
    # `kind` and `review_url`. "" for the generic one (moderation/_kind.html: title, byline and a
    # link). `review_context(obj, user)` adds to the review page's context.
    template: str = ""
    review_context: Callable[[Any, Any], dict[str, Any]] | None = None


@dataclass(frozen=True)
class ContentKind:
    """Everything the shared apps need to know about one kind of content."""

    # The registered key, stored in ContentItem.kind: "story", "comment".
    key: str
    # The kind's model; it has `item = OneToOneField("content.ContentItem", CASCADE)`.
    model: type[models.Model]
    # In running text: "Report this {label}", "a hidden {label}".
    label: str
    # The one visibility rule: the rows of `queryset` (of `model`) this viewer may see.
    visible_to: Callable[[models.QuerySet[Any], Viewer], models.QuerySet[Any]]
    # The name it is shown under, on every page (never the real author unless they chose it).
    byline: Callable[[Any], str]
    # Its title as every page but the author's own may show it ("a withdrawn story").
    shown_title: Callable[[Any], str]
    # Where it is read.
    url: Callable[[Any], str]
    # Relations to load with it (resolve, resolve_many), so bylines and titles cost no query.
    select_related: tuple[str, ...] = ()
    # Hiding, holding and restoring; None when moderators cannot hide it.
    moderation: Moderation | None = None
    # What search holds for it; None (or returning None) when it is not searchable now.
    search_entry: Callable[[Any], SearchEntry | None] | None = None
    # The words the safeguarding checks read when it is published.
    safeguarding_text: Callable[[Any], str] | None = None
    # Export and erasure are not here: a kind's app registers its section of "Download my data"
    # with privacy.signals.register_export_section and erases in privacy.signals.account_deleting.


_kinds: dict[str, ContentKind] = {}


class UnknownKind(LookupError):
    pass


def register(kind: ContentKind) -> ContentKind:
    """Add a kind. Call from the owning app's AppConfig.ready(); registering the same key twice
    with another model is a mistake and raises."""
    existing = _kinds.get(kind.key)
    if existing is not None and existing.model is not kind.model:
        raise ValueError(f"Content kind {kind.key!r} is already registered for {existing.model}.")
    if not any(f.name == "item" for f in kind.model._meta.get_fields()):
        raise ValueError(f"{kind.model.__name__} needs an `item` OneToOneField to ContentItem.")
    _kinds[kind.key] = kind
    # A kind's row can go without its item (the author's account is deleted and the row cascades
    # from it): take the item with it, so nothing that points at the item outlives the content.
    post_delete.connect(_delete_item, sender=kind.model, dispatch_uid=f"content.item.{kind.key}")
    return kind


def _delete_item(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    from groundswell.content.models import ContentItem

    item_id = getattr(instance, "item_id", None)
    if item_id is not None:
        ContentItem.objects.filter(pk=item_id).delete()


def unregister(key: str) -> None:
    """For tests that register a kind of their own."""
    kind = _kinds.pop(key, None)
    if kind is not None:
        post_delete.disconnect(sender=kind.model, dispatch_uid=f"content.item.{key}")


def get(key: str) -> ContentKind:
    try:
        return _kinds[key]
    except KeyError:
        raise UnknownKind(key) from None


def kinds() -> list[ContentKind]:
    return list(_kinds.values())


def kind_of(obj: models.Model) -> ContentKind:
    """The kind whose model `obj` is an instance of: its own model's first (a proxy model of
    another kind's model is a kind of its own), then a model it inherits from."""
    for kind in _kinds.values():
        if type(obj) is kind.model:
            return kind
    for kind in _kinds.values():
        if isinstance(obj, kind.model):
            return kind
    raise UnknownKind(type(obj).__name__)


def _objects(kind: ContentKind) -> models.QuerySet[Any]:
    qs = kind.model._default_manager.all()
    if kind.select_related:
        qs = qs.select_related(*kind.select_related)
    return qs


def resolve(item: ContentItem) -> Any:
    """The domain object for one item (one query), or None if it is gone."""
    return _objects(get(item.kind)).filter(item_id=item.pk).first()


def resolve_many(items: Iterable[ContentItem]) -> dict[int, Any]:
    """{item id: domain object} for these items, with one query per kind present.

    Items whose object is gone (or whose kind is no longer registered) are left out."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    for item in items:
        by_kind[item.kind].append(item.pk)
    found: dict[int, Any] = {}
    for key, ids in by_kind.items():
        kind = _kinds.get(key)
        if kind is None:
            continue
        for obj in _objects(kind).filter(item_id__in=ids):
            found[obj.item_id] = obj
    return found


def visible_items(
    items: models.QuerySet[ContentItem], viewer: Viewer
) -> models.QuerySet[ContentItem]:
    """The items of `items` this viewer may see, by each kind's own `visible_to` (one subquery
    per registered kind, in one query).

    Each kind's rule is a correlated EXISTS on its `item` key, not `pk IN (visible rows)`: the
    IN form makes PostgreSQL hash every visible row of every kind (all stories and comments)
    before it looks at the few items asked about; EXISTS probes the kind's unique `item_id`
    index once per item."""
    allowed = models.Q(pk__in=[])
    for kind in _kinds.values():
        visible = kind.visible_to(kind.model._default_manager.all(), viewer)
        # The kind first: PostgreSQL tests an OR's branches in the order written.
        allowed |= models.Q(kind=kind.key) & models.Q(
            models.Exists(visible.order_by().filter(item_id=models.OuterRef("pk")))
        )
    return items.filter(allowed)
