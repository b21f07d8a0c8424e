from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from groundswell.safeguarding.checks import CRISIS_LABELS, Passage, find_crisis_language, passages
from groundswell.safeguarding.models import SafeguardingAlert
from groundswell.safeguarding.services import story_text
from groundswell.stories.models import Identity, Status

# Where a private alert's words were written, in running text ("in a private message").
PRIVATE_SOURCES = {"message": "a private message"}


@dataclass
class AlertRow:
    alert: SafeguardingAlert
    kind_labels: list[str]
    passages: list[Passage]
    gone: str  # why the words are no longer shown, or ""
    # Who wrote it, as every other page shows them: a story's byline stays on its author's
    # comments too (Comment.byline); only the audited reveal on the story page names them.
    byline: str
    story: Any = None
    comment: Any = None
    # For an alert about something private: where ("a private message"); moderators are not
    # shown the words, only who wrote them, so they can contact the person.
    private_source: str = ""
    # Whether the page may offer to message the writer: not where they wrote under a pseudonym
    # or anonymously (a message would show moderators who they are without the audited reveal).
    can_contact: bool = False


def _row(alert: SafeguardingAlert) -> AlertRow:
    labels = [CRISIS_LABELS.get(k, k) for k in alert.kinds]
    if alert.item_id is None:
        where = PRIVATE_SOURCES.get(alert.source, alert.source)
        name = alert.person.public_name if alert.person else "a former member"
        return AlertRow(alert, labels, [], "", name, private_source=where, can_contact=True)
    target = alert.item.target if alert.item is not None else None
    comment = target if alert.item is not None and alert.item.kind == "comment" else None
    story = comment.story if comment is not None else target
    if story is None:
        return AlertRow(alert, labels, [], "This has been deleted.", "a former member")
    byline = story.byline if comment is None else comment.byline(story)
    if story.status == Status.WITHDRAWN:
        where = "this story" if comment is None else "the story this comment was on"
        gone = f"The author withdrew {where}, so the words are no longer shown."
        return AlertRow(alert, labels, [], gone, byline, story, comment)
    if comment is not None and comment.is_deleted:
        return AlertRow(
            alert, labels, [], "The author deleted this comment.", byline, story, comment
        )
    text = comment.body if comment is not None else story_text(story)
    found = passages(text, find_crisis_language(text), limit=5)
    named = (
        not comment.carries_story_byline(story)
        if comment is not None
        else story.identity == Identity.NAMED
    )
    return AlertRow(alert, labels, found, "", byline, story, comment, can_contact=named)


def alert_rows(*, open_only: bool, limit: int) -> list[AlertRow]:
    """Alerts with the passages that raised them, worked out from the post as it is now."""
    qs = SafeguardingAlert.objects.select_related(
        "item__story__author",
        "item__comment__author",
        "item__comment__story__author",
        "person",
        "acknowledged_by",
    )
    if open_only:
        qs = qs.open().order_by("-is_high", "created_at", "id")
    else:
        qs = qs.filter(acknowledged_at__isnull=False).order_by("-acknowledged_at", "-id")
    return [_row(a) for a in qs[:limit]]
