"""One concrete row per piece of content, whatever its kind.

Reactions, reports, follows, moderation decisions, appeals, safeguarding alerts and search
documents point at a ContentItem with one ordinary foreign key, so a new kind of content
(an offer, an asset, a proposal...) adds no column to any of them: it gives its own model an
`item = models.OneToOneField("content.ContentItem", on_delete=models.CASCADE, related_name="+")`
and registers a ContentKind (registry.py).

Why a concrete row rather than a content type + object id: the database enforces it (a real
foreign key with CASCADE, uniqueness such as one reaction per person per item), joins and
`select_related` work, and deleting the item removes everything that points at it.

The row holds only what shared apps filter by without loading the kind: which kind it is, who
wrote it, and when. Everything else (visibility, byline, title, hiding) stays on the kind's own
model and is reached through the kind's manifest.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ContentItem(models.Model):
    # The registered key (registry.ContentKind.key): "story", "comment", ...
    kind = models.CharField(max_length=20)
    # Who wrote it, for the shared apps' per-person questions (a member's reports against their
    # own content, export, erasure) without loading the kind. Null once the account is gone or
    # for content a person did not write (later: posted by an organisation whose member left).
    # Never shown: bylines come from the kind (a pseudonymous story's author stays private).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="content_items",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "id"], name="contentitem_kind_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"
