"""Co-created resources: co-authors (members or organisations), suggested edits, and a
history of who changed what. A resource is a stories.Story with kind "resource"; the words live
on the story and change only through stories.services.story_edit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# What the history says for someone who has since deleted their account.
FORMER_MEMBER = _("a former member")


class CoAuthorStatus(models.TextChoices):
    PENDING = "pending", _("Invited")
    ACCEPTED = "accepted", _("Co-author")
    DECLINED = "declined", _("Declined")
    LEFT = "left", _("Left")
    REMOVED = "removed", _("Removed")


OPEN_STATUSES = (CoAuthorStatus.PENDING, CoAuthorStatus.ACCEPTED)


class CoAuthor(models.Model):
    """An invitation to co-author a resource, and once accepted, the co-authorship itself.
    Exactly one of `member` and `organisation`; an organisation's owners and admins answer and
    edit for it."""

    story = models.ForeignKey("stories.Story", on_delete=models.CASCADE, related_name="coauthors")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="coauthorships",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="coauthorships",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=CoAuthorStatus.choices, default=CoAuthorStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    submission_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member__isnull=False, organisation__isnull=True)
                | Q(member__isnull=True, organisation__isnull=False),
                name="coauthor_one_invitee",
            ),
            models.UniqueConstraint(
                fields=["story", "member"],
                condition=Q(status__in=["pending", "accepted"]),
                name="coauthor_member_once",
            ),
            models.UniqueConstraint(
                fields=["story", "organisation"],
                condition=Q(status__in=["pending", "accepted"]),
                name="coauthor_organisation_once",
            ),
            models.UniqueConstraint(
                fields=["invited_by", "submission_key"], name="coauthor_one_per_submission"
            ),
        ]

    def __str__(self) -> str:
        return f"Co-author {self.member_id or self.organisation_id} of {self.story_id}"

    @property
    def name(self) -> str:
        if self.organisation_id:
            return self.organisation.name  # type: ignore[union-attr]
        return self.member.public_name  # type: ignore[union-attr]


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the authors")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Suggestion(models.Model):
    """A member's proposed title and body for a resource, against the text they saw."""

    story = models.ForeignKey("stories.Story", on_delete=models.CASCADE, related_name="suggestions")
    suggester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resource_suggestions"
    )
    title = models.CharField(max_length=160)
    body = models.TextField()
    note = models.TextField(max_length=500, blank=True)
    # The text the suggestion was written against: when the resource has changed since, the
    # authors are asked to compare before accepting.
    base_title = models.CharField(max_length=160)
    base_body = models.TextField()
    status = models.CharField(
        max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    submission_key = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["story", "status"], name="suggestion_story_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["suggester", "submission_key"], name="suggestion_one_per_submission"
            ),
        ]

    def __str__(self) -> str:
        return f"Suggestion {self.pk} on {self.story_id}"

    @property
    def is_out_of_date(self) -> bool:
        """The resource's words changed after this was suggested (the story must be loaded)."""
        return (self.base_title, self.base_body) != (self.story.title, self.story.body)


class RevisionSource(models.TextChoices):
    AUTHOR = "author", _("Edit by the author")
    COAUTHOR = "coauthor", _("Edit by a co-author")
    SUGGESTION = "suggestion", _("Accepted suggestion")


class ResourceRevision(models.Model):
    """One change to a resource's words: who, when, and the text before and after.

    `editor` is whose words they are (the suggester, for an accepted suggestion); it becomes
    empty when they delete their account, and the history then says "a former member"."""

    story = models.ForeignKey(
        "stories.Story", on_delete=models.CASCADE, related_name="resource_revisions"
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The co-author organisation the editor acted for."),
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    suggestion = models.ForeignKey(
        Suggestion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=10, choices=RevisionSource.choices)
    title_before = models.CharField(max_length=160)
    body_before = models.TextField()
    title = models.CharField(max_length=160)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["story", "created_at"], name="resource_revision_idx")]

    def __str__(self) -> str:
        return f"Revision {self.pk} of {self.story_id}"
