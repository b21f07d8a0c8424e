"""Reads for the moderation queue and item pages, each in a fixed number of queries.

Content of every kind is reached through its content item and its kind's manifest
(content.registry): one query per kind present on a page, never one per row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce
from operator import or_
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import CharField, Count, F, Max, Min, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from groundswell.accounts.models import User
from groundswell.content import registry
from groundswell.content.models import ContentItem
from groundswell.moderation import links
from groundswell.moderation.models import (
    HELD_CAUSES,
    Appeal,
    AppealStatus,
    ModerationDecision,
    Report,
)

PAGE_SIZE = 25
PREVIEW_SIZE = 10

STATUSES = ("open", "held", "appeals", "resolved")

# The template moderators see a kind through when its manifest names none (Moderation.template).
GENERIC_TEMPLATE = "moderation/_kind.html"


@dataclass(frozen=True)
class QueueFilters:
    status: str = "open"
    # A moderated kind's key ("story"), "profile", or "" for everything.
    type: str = ""
    reason: str = ""


def moderated_kinds() -> list[registry.ContentKind]:
    """The registered kinds moderators can hide, in registration order."""
    return [kind for kind in registry.kinds() if kind.moderation is not None]


def kind_plural(kind: registry.ContentKind) -> str:
    return (kind.moderation.label_plural if kind.moderation else "") or f"{kind.label}s"


def template_for(kind: registry.ContentKind | None, part: str) -> str:
    """The partial ("queue", "appeal", "mine", "review") this kind is shown to moderators with."""
    name = (kind.moderation.template if kind and kind.moderation else "") or GENERIC_TEMPLATE
    return f"{name}#{part}"


@dataclass
class QueueEntry:
    """One reported or held piece of content or profile, with what moderators need to triage it."""

    # The kind's key ("story", "comment"...) or "profile".
    type: str
    # The object's own primary key (the member's for a profile).
    pk: int
    item: Any
    kind: registry.ContentKind | None = None
    reports: int = 0
    reporters: int = 0
    reasons: list[str] = field(default_factory=list)
    first_at: datetime | None = None
    last_at: datetime | None = None
    held: bool = False

    @property
    def is_hidden(self) -> bool:
        return bool(self.kind is not None and getattr(self.item, "is_hidden", False))

    @property
    def review_url(self) -> str:
        if self.kind is None:
            return links.review_url("member", self.pk)
        return links.review_url(self.type, self.pk)

    @property
    def template(self) -> str:
        return template_for(self.kind, "queue")

    @property
    def label(self) -> str:
        return self.kind.label if self.kind is not None else "profile"


def _held_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}is_hidden": True, f"{prefix}hidden_cause__in": HELD_CAUSES})


def held_of(kind: registry.ContentKind) -> QuerySet[Any]:
    """This kind's rows held for review that a moderator can act on."""
    assert kind.moderation is not None  # noqa: S101 (only moderated kinds are asked about)
    return kind.model._default_manager.filter(_held_q(), kind.moderation.actionable)


def open_appeals() -> QuerySet[Appeal]:
    return Appeal.objects.filter(status=AppealStatus.OPEN)


def _held_count() -> int:
    """Everything held for review, of every moderated kind, in one query (a UNION ALL of each
    kind's held rows), so a new kind adds no query to the staff pages."""
    held = [held_of(kind).order_by().values("item_id") for kind in moderated_kinds()]
    if not held:
        return 0
    first, *rest = held
    return first.union(*rest, all=True).count() if rest else first.count()


def queue_counts() -> dict[str, int]:
    """Small counts over open work only (indexed), never over all content."""
    open_reports = Report.objects.filter(resolved_at__isnull=True)
    return {
        "held": _held_count(),
        "appeals": open_appeals().count(),
        "reports": open_reports.count(),
        "reported_items": open_reports.values("item_id", "profile_user_id").distinct().count(),
    }


def load_targets(pairs: Iterable[tuple[str, int]]) -> dict[int, Any]:
    """{item id: object} for (kind key, item id) pairs: one query per kind (registry.resolve_many)."""
    return registry.resolve_many(ContentItem(pk=item_id, kind=key) for key, item_id in pairs)


# A queue row's key: ("item", content item id) or ("profile", member id).
Key = tuple[str, int]


def _reasons_for(keys: list[Key], *, resolved: bool) -> dict[Key, list[str]]:
    """The distinct report reasons per row (one query), as labels."""
    if not keys:
        return {}
    item_ids = [pk for what, pk in keys if what == "item"]
    profile_ids = [pk for what, pk in keys if what == "profile"]
    rows = Report.objects.filter(
        Q(item_id__in=item_ids) | Q(profile_user_id__in=profile_ids),
        resolved_at__isnull=not resolved,
    ).values_list("item_id", "profile_user_id", "reason")
    labels = dict(Report.Reason.choices)
    reasons: dict[Key, set[str]] = defaultdict(set)
    for item_id, profile_id, reason in rows:
        reasons[_key(item_id, profile_id)].add(str(labels.get(reason, reason)))
    return {k: sorted(v) for k, v in reasons.items()}


def _key(item_id: int | None, profile_id: int | None) -> Key:
    if item_id:
        return ("item", item_id)
    return ("profile", int(profile_id or 0))


def _held_items_q() -> Q:
    """Reports about content held for review (listed apart, above the reports)."""
    parts = [
        Q(
            item__kind=kind.key,
            item_id__in=kind.model._default_manager.filter(_held_q()).values("item_id"),
        )
        for kind in moderated_kinds()
    ]
    return reduce(or_, parts, Q(pk__in=[]))


def report_groups(filters: QueueFilters) -> QuerySet[Any]:
    """Reports grouped by item: open ones (not held: those are listed above) or resolved ones."""
    resolved = filters.status == "resolved"
    qs = Report.objects.filter(resolved_at__isnull=not resolved)
    if not resolved:
        qs = qs.exclude(_held_items_q())
    if filters.type == "profile":
        qs = qs.filter(profile_user__isnull=False)
    elif filters.type:
        qs = qs.filter(item__kind=filters.type)
    if filters.reason:
        qs = qs.filter(reason=filters.reason)
    grouped = qs.values(
        content_item=F("item_id"), kind=F("item__kind"), profile=F("profile_user_id")
    ).annotate(
        reports=Count("id"),
        reporters=Count("reporter_id", distinct=True),
        first_at=Min("created_at"),
        last_at=Max(Coalesce("resolved_at", "created_at")) if resolved else Max("created_at"),
    )
    if resolved:
        return grouped.order_by("-last_at", "content_item", "profile")
    # Most reporters first, then the longest waiting.
    return grouped.order_by("-reporters", "first_at", "content_item", "profile")


def _entry(
    what: Key, key: str | None, objects: dict[int, Any], members: dict[int, User]
) -> QueueEntry:
    """A queue entry for an item or profile, with its object if it still exists."""
    if what[0] == "profile":
        return QueueEntry(type="profile", pk=what[1], item=members.get(what[1]))
    obj = objects.get(what[1])
    kind = registry.kind_of(obj) if obj is not None else None
    return QueueEntry(type=key or "", pk=obj.pk if obj is not None else 0, item=obj, kind=kind)


def _members(keys: list[Key]) -> dict[int, User]:
    ids = [pk for what, pk in keys if what == "profile"]
    return {u.pk: u for u in User.objects.filter(pk__in=ids)} if ids else {}


def report_entries(page: Page[Any], *, resolved: bool) -> list[QueueEntry]:
    rows = list(page.object_list)
    keys = [_key(r["content_item"], r["profile"]) for r in rows]
    objects = load_targets((r["kind"], r["content_item"]) for r in rows if r["content_item"])
    members = _members(keys)
    reasons = _reasons_for(keys, resolved=resolved)
    entries = []
    for key, row in zip(keys, rows, strict=True):
        entry = _entry(key, row["kind"], objects, members)
        entry.reports = row["reports"]
        entry.reporters = row["reporters"]
        entry.reasons = reasons.get(key, [])
        # The date column: first reported (open) or last closed (resolved).
        entry.first_at = row["last_at"] if resolved else row["first_at"]
        entry.last_at = row["last_at"]
        entry.held = bool(
            entry.kind is not None
            and entry.item.is_hidden
            and entry.item.hidden_cause in HELD_CAUSES
        )
        entries.append(entry)
    return entries


def held_keys(filters: QueueFilters) -> QuerySet[Any]:
    """Held content of every kind together, longest waiting first (a UNION of small sets)."""
    kinds = moderated_kinds()
    if filters.type == "profile":
        kinds = []
    elif filters.type:
        kinds = [kind for kind in kinds if kind.key == filters.type]
    # Each side loses its default ordering: a compound statement may only be ordered as a whole.
    parts = [
        held_of(kind)
        .order_by()
        .annotate(type=Value(kind.key, output_field=CharField()))
        .values("type", "item_id", "hidden_at")
        for kind in kinds
    ]
    if not parts:
        return Report.objects.none().values("id")
    first, *rest = parts
    if rest:
        first = first.union(*rest, all=True)
    return first.order_by("hidden_at", "item_id")


def held_entries(rows: list[dict[str, Any]]) -> list[QueueEntry]:
    keys: list[Key] = [("item", row["item_id"]) for row in rows]
    objects = load_targets((row["type"], row["item_id"]) for row in rows)
    reasons = _reasons_for(keys, resolved=False)
    counts = _open_report_counts([pk for _, pk in keys])
    entries = []
    for key, row in zip(keys, rows, strict=True):
        entry = _entry(key, row["type"], objects, {})
        entry.reports, entry.reporters = counts.get(key[1], (0, 0))
        entry.reasons = reasons.get(key, [])
        entry.first_at = row["hidden_at"]
        entry.held = True
        entries.append(entry)
    return entries


def _open_report_counts(item_ids: list[int]) -> dict[int, tuple[int, int]]:
    if not item_ids:
        return {}
    rows = (
        Report.objects.filter(item_id__in=item_ids, resolved_at__isnull=True)
        .values("item_id")
        .annotate(reports=Count("id"), reporters=Count("reporter_id", distinct=True))
        .order_by()
    )
    return {r["item_id"]: (r["reports"], r["reporters"]) for r in rows}


def with_targets(records: list[Any], *, part: str) -> list[Any]:
    """Decisions or appeals (loaded with `select_related("item")`), each given its content's
    object (`content`), kind, the template `part` it is shown with, and its review and page
    addresses: one query per kind."""
    objects = load_targets((r.item.kind, r.item_id) for r in records)
    for record in records:
        obj = objects.get(record.item_id)
        kind = registry.kind_of(obj) if obj is not None else None
        record.content = obj
        record.kind = kind
        record.template = template_for(kind, part)
        record.content_url = record.review_url = ""
        if kind is not None and obj is not None:
            record.content_url = kind.url(obj)
            record.review_url = links.review_url(kind.key, obj.pk)
    return records


def appeals_for_queue(filters: QueueFilters) -> QuerySet[Appeal]:
    """Open appeals, oldest first. Give the page's appeals their content with `with_targets`."""
    qs = open_appeals().select_related("item")
    if filters.type == "profile":
        qs = qs.none()
    elif filters.type:
        qs = qs.filter(item__kind=filters.type)
    return qs.order_by("created_at", "id")


def paginate(qs: Any, page_number: str | None, size: int = PAGE_SIZE) -> Page[Any]:
    return Paginator(qs, size).get_page(page_number)


# Item pages


def reports_about(**target: Any) -> list[Report]:
    return list(Report.objects.filter(**target).order_by("-created_at", "-id")[:200])


def decisions_about(**target: Any) -> list[ModerationDecision]:
    return list(
        ModerationDecision.objects.filter(**target)
        .select_related("actor")
        .order_by("-created_at", "-id")[:100]
    )


def appeals_about(**target: Any) -> list[Appeal]:
    return list(
        Appeal.objects.filter(**target).select_related("decided_by").order_by("-created_at", "-id")
    )


# The author's own view


def latest_decision(item: Any) -> ModerationDecision | None:
    return (
        ModerationDecision.objects.filter(item_id=item.item_id)
        .order_by("-created_at", "-id")
        .first()
    )


def latest_appeal(item: Any) -> Appeal | None:
    return Appeal.objects.filter(item_id=item.item_id).order_by("-created_at", "-id").first()


def decisions_for_author(user: User, *, limit: int = 200) -> list[ModerationDecision]:
    """Every decision about this person's posts, newest first (for 'Decisions about your posts')."""
    decisions = list(
        ModerationDecision.objects.filter(item__author=user)
        .select_related("item")
        .order_by("-created_at", "-id")[:limit]
    )
    return with_targets(decisions, part="mine")


def appeals_by_author(user: User) -> list[Appeal]:
    appeals = list(
        Appeal.objects.filter(author=user)
        .select_related("item")
        .order_by("-created_at", "-id")[:200]
    )
    return with_targets(appeals, part="mine")
