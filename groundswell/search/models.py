"""The search index: one row per story or comment that may appear in search results.

Only visible content has a row. A story that is withdrawn, hidden or unpublished, and a comment that
is deleted or hidden or sits on such a story, has no row at all, so the search query never needs to
look at story status. No author name is stored here: results show `story.byline` only.

The full-text index itself lives beside this table and is kept in step by the database
(see `backends.py` and migration 0002): an FTS5 table on SQLite, a generated tsvector column on
PostgreSQL.

On SQLite the FTS5 table is kept in step by triggers on this table. A later migration that makes
Django remake this table on SQLite (most AlterField/RemoveField operations) drops those triggers:
such a migration must create them again (copy the SQL from migration 0002).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from groundswell.stories.models import Audience, Kind


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
    # Copied from the story so that filters never join back to it.
    kind = models.CharField(max_length=10, choices=Kind.choices)
    audience = models.CharField(max_length=8, choices=Audience.choices)
    place_path = models.CharField(max_length=255, blank=True, default="")
    # Topic ids as " 3 7 ": one LIKE '% 3 %' filters without a join table.
    topic_ids = models.TextField(blank=True, default="")
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
