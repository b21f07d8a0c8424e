"""What the stories app tells safeguarding (groundswell.safeguarding), connected from
StoriesConfig.ready() with one line: `safeguarding_alerts.connect()`.

- The words the checks read (`safeguarding_text` in the content registry, content.py): a story's
  title and body, a comment's body. Once the author takes them back (withdraws the story, deletes
  the comment, or withdraws the story a comment is on) they are "": moderators no longer read them
  on the alerts page, which says why (templates/safeguarding/kinds/<kind>.html).
- When a story or comment is published, and when an edit changes a published story's words,
  safeguarding checks them (after commit, so an alert never rolls back the member's post).
"""

from __future__ import annotations

from typing import Any

from groundswell.safeguarding import services
from groundswell.stories import signals
from groundswell.stories.models import Comment, Story


def _words(title: str, body: str) -> str:
    return f"{title}\n\n{body}"


def story_text(story: Story) -> str:
    return "" if story.is_withdrawn else _words(story.title, story.body)


def comment_text(comment: Comment) -> str:
    if comment.is_deleted or comment.story.is_withdrawn:
        return ""
    return comment.body


def story_published(sender: Any, story: Story, **kwargs: Any) -> None:
    services.content_published(content=story)


def story_edited(sender: Any, story: Story, changed: frozenset[str], **kwargs: Any) -> None:
    """Only the words are checked; the text before this edit is the newest revision's."""
    if not changed & {"title", "body"}:
        return
    previous = story.revisions.order_by("-created_at", "-id").first()
    before = _words(previous.title, previous.body) if previous else ""
    services.content_edited(content=story, previous_text=before)


def comment_posted(sender: Any, comment: Comment, **kwargs: Any) -> None:
    services.content_published(content=comment)


def connect() -> None:
    signals.story_published.connect(story_published, dispatch_uid="stories_safeguarding_story")
    signals.story_edited.connect(story_edited, dispatch_uid="stories_safeguarding_story_edit")
    signals.comment_posted.connect(comment_posted, dispatch_uid="stories_safeguarding_comment")
