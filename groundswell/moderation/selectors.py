"""Reads for the moderation queue and item pages, each in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Max, Min, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from groundswell.accounts.models import User
from groundswell.moderation.models import Appeal, AppealStatus, ModerationDecision
from groundswell.stories.models import HELD_CAUSES, Comment, Report, Status, Story

PAGE_SIZE = 25
PREVIEW_SIZE = 10

STATUSES = ("open", "held", "appeals", "resolved")
TYPES = ("story", "comment", "profile")


@dataclass(frozen=True)
class QueueFilters:
    status: str = "open"
    type: str = ""
    reason: str = ""


@dataclass
class QueueEntry:
    """One reported or held item, with what moderators need to triage it."""

    type: str
    pk: int
    item: Story | Comment | User | None
    reports: int = 0
    reporters: int = 0
    reasons: list[str] = field(default_factory=list)
    first_at: datetime | None = None
    last_at: datetime | None = None
    held: bool = False

    @property
    def is_hidden(self) -> bool:
        return bool(isinstance(self.item, Story | Comment) and self.item.is_hidden)


# A decision's or appeal's story or comment, loaded with it through its content item.
_WITH_TARGET = ("item__story", "item__comment", "item__comment__story")
_TARGET_DEFERRED = (
    "item__story__body",
    "item__story__body_html",
    "item__comment__story__body",
    "item__comment__story__body_html",
)


def _held_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}is_hidden": True, f"{prefix}hidden_cause__in": HELD_CAUSES})


def held_stories() -> QuerySet[Story]:
    return Story.objects.filter(_held_q(), status=Status.PUBLISHED)


def held_comments() -> QuerySet[Comment]:
    return Comment.objects.filter(_held_q(), is_deleted=False)


def open_appeals() -> QuerySet[Appeal]:
    return Appeal.objects.filter(status=AppealStatus.OPEN)


def queue_counts() -> dict[str, int]:
    """Small counts over open work only (indexed), never over all content."""
    open_reports = Report.objects.filter(resolved_at__isnull=True)
    return {
        "held": held_stories().count() + held_comments().count(),
        "appeals": open_appeals().count(),
        "reports": open_reports.count(),
        "reported_items": open_reports.values("item_id", "profile_user_id").distinct().count(),
    }


def _load_items(keys: list[tuple[str, int]]) -> dict[tuple[str, int], Any]:
    """Fetch the stories, comments and members behind queue keys: one query per type."""
    by_type: dict[str, list[int]] = defaultdict(list)
    for kind, pk in keys:
        by_type[kind].append(pk)
    found: dict[tuple[str, int], Any] = {}
    if by_type["story"]:
        for s in (
            Story.objects.filter(pk__in=by_type["story"])
            .select_related("author", "organisation")
            .defer("body", "body_html")
        ):
            found[("story", s.pk)] = s
    if by_type["comment"]:
        for c in (
            Comment.objects.filter(pk__in=by_type["comment"])
            .select_related("author", "story", "story__author", "story__organisation")
            .defer("story__body", "story__body_html")
        ):
            found[("comment", c.pk)] = c
    if by_type["profile"]:
        for u in User.objects.filter(pk__in=by_type["profile"]):
            found[("profile", u.pk)] = u
    return found


def _reasons_for(
    keys: list[tuple[str, int]], *, resolved: bool
) -> dict[tuple[str, int], list[str]]:
    """The distinct report reasons per item (one query), as labels."""
    if not keys:
        return {}
    ids: dict[str, list[int]] = defaultdict(list)
    for kind, pk in keys:
        ids[kind].append(pk)
    rows = Report.objects.filter(
        Q(item__story__in=ids["story"])
        | Q(item__comment__in=ids["comment"])
        | Q(profile_user_id__in=ids["profile"]),
        resolved_at__isnull=not resolved,
    ).values_list("item__story", "item__comment", "profile_user_id", "reason")
    labels = dict(Report.Reason.choices)
    reasons: dict[tuple[str, int], set[str]] = defaultdict(set)
    for story_id, comment_id, profile_id, reason in rows:
        reasons[_key(story_id, comment_id, profile_id)].add(str(labels.get(reason, reason)))
    return {k: sorted(v) for k, v in reasons.items()}


def _key(story_id: int | None, comment_id: int | None, profile_id: int | None) -> tuple[str, int]:
    if story_id:
        return ("story", story_id)
    if comment_id:
        return ("comment", comment_id)
    return ("profile", int(profile_id or 0))


def report_groups(filters: QueueFilters) -> QuerySet[Any]:
    """Reports grouped by item: open ones (not held: those are listed above) or resolved ones."""
    resolved = filters.status == "resolved"
    qs = Report.objects.filter(resolved_at__isnull=not resolved)
    if not resolved:
        qs = qs.exclude(_held_q("item__story__") | _held_q("item__comment__"))
    if filters.type in ("story", "comment"):
        qs = qs.filter(item__kind=filters.type)
    elif filters.type == "profile":
        qs = qs.filter(profile_user__isnull=False)
    if filters.reason:
        qs = qs.filter(reason=filters.reason)
    grouped = qs.values(
        story_id=F("item__story"), comment_id=F("item__comment"), profile=F("profile_user_id")
    ).annotate(
        reports=Count("id"),
        reporters=Count("reporter_id", distinct=True),
        first_at=Min("created_at"),
        last_at=Max(Coalesce("resolved_at", "created_at")) if resolved else Max("created_at"),
    )
    if resolved:
        return grouped.order_by("-last_at", "story_id", "comment_id", "profile")
    # Most reporters first, then the longest waiting.
    return grouped.order_by("-reporters", "first_at", "story_id", "comment_id", "profile")


def report_entries(page: Page[Any], *, resolved: bool) -> list[QueueEntry]:
    keys = [_key(r["story_id"], r["comment_id"], r["profile"]) for r in page.object_list]
    items = _load_items(keys)
    reasons = _reasons_for(keys, resolved=resolved)
    entries = []
    for key, row in zip(keys, page.object_list, strict=True):
        item = items.get(key)
        entries.append(
            QueueEntry(
                type=key[0],
                pk=key[1],
                item=item,
                reports=row["reports"],
                reporters=row["reporters"],
                reasons=reasons.get(key, []),
                # The date column: first reported (open) or last closed (resolved).
                first_at=row["last_at"] if resolved else row["first_at"],
                last_at=row["last_at"],
                held=bool(isinstance(item, Story | Comment) and item.is_held_for_review),
            )
        )
    return entries


def held_keys(filters: QueueFilters) -> QuerySet[Any]:
    """Held stories and comments together, longest waiting first (a UNION of two small sets)."""
    # Each side loses its default ordering: a compound statement may only be ordered as a whole.
    stories = (
        held_stories().order_by().annotate(type=Value("story")).values("type", "id", "hidden_at")
    )
    comments = (
        held_comments().order_by().annotate(type=Value("comment")).values("type", "id", "hidden_at")
    )
    if filters.type == "story":
        return stories.order_by("hidden_at", "id")
    if filters.type == "comment":
        return comments.order_by("hidden_at", "id")
    if filters.type == "profile":
        return stories.none()
    return stories.union(comments, all=True).order_by("hidden_at", "id")


def held_entries(rows: list[dict[str, Any]]) -> list[QueueEntry]:
    keys = [(row["type"], row["id"]) for row in rows]
    items = _load_items(keys)
    reasons = _reasons_for(keys, resolved=False)
    counts = _open_report_counts(keys)
    return [
        QueueEntry(
            type=key[0],
            pk=key[1],
            item=items.get(key),
            reports=counts.get(key, (0, 0))[0],
            reporters=counts.get(key, (0, 0))[1],
            reasons=reasons.get(key, []),
            first_at=row["hidden_at"],
            held=True,
        )
        for key, row in zip(keys, rows, strict=True)
    ]


def _open_report_counts(keys: list[tuple[str, int]]) -> dict[tuple[str, int], tuple[int, int]]:
    if not keys:
        return {}
    story_ids = [pk for kind, pk in keys if kind == "story"]
    comment_ids = [pk for kind, pk in keys if kind == "comment"]
    rows = (
        Report.objects.filter(
            Q(item__story__in=story_ids) | Q(item__comment__in=comment_ids),
            resolved_at__isnull=True,
        )
        .values(story_id=F("item__story"), comment_id=F("item__comment"))
        .annotate(reports=Count("id"), reporters=Count("reporter_id", distinct=True))
        .order_by()
    )
    return {
        _key(r["story_id"], r["comment_id"], None): (r["reports"], r["reporters"]) for r in rows
    }


def appeals_for_queue(filters: QueueFilters) -> QuerySet[Appeal]:
    qs = open_appeals().select_related(*_WITH_TARGET).defer(*_TARGET_DEFERRED)
    if filters.type in ("story", "comment"):
        qs = qs.filter(item__kind=filters.type)
    elif filters.type == "profile":
        qs = qs.none()
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


def latest_decision(item: Story | Comment) -> ModerationDecision | None:
    return (
        ModerationDecision.objects.filter(item_id=item.item_id)
        .order_by("-created_at", "-id")
        .first()
    )


def latest_appeal(item: Story | Comment) -> Appeal | None:
    return Appeal.objects.filter(item_id=item.item_id).order_by("-created_at", "-id").first()


def decisions_for_author(user: User, *, limit: int = 200) -> list[ModerationDecision]:
    """Every decision about this person's posts, newest first (for 'Decisions about your posts')."""
    return list(
        ModerationDecision.objects.filter(item__author=user)
        .select_related(*_WITH_TARGET)
        .defer(*_TARGET_DEFERRED)
        .order_by("-created_at", "-id")[:limit]
    )


def appeals_by_author(user: User) -> list[Appeal]:
    return list(
        Appeal.objects.filter(author=user)
        .select_related(*_WITH_TARGET)
        .defer(*_TARGET_DEFERRED)
        .order_by("-created_at", "-id")[:200]
    )
