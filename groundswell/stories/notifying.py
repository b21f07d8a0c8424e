"""What the stories app tells people (groundswell.notifications), connected from
StoriesConfig.ready() with one line: `notifying.connect()`.

- A comment on your story ("story_reply"), a reply to your comment ("comment_reply"): the
  commenter is named by the comment's byline (Comment.byline), so a story's author replying under
  a pseudonym stays behind it. A reply to a pseudonymous or anonymous story tells its author and
  nobody else; the notification never shows who the author is to anyone.
- A reaction to your story or comment ("reaction"): reactions are counts on the site, never
  names, so the notification does not name who reacted either. One per person and piece, however
  often they take it back and give it again.
- A mention with @ and a member's handle in a published story or comment ("mentioned"), once per
  person and piece, for up to MENTIONS_TOLD people; someone the writer blocked, or who blocked the
  writer, is not told (the blocks suppressor), so a blocked person cannot reach anyone by
  mentioning them. People already told of the comment as a reply are not told twice.
- Nobody is notified of their own actions; blocks veto through the notifications registry's
  suppressors; comments held for review tell nobody.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from groundswell.accounts.models import User
from groundswell.notifications import registry, services
from groundswell.notifications.models import EmailDelivery
from groundswell.stories import signals
from groundswell.stories.models import Comment, Reaction, Story
from groundswell.trust.limits import find_mentions

STORY_REPLY = "story_reply"
COMMENT_REPLY = "comment_reply"
REACTION = "reaction"
MENTIONED = "mentioned"
MENTIONS_TOLD = 10  # a post naming more people than this tells only the first ten


def register_types() -> None:
    registry.register_type(
        STORY_REPLY,
        label=_("Comments on your stories"),
        description=_("Someone comments on a story, idea or resource you shared."),
        default_delivery=EmailDelivery.DAILY,
        summary=_("{actor} commented on your story"),
    )
    registry.register_type(
        COMMENT_REPLY,
        label=_("Replies to your comments"),
        description=_("Someone replies to a comment you wrote."),
        default_delivery=EmailDelivery.DAILY,
        summary=_("{actor} replied to your comment"),
    )
    registry.register_type(
        REACTION,
        label=_("Reactions"),
        description=_(
            "Someone reacts to your story or comment (we don't say who: reactions are private)."
        ),
        default_delivery=EmailDelivery.WEEKLY,
        summary=_("Someone reacted to what you shared"),
    )
    registry.register_type(
        MENTIONED,
        label=_("Mentions"),
        description=_("Someone mentions you with @ and your handle in a story or comment."),
        default_delivery=EmailDelivery.DAILY,
        summary=_("{actor} mentioned you"),
    )


def comment_posted(sender: Any, comment: Comment, actor: Any = None, **kwargs: Any) -> None:
    """Runs after the comment is committed (signals.comment_posted)."""
    if comment.is_hidden or comment.is_deleted:
        return
    story = comment.story
    label = comment.byline(story)
    author = comment.author
    parent = comment.parent if comment.parent_id else None
    told: set[int] = set()
    if parent is not None and not parent.is_deleted:
        services.notify(
            parent.author,
            COMMENT_REPLY,
            actor=author,
            actor_label=label,
            target=comment.item,
        )
        told.add(parent.author_id)
    if story.author_id not in told:
        services.notify(
            story.author, STORY_REPLY, actor=author, actor_label=label, target=comment.item
        )
        told.add(story.author_id)
    _notify_mentioned(comment.body, author=author, label=label, item=comment.item, told=told)


def story_published(sender: Any, story: Story, actor: Any = None, **kwargs: Any) -> None:
    """Runs after the story is committed and shown (signals.story_published)."""
    _notify_mentioned(
        f"{story.title}\n{story.body}",
        author=story.author,
        label=story.byline,
        item=story.item,
        told=set(),
    )


def _notify_mentioned(text: str, *, author: Any, label: str, item: Any, told: set[int]) -> None:
    handles = {m[1:].lower() for m in find_mentions(text)}
    if not handles:
        return
    people = (
        User.objects.filter(handle__in=handles, is_active=True)
        .exclude(pk__in=[author.pk, *told])
        .order_by("pk")[:MENTIONS_TOLD]
    )
    for person in people:
        services.notify(
            person,
            MENTIONED,
            actor=author,
            actor_label=label,
            target=item,
            dedupe_key=f"mentioned:{item.pk}:{person.pk}",
        )


def reaction_saved(sender: Any, instance: Reaction, created: bool = False, **kwargs: Any) -> None:
    if not created or kwargs.get("raw"):
        return
    reaction_id = instance.pk
    transaction.on_commit(lambda: _reaction_committed(reaction_id))


def _reaction_committed(reaction_id: int) -> None:
    reaction = (
        Reaction.objects.select_related("user", "item", "item__author")
        .filter(pk=reaction_id)
        .first()
    )
    if reaction is None or reaction.item.author is None:
        return
    services.notify(
        reaction.item.author,
        REACTION,
        actor=reaction.user,
        target=reaction.item,
        dedupe_key=f"reaction:{reaction.user_id}:{reaction.item_id}",
    )


def connect() -> None:
    register_types()
    signals.comment_posted.connect(comment_posted, dispatch_uid="notifications_comment_posted")
    signals.story_published.connect(story_published, dispatch_uid="notifications_mentioned")
    post_save.connect(reaction_saved, sender=Reaction, dispatch_uid="notifications_reaction")
