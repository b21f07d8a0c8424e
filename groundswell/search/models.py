"""The search index: one row per content item (a story, a comment, any registered kind) that may
appear in search results.

Only what may be found has a row: each kind's manifest says what that is (`search_entry` in
groundswell.content.registry returns None for a withdrawn, hidden or unpublished story, and for a
deleted or hidden comment or one on such a story), so the search query never needs to look at a
kind's own status. No author name is stored here: results show the kind's byline only.

The full-text index lives beside this table and the database keeps it in step (see `backends.py`
and migration 0003): an FTS5 table filled by triggers on SQLite, a generated tsvector column on
PostgreSQL. A later migration that makes Django remake this table on SQLite (most AlterField and
RemoveField operations) drops those triggers, so it must create them again as 0003 and 0008 do.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models


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


# Who may find a document (SearchEntry.audience): everyone, or signed-in members only.
AUDIENCE_PUBLIC = "public"
AUDIENCE_MEMBERS = "members"


class SearchDocument(models.Model):
    # The content it was made from; it goes when the item goes.
    item = models.OneToOneField("content.ContentItem", on_delete=models.CASCADE, related_name="+")
    # The item's kind (ContentItem.kind), copied so a page of results needs no join to know which
    # kind to load each hit from.
    kind = models.CharField(max_length=20)
    # The item whose page it is read on (a comment's story; SearchEntry.context_item_id), or null.
    # Indexed: removing a story from the index removes what was found on its page with it.
    context = models.ForeignKey(
        "content.ContentItem",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # AUDIENCE_PUBLIC or AUDIENCE_MEMBERS: who may see the document. Checked on every search.
    audience = models.CharField(max_length=8)
    # Filter tokens, see `filter_tags`: "kstory t3 t7 p1 p4 p17". Both full-text indexes hold
    # them, so a topic or place filter narrows the match inside the index instead of row by row.
    tags = models.TextField(blank=True, default="")
    # When it was published (a story) or written (a comment).
    published_at = models.DateTimeField()
    title = models.CharField(max_length=160, blank=True, default="")
    text = models.TextField(blank=True, default="")

    class Meta:
        indexes = [models.Index(fields=["published_at", "id"], name="searchdoc_date_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.item_id}"
