from __future__ import annotations

from dataclasses import dataclass

from groundswell.safeguarding.checks import CRISIS_LABELS, Passage, find_crisis_language, passages
from groundswell.safeguarding.models import SafeguardingAlert
from groundswell.safeguarding.services import story_text
from groundswell.stories.models import Status


@dataclass
class AlertRow:
    alert: SafeguardingAlert
    kind_labels: list[str]
    passages: list[Passage]
    gone: str  # why the words are no longer shown, or ""
    # Who wrote it, as every other page shows them: a story's byline stays on its author's
    # comments too (Comment.byline); only the audited reveal on the story page names them.
    byline: str


def _row(alert: SafeguardingAlert) -> AlertRow:
    labels = [CRISIS_LABELS.get(k, k) for k in alert.kinds]
    story, comment = alert.story, alert.comment
    byline = story.byline if comment is None else comment.byline(story)
    if story.status == Status.WITHDRAWN:
        where = "this story" if comment is None else "the story this comment was on"
        gone = f"The author withdrew {where}, so the words are no longer shown."
        return AlertRow(alert, labels, [], gone, byline)
    if comment is not None and comment.is_deleted:
        return AlertRow(alert, labels, [], "The author deleted this comment.", byline)
    text = comment.body if comment is not None else story_text(story)
    found = passages(text, find_crisis_language(text), limit=5)
    return AlertRow(alert, labels, found, "", byline)


def alert_rows(*, open_only: bool, limit: int) -> list[AlertRow]:
    """Alerts with the passages that raised them, worked out from the post as it is now."""
    qs = SafeguardingAlert.objects.select_related(
        "story__author", "comment__author", "acknowledged_by"
    )
    if open_only:
        qs = qs.open().order_by("-is_high", "created_at", "id")
    else:
        qs = qs.filter(acknowledged_at__isnull=False).order_by("-acknowledged_at", "-id")
    return [_row(a) for a in qs[:limit]]
