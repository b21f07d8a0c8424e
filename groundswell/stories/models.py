from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from groundswell.content.models import (
    Audience,
    ContentItem,
    WithItemsQuerySet,
)

# Why content is hidden (the standard hiding fields) and reports belong to moderation, which
# hides, holds and restores every kind; imported here for this app's models and callers.
from groundswell.moderation.models import HELD_CAUSES as HELD_CAUSES
from groundswell.moderation.models import HiddenCause as HiddenCause
from groundswell.moderation.models import Hideable
from groundswell.moderation.models import Report as Report

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from groundswell.accounts.models import User
    from groundswell.places.models import Place
    from groundswell.topics.models import Topic


class Kind(models.TextChoices):
    STORY = "story", _("Story")
    IDEA = "idea", _("Idea")
    RESOURCE = "resource", _("Resource")
    # News from an organisation: only posted as one (Identity.ORGANISATION).
    UPDATE = "update", _("Update")


KIND_PLURALS = {
    "stories": Kind.STORY,
    "ideas": Kind.IDEA,
    "resources": Kind.RESOURCE,
    "updates": Kind.UPDATE,
}


class Identity(models.TextChoices):
    NAMED = "named", _("As myself")
    PSEUDONYM = "pseudonym", _("Under a pseudonym")
    ANONYMOUS = "anonymous", _("Anonymously")
    # Posted by a member with a role in the organisation, shown under its name (Story.organisation).
    ORGANISATION = "organisation", _("As an organisation")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class StoryQuerySet(WithItemsQuerySet):
    item_kind = "story"

    def published(self) -> StoryQuerySet:
        return self.filter(status=Status.PUBLISHED, is_hidden=False)

    def visible_to(self, user: User | AnonymousUser | None) -> StoryQuerySet:
        """Published, not hidden, and members-only stories only for signed-in members."""
        qs = self.published()
        if user is None or not user.is_authenticated:
            qs = qs.filter(audience=Audience.PUBLIC)
        return qs

    def in_place(self, place: Place) -> StoryQuerySet:
        return self.filter(place__path__startswith=place.path)

    def in_topic(self, topic: Topic) -> StoryQuerySet:
        return self.filter(topics=topic)

    def named_by(self, user: User) -> StoryQuerySet:
        """Stories shown under this person's own name: never their pseudonymous or anonymous ones."""
        return self.filter(author=user, identity=Identity.NAMED)


def byline(identity: str, pseudonym: str, author_name: str, organisation_name: str = "") -> str:
    """Story.byline for rows read without the model (search results): `author_name` is the
    author's public name, used only when they chose to be named; `organisation_name` the name
    of the organisation it was posted as."""
    if identity == Identity.NAMED:
        return author_name
    if identity == Identity.PSEUDONYM:
        return pseudonym
    if identity == Identity.ORGANISATION:
        return organisation_name or gettext("An organisation")
    return gettext("Anonymous member")


def comment_carries_story_byline(*, commenter_id: int, story_author_id: int, identity: str) -> bool:
    """Whether a comment is shown under its story's byline instead of its writer's name: the
    story's author, replying on a story they shared under a pseudonym or anonymously, stays
    behind that byline everywhere, staff pages included. Only the audited reveal
    (stories:reveal_author) shows who they are. Comment.byline for rows read without the model."""
    return commenter_id == story_author_id and identity != Identity.NAMED


# What pages other than the author's own show for the title of a withdrawn story.
WITHDRAWN_TITLE = _("a withdrawn story")


class Story(Hideable):
    # The story's row in the content layer (content.models.ContentItem): reactions, reports,
    # follows, moderation decisions, appeals, safeguarding alerts and notifications point at it.
    item = models.OneToOneField(
        "content.ContentItem", on_delete=models.CASCADE, related_name="story", editable=False
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.STORY)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stories"
    )
    identity = models.CharField(max_length=12, choices=Identity.choices, default=Identity.NAMED)
    pseudonym = models.CharField(max_length=60, blank=True)
    # Posted as this organisation (identity "organisation") by a member with a role in it.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stories",
    )
    audience = models.CharField(max_length=8, choices=Audience.choices, default=Audience.PUBLIC)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)

    title = models.CharField(max_length=160)
    body = models.TextField()
    body_html = models.TextField(editable=False, default="")
    excerpt = models.CharField(max_length=300, editable=False, default="")
    topics = models.ManyToManyField("topics.Topic", related_name="stories", blank=True)
    place = models.ForeignKey(
        "places.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="stories"
    )
    image = models.ImageField(upload_to="stories/%Y/%m/", blank=True)
    image_alt = models.CharField(max_length=300, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)
    edited_at = models.DateTimeField(null=True, blank=True)

    comment_count = models.PositiveIntegerField(default=0)
    experienced_count = models.PositiveIntegerField(default=0)
    helped_count = models.PositiveIntegerField(default=0)
    # Popularity for the "popular" list: reactions and comments, fixed at write time.
    score = models.IntegerField(default=0)

    submission_key = models.UUIDField(null=True, blank=True, editable=False)

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "stories"
        indexes = [
            models.Index(
                fields=["status", "is_hidden", "published_at", "id"], name="story_feed_idx"
            ),
            models.Index(
                fields=["status", "is_hidden", "kind", "published_at", "id"],
                name="story_kind_feed_idx",
            ),
            models.Index(fields=["status", "is_hidden", "score", "id"], name="story_popular_idx"),
            models.Index(fields=["author", "identity", "published_at"], name="story_author_idx"),
            # An image is served by its file name, and checked again on every view (views.story_image).
            models.Index(fields=["image"], name="story_image_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission_key"], name="story_one_per_submission"
            ),
            models.CheckConstraint(
                condition=~Q(identity="pseudonym") | ~Q(pseudonym=""),
                name="story_pseudonym_required",
            ),
            models.CheckConstraint(
                condition=Q(identity="organisation", organisation__isnull=False)
                | (~Q(identity="organisation") & Q(organisation__isnull=True)),
                name="story_organisation_iff_posted_as_one",
            ),
            models.CheckConstraint(
                condition=Q(image="") | ~Q(image_alt=""), name="story_image_needs_alt"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Every story has its content item from the start (content.models).
        if self.item_id is None:
            self.item = ContentItem.objects.create(kind="story", author_id=self.author_id)
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED and not self.is_hidden

    @property
    def is_held_for_review(self) -> bool:
        return self.is_hidden and self.hidden_cause in HELD_CAUSES

    @property
    def byline(self) -> str:
        """The name shown to everyone: never the real author unless they chose to be named."""
        if self.identity == Identity.NAMED:
            return self.author.public_name
        if self.identity == Identity.ORGANISATION and self.organisation is not None:
            return self.organisation.name
        return byline(self.identity, self.pseudonym, "")

    @property
    def is_withdrawn(self) -> bool:
        return self.status == Status.WITHDRAWN

    @property
    def shown_title(self) -> str:
        """The title as every page but the author's own may show it, staff pages included.

        Withdrawing takes back consent to the whole story, title and words: a moderator who
        reaches it through a report, a comment, an appeal or a safeguarding alert reads
        "a withdrawn story" instead.
        """
        return str(WITHDRAWN_TITLE) if self.is_withdrawn else self.title


class StoryRevision(models.Model):
    """The text of a story before an edit; kept so edits can be reviewed."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=160)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Revision of story {self.story_id}"


class ConsentAction(models.TextChoices):
    GIVEN = "given", _("Given")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class StoryConsent(models.Model):
    """Append-only record of consent to publish a story: what, when, under which notice."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="consents")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="story_consents"
    )
    action = models.CharField(max_length=10, choices=ConsentAction.choices)
    notice_version = models.CharField(max_length=40)
    statement = models.TextField(help_text=_("The exact wording the person agreed to."))
    audience = models.CharField(max_length=8, choices=Audience.choices)
    identity = models.CharField(max_length=12, choices=Identity.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Consent {self.action} for story {self.story_id} ({self.notice_version})"


class CommentQuerySet(WithItemsQuerySet):
    item_kind = "comment"


class Comment(Hideable):
    # The comment's row in the content layer (content.models.ContentItem): reactions, reports,
    # follows, moderation decisions, appeals, safeguarding alerts and notifications point at it.
    item = models.OneToOneField(
        "content.ContentItem", on_delete=models.CASCADE, related_name="comment", editable=False
    )
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    depth = models.PositiveSmallIntegerField(default=0)
    body = models.TextField()
    body_html = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    is_deleted = models.BooleanField(default=False)
    experienced_count = models.PositiveIntegerField(default=0)
    helped_count = models.PositiveIntegerField(default=0)
    submission_key = models.UUIDField(null=True, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["story", "created_at"], name="comment_story_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission_key"], name="comment_one_per_submission"
            ),
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.story_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Every comment has its content item from the start (content.models).
        if self.item_id is None:
            self.item = ContentItem.objects.create(kind="comment", author_id=self.author_id)
        super().save(*args, **kwargs)

    @property
    def is_held_for_review(self) -> bool:
        return self.is_hidden and self.hidden_cause in HELD_CAUSES

    def carries_story_byline(self, story: Story | None = None) -> bool:
        """Written by the story's author on a story they did not share under their own name:
        shown under the story's byline to everyone, moderators included, until the audited
        reveal. Pass the comment's story when the caller holds it (saves a query); templates
        call it without."""
        story = self.story if story is None else story
        return comment_carries_story_byline(
            commenter_id=self.author_id, story_author_id=story.author_id, identity=story.identity
        )

    def byline(self, story: Story | None = None) -> str:
        """The name this comment is shown under, on every page (the one rule: see above)."""
        story = self.story if story is None else story
        if self.carries_story_byline(story):
            return story.byline
        return self.author.public_name


class ReactionKind(models.TextChoices):
    EXPERIENCED = "experienced", _("I've experienced this too")
    HELPED = "helped", _("This helped")


class Reaction(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions"
    )
    kind = models.CharField(max_length=12, choices=ReactionKind.choices)
    item = models.ForeignKey(
        "content.ContentItem", on_delete=models.CASCADE, related_name="reactions"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "item"], name="reaction_once_per_item"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} by {self.user_id}"


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    item = models.ForeignKey(
        "content.ContentItem", on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "item"], name="follow_once")]

    def __str__(self) -> str:
        return f"{self.user_id} follows item {self.item_id}"


class StoryRelation(models.Model):
    """Precomputed "related stories", filled by a task when a story is published or edited."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="relations")
    related = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()

    class Meta:
        ordering = ["-score", "id"]
        constraints = [models.UniqueConstraint(fields=["story", "related"], name="relation_once")]

    def __str__(self) -> str:
        return f"{self.story_id} ~ {self.related_id} ({self.score:.2f})"
