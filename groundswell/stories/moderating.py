"""How moderation hides, holds and reviews stories and comments: the `moderation=` part of this
app's manifests (content.py), and the publish gate that holds a new member's story in a
pre-moderated place or topic. Moderation itself never imports this app."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from groundswell.audit.models import AuditAction
from groundswell.content import registry
from groundswell.moderation import services as moderation_services
from groundswell.moderation.models import HiddenCause
from groundswell.stories import permissions, searching, signals
from groundswell.stories.models import Audience, Comment, Status, Story

if TYPE_CHECKING:
    from groundswell.accounts.models import User


def _story_not_actionable(story: Story) -> str | None:
    if story.status != Status.PUBLISHED:
        return gettext(
            "The author withdrew this story. Its words are not shown here because they took "
            "back their consent."
        )
    return None


def _comment_not_actionable(comment: Comment) -> str | None:
    return gettext("The author deleted this comment.") if comment.is_deleted else None


def _story_changed(story: Story, *, change: str, cause: str) -> None:
    """After moderation hid, held, restored or approved a story (inside its transaction)."""
    pk = story.pk
    if change == "approved" and cause == HiddenCause.PREMODERATION:
        # It appears in lists from now, not buried at the time the author first pressed publish,
        # and is announced (followers, feeds) only now that readers can see it.
        story.published_at = timezone.now()
        story.save(update_fields=["published_at"])
        transaction.on_commit(
            lambda: signals.story_published.send(sender=Story, story=story, actor=story.author)
        )
    # Hidden content leaves the index (and restored content comes back) once the change is saved.
    transaction.on_commit(lambda: searching.index_story(pk))


def _comment_changed(comment: Comment, *, change: str, cause: str) -> None:
    pk = comment.pk
    transaction.on_commit(lambda: searching.index_comment(pk))


def _audience(story: Story) -> str:
    return (
        gettext("signed-in members") if story.audience == Audience.MEMBERS else gettext("everyone")
    )


def story_review_context(story: Story, user: Any) -> dict[str, Any]:
    """What the review page's story card needs (stories/moderation/story.html#review)."""
    return {
        "story": story,
        "topics": list(story.topics.all()),
        "can_reveal": permissions.can_reveal_author(user, story),
        "audience": _audience(story),
    }


def comment_review_context(comment: Comment, user: Any) -> dict[str, Any]:
    story = comment.story
    return {
        "comment": comment,
        "story": story,
        # The story's author behind its byline: the reveal, never a link to the member.
        "can_reveal": comment.carries_story_byline(story)
        and permissions.can_reveal_author(user, story),
        "audience": _audience(story),
    }


STORY = registry.Moderation(
    not_actionable=_story_not_actionable,
    lock_fields=("status",),
    audit_actions={
        "hidden": AuditAction.STORY_HIDDEN,
        "restored": AuditAction.STORY_RESTORED,
        "approved": AuditAction.STORY_APPROVED,
        "held": AuditAction.STORY_HELD,
    },
    actionable=Q(status=Status.PUBLISHED),
    # Drafts are only ever their author's.
    reviewable=~Q(status=Status.DRAFT),
    changed=_story_changed,
    label_plural="stories",
    template="stories/moderation/story.html",
    review_context=story_review_context,
)

COMMENT = registry.Moderation(
    not_actionable=_comment_not_actionable,
    lock_fields=("is_deleted",),
    audit_actions={
        "hidden": AuditAction.COMMENT_HIDDEN,
        "restored": AuditAction.COMMENT_RESTORED,
        "approved": AuditAction.COMMENT_APPROVED,
        "held": AuditAction.COMMENT_HELD,
    },
    actionable=Q(is_deleted=False),
    changed=_comment_changed,
    template="stories/moderation/comment.html",
    review_context=comment_review_context,
)


def premoderation_gate(*, story: Story, actor: User) -> bool:
    """Publish gate (signals.run_publish_gates): hold a new member's story in a pre-moderated
    place or topic for a moderator to review."""
    return moderation_services.premoderation_hold(
        item=story,
        author=actor,
        place=story.place if story.place_id is not None else None,
        topic_ids=story.topics.values("id"),
    )


def register() -> None:
    """Called from content.register(), after the manifests."""
    signals.register_publish_gate("moderation.premoderation", premoderation_gate)
