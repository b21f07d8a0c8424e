"""The search index: one row per story or comment that may appear in search results.

Only visible content has a row. A story that is withdrawn, hidden or unpublished, and a comment that
is deleted or hidden or sits on such a story, has no row at all, so the search query never needs to
look at story status. No author name is stored here: results show `story.byline` only.

The full-text index lives beside this table and the database keeps it in step (see `backends.py`
and migration 0003): an FTS5 table filled by triggers on SQLite, a generated tsvector column on
PostgreSQL. A later migration that makes Django remake this table on SQLite (most AlterField and
RemoveField operations) drops those triggers, so it must create them again as 0003 does.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.db.models import Q

from groundswell.stories.models import Audience


def kind_tag(kind: str) -> str:
    return f"k{kind}"


def topic_tag(topic_id: int) -> str:
    return f"t{int(topic_id)}"


def place_tag(place_id: int) -> str:
    return f"p{int(place_id)}"


def filter_tags(*, kind: str, topic_ids: Iterable[int], place_path: str) -> str:
    """The tokens a document can be filtered by: its kind, its topics, its place and every place
    above it (so filtering by a region finds stories from its towns and neighbourhoods).

    Letters and digits only, so SQLite's tokenizer keeps each one whole; PostgreSQL prefixes them
    with "#" so they never meet a word someone typed (migration 0003).
    """
    place_ids = [int(part) for part in place_path.strip("/").split("/") if part]
    tokens = [kind_tag(kind)]
    tokens += [topic_tag(i) for i in sorted(set(topic_ids))]
    tokens += [place_tag(i) for i in place_ids]
    return " ".join(tokens)


class DocType(models.TextChoices):
    STORY = "story", "Story"
    COMMENT = "comment", "Comment"


class SearchDocument(models.Model):
    doc_type = models.CharField(max_length=8, choices=DocType.choices)
    story = models.ForeignKey("stories.Story", on_delete=models.CASCADE, related_name="+")
    # No plain index: the partial unique constraint below indexes every non-null comment id.
    comment = models.ForeignKey(
        "stories.Comment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    # Copied from the story: who may see the document. Checked on every search.
    audience = models.CharField(max_length=8, choices=Audience.choices)
    # Filter tokens, see `filter_tags`: "kstory t3 t7 p1 p4 p17". Both full-text indexes hold
    # them, so a topic or place filter narrows the match inside the index instead of row by row.
    tags = models.TextField(blank=True, default="")
    # When the story was published, or when the comment was written.
    published_at = models.DateTimeField()
    title = models.CharField(max_length=160, blank=True, default="")
    text = models.TextField(blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["story"], condition=Q(comment__isnull=True), name="searchdoc_one_per_story"
            ),
            models.UniqueConstraint(
                fields=["comment"],
                condition=Q(comment__isnull=False),
                name="searchdoc_one_per_comment",
            ),
            models.CheckConstraint(
                condition=Q(doc_type="story", comment__isnull=True)
                | Q(doc_type="comment", comment__isnull=False),
                name="searchdoc_type_matches_target",
            ),
        ]
        indexes = [models.Index(fields=["published_at", "id"], name="searchdoc_date_idx")]

    def __str__(self) -> str:
        return f"{self.doc_type} {self.comment_id or self.story_id}"

    @property
    def is_comment(self) -> bool:
        return self.doc_type == DocType.COMMENT
