"""Writes for stories, comments, reactions and follows.

Every function here runs in a transaction and queues side effects (search indexing,
related-story computation) with `transaction.on_commit`.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from groundswell.lib.markdown import markdown_to_text, render_markdown
from groundswell.lib.text import clean_name, clean_text, excerpt
from groundswell.moderation import services as moderation_services
from groundswell.stories import images, signals
from groundswell.stories.models import (
    Audience,
    Comment,
    ConsentAction,
    Follow,
    Identity,
    Kind,
    Reaction,
    ReactionKind,
    Report,
    Status,
    Story,
    StoryConsent,
    StoryRevision,
)

if TYPE_CHECKING:
    from groundswell.accounts.models import User
    from groundswell.organisations.models import Organisation
    from groundswell.places.models import Place
    from groundswell.topics.models import Topic

# Weights for the "popular" ordering: a reply takes more effort than a tap.
SCORE_PER_REACTION = 1
SCORE_PER_COMMENT = 2


def consent_statement(
    *, kind: str, audience: str, identity: str, pseudonym: str = "", organisation_name: str = ""
) -> str:
    """The exact words a person agrees to before a story is published."""
    who = {
        Audience.PUBLIC: "anyone on the internet, including people who are not signed in",
        Audience.MEMBERS: "signed-in members of this community only",
    }[Audience(audience)]
    shown_as = {
        Identity.NAMED: "your display name",
        Identity.PSEUDONYM: f'the pseudonym "{pseudonym}", which is not linked to your profile',
        Identity.ANONYMOUS: '"Anonymous member"',
        Identity.ORGANISATION: f'the name of the organisation "{organisation_name}", not yours',
    }[Identity(identity)]
    return (
        f"This {kind} may contain information about your health or someone else's. "
        f"It will be visible to {who}, shown as {shown_as}. "
        "Moderators can see who wrote it to keep the community safe, and every time they look it is recorded. "
        "You can edit it or withdraw it at any time; withdrawing unpublishes it straight away."
    )


def consent_statement_for(story: Story) -> str:
    """The statement for a story as it is now (kind, audience and how the author is shown)."""
    return consent_statement(
        kind=story.get_kind_display().lower(),
        audience=story.audience,
        identity=story.identity,
        pseudonym=story.pseudonym,
        organisation_name=story.organisation.name if story.organisation else "",
    )


@dataclass
class StoryInput:
    kind: str
    title: str
    body: str
    topics: Iterable[Topic] = field(default_factory=list)
    place: Place | None = None
    identity: str = Identity.NAMED
    pseudonym: str = ""
    # With identity "organisation": the organisation it is posted as.
    organisation: Organisation | None = None
    audience: str = Audience.PUBLIC
    image: UploadedFile | None = None
    image_alt: str = ""
    remove_image: bool = False


def _check_posting_as(author: User, data: StoryInput) -> None:
    """Posting as an organisation needs a role in it that may post (organisations.permissions,
    the one rule); an update is only ever posted as an organisation."""
    from groundswell.organisations.permissions import can_post_as

    if data.identity == Identity.ORGANISATION:
        if data.organisation is None:
            raise ValidationError(
                {"organisation": _("Choose the organisation you are posting for.")}
            )
        if not can_post_as(author, data.organisation):
            raise ValidationError(
                {"organisation": _("You can only post for an organisation you help to run.")}
            )
    elif data.kind == Kind.UPDATE:
        raise ValidationError(
            {"kind": _("Updates are posted for an organisation. Choose the organisation below.")}
        )


def _apply_input(story: Story, data: StoryInput) -> None:
    story.kind = data.kind
    story.title = clean_text(data.title, single_line=True)
    story.body = clean_text(data.body)
    story.body_html = render_markdown(story.body)
    story.excerpt = excerpt(markdown_to_text(story.body), 280)
    story.place = data.place
    story.identity = data.identity
    story.pseudonym = clean_name(data.pseudonym) if data.identity == Identity.PSEUDONYM else ""
    story.organisation = data.organisation if data.identity == Identity.ORGANISATION else None
    story.audience = data.audience
    story.image_alt = clean_text(data.image_alt, single_line=True)
    if data.remove_image and story.image:
        story.image.delete(save=False)
        story.image = ""
        story.image_alt = ""
    if data.image is not None:
        name, content = images.reencode(data.image)
        story.image.save(name, content, save=False)
    if not story.image:
        story.image_alt = ""


def _queue_reindex(story: Story) -> None:
    from groundswell.stories import searching, tasks

    story_id = story.pk

    def after_commit() -> None:
        searching.index_story(story_id)
        tasks.refresh_related.enqueue(story_id)

    transaction.on_commit(after_commit)


@transaction.atomic
def story_save_draft(
    *,
    author: User,
    data: StoryInput,
    story: Story | None = None,
    submission_key: uuid.UUID | None = None,
) -> Story:
    """Create or update a draft. A repeated submission_key returns the first draft (double submit)."""
    if story is None and submission_key is not None:
        existing = Story.objects.filter(author=author, submission_key=submission_key).first()
        if existing is not None:
            return existing
    if story is None:
        story = Story(author=author, submission_key=submission_key, status=Status.DRAFT)
    elif story.author_id != author.pk:
        raise PermissionDenied(_("Only the author can change a draft."))
    signals.run_post_checks(
        user=author,
        action="story",
        text=f"{data.title}\n{data.body}",
        has_image=data.image is not None,
    )
    _check_posting_as(author, data)
    _apply_input(story, data)
    story.full_clean(exclude=["author", "submission_key", "image"])
    try:
        with transaction.atomic():
            story.save()
    except IntegrityError:
        # A second request with the same submission key won the race: use its story.
        return Story.objects.get(author=author, submission_key=submission_key)
    story.topics.set(list(data.topics))
    return story


@transaction.atomic
def story_publish(*, story: Story, actor: User, consented: bool) -> Story:
    """Publish a draft after the author has agreed to the consent statement (recorded)."""
    if story.author_id != actor.pk:
        raise PermissionDenied(_("Only the author can publish a story."))
    if not consented:
        raise ValidationError(
            {"consent": _("Please confirm you understand who will see this before publishing.")}
        )
    # Lock the row so two concurrent publishes record one state change; the caller's instance is
    # updated in place so it reflects the new status.
    locked = Story.objects.select_for_update().only("status", "published_at").get(pk=story.pk)
    story.status, story.published_at = locked.status, locked.published_at
    StoryConsent.objects.create(
        story=story,
        user=actor,
        action=ConsentAction.GIVEN,
        notice_version=settings.CONSENT_NOTICE_VERSION,
        statement=consent_statement_for(story),
        audience=story.audience,
        identity=story.identity,
    )
    held = False
    if story.status != Status.PUBLISHED:
        story.status = Status.PUBLISHED
        story.published_at = story.published_at or timezone.now()
        story.save(update_fields=["status", "published_at", "updated_at"])
        # Pre-moderation (groundswell.moderation) may hold it for review instead of going live;
        # it is announced when a moderator approves it.
        held = signals.run_publish_gates(story=story, actor=actor)
    if not held:
        transaction.on_commit(
            lambda: signals.story_published.send(sender=Story, story=story, actor=actor)
        )
    _queue_reindex(story)
    return story


@transaction.atomic
def story_edit(*, story: Story, actor: User, data: StoryInput) -> Story:
    """Edit a story, keeping the previous text as a revision.

    Changing who can see it or how the author is shown on a published story needs fresh consent,
    so the caller must then go through `story_publish` again; until then it is a draft.

    Changing the words, place, topics or image of a published story runs the publish gates again
    (signals.run_publish_gates): a new member's story moved into a pre-moderated place or topic
    is held for review, as it would have been when published there. Otherwise `story_edited` is
    sent after commit (safeguarding reads the new words).
    """
    if story.author_id != actor.pk:
        raise PermissionDenied(_("Only the author can edit a story."))
    if story.status == Status.WITHDRAWN:
        raise ValidationError(
            _("This story was withdrawn. Share it again as a new story if you wish.")
        )
    signals.run_post_checks(
        user=actor,
        action="story",
        text=f"{data.title}\n{data.body}",
        has_image=data.image is not None,
    )
    old_title, old_body = story.title, story.body
    old_audience, old_identity, old_pseudonym = story.audience, story.identity, story.pseudonym
    old_organisation_id = story.organisation_id
    old_place_id, old_image = story.place_id, story.image.name
    old_topic_ids = set(story.topics.values_list("id", flat=True))
    new_organisation_id = data.organisation.pk if data.organisation is not None else None
    if (
        (data.identity, new_organisation_id) != (old_identity, old_organisation_id)
        or data.kind == Kind.UPDATE
        and data.identity != Identity.ORGANISATION
    ):
        _check_posting_as(actor, data)
    _apply_input(story, data)
    story.full_clean(exclude=["author", "submission_key", "image"])
    if story.status == Status.PUBLISHED:
        if (old_title, old_body) != (story.title, story.body):
            StoryRevision.objects.create(story=story, title=old_title, body=old_body)
            story.edited_at = timezone.now()
        if (old_audience, old_identity, old_pseudonym, old_organisation_id) != (
            story.audience,
            story.identity,
            story.pseudonym,
            story.organisation_id,
        ):
            story.status = Status.DRAFT
    story.save()
    topics = list(data.topics)
    story.topics.set(topics)
    changed = {
        name
        for name, before, after in (
            ("title", old_title, story.title),
            ("body", old_body, story.body),
            ("place", old_place_id, story.place_id),
            ("topics", old_topic_ids, {t.pk for t in topics}),
            ("image", old_image, story.image.name),
        )
        if before != after
    }
    if story.status == Status.PUBLISHED and changed:
        signals.run_publish_gates(story=story, actor=actor)
        if not story.is_held_for_review:
            edited = frozenset(changed)
            transaction.on_commit(
                lambda: signals.story_edited.send(
                    sender=Story, story=story, actor=actor, changed=edited
                )
            )
    _queue_reindex(story)
    return story


@transaction.atomic
def story_withdraw(*, story: Story, actor: User) -> Story:
    """Withdraw consent: the story is unpublished at once and removed from search and feeds."""
    if story.author_id != actor.pk:
        raise PermissionDenied(_("Only the author can withdraw a story."))
    if story.status == Status.PUBLISHED:
        StoryConsent.objects.create(
            story=story,
            user=actor,
            action=ConsentAction.WITHDRAWN,
            notice_version=settings.CONSENT_NOTICE_VERSION,
            statement="Consent withdrawn by the author; the story was unpublished.",
            audience=story.audience,
            identity=story.identity,
        )
    story.status = Status.WITHDRAWN if story.status == Status.PUBLISHED else story.status
    story.save(update_fields=["status", "updated_at"])
    if story.status == Status.DRAFT:
        story.delete()
        return story
    _queue_reindex(story)
    return story


def _lock_story_for_comment(story: Story, actor: User) -> None:
    if not story.is_published:
        raise ValidationError(_("Comments are closed because this story is not published."))
    if story.audience == Audience.MEMBERS and not actor.is_authenticated:
        raise PermissionDenied


@transaction.atomic
def comment_create(
    *,
    story: Story,
    author: User,
    body: str,
    parent: Comment | None = None,
    submission_key: uuid.UUID | None = None,
) -> Comment:
    """Add a comment or a reply. A repeated submission_key returns the first comment."""
    if submission_key is not None:
        existing = Comment.objects.filter(author=author, submission_key=submission_key).first()
        if existing is not None:
            return existing
    _lock_story_for_comment(story, author)
    body = clean_text(body)
    if not body:
        raise ValidationError({"body": _("Write something before posting your comment.")})
    if len(body) > settings.COMMENT_BODY_MAX_CHARS:
        raise ValidationError(
            {"body": f"Comments can be up to {settings.COMMENT_BODY_MAX_CHARS:,} characters."}
        )
    if parent is not None and (parent.story_id != story.pk or parent.is_hidden):
        raise ValidationError({"parent": _("You can only reply to a comment on this story.")})
    signals.run_post_checks(user=author, action="comment", text=body, has_image=False)
    comment = Comment(
        story=story,
        author=author,
        parent=parent,
        depth=(parent.depth + 1) if parent else 0,
        body=body,
        body_html=render_markdown(body),
        submission_key=submission_key,
    )
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError:
        return Comment.objects.get(author=author, submission_key=submission_key)
    Story.objects.filter(pk=story.pk).update(
        comment_count=F("comment_count") + 1, score=F("score") + SCORE_PER_COMMENT
    )
    comment_id = comment.pk
    transaction.on_commit(lambda: _index_comment(comment_id))
    transaction.on_commit(
        lambda: signals.comment_posted.send(sender=Comment, comment=comment, actor=author)
    )
    return comment


def _index_comment(comment_id: int) -> None:
    from groundswell.stories import searching

    searching.index_comment(comment_id)


@transaction.atomic
def comment_edit(*, comment: Comment, actor: User, body: str) -> Comment:
    if comment.author_id != actor.pk:
        raise PermissionDenied(_("Only the author can edit a comment."))
    if comment.is_deleted:
        raise ValidationError(_("This comment was deleted."))
    body = clean_text(body)
    if not body:
        raise ValidationError({"body": _("A comment can't be empty. Delete it instead.")})
    if len(body) > settings.COMMENT_BODY_MAX_CHARS:
        raise ValidationError(
            {"body": f"Comments can be up to {settings.COMMENT_BODY_MAX_CHARS:,} characters."}
        )
    comment.body = body
    comment.body_html = render_markdown(body)
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "body_html", "edited_at"])
    comment_id = comment.pk
    transaction.on_commit(lambda: _index_comment(comment_id))
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, actor: User) -> Comment:
    """Delete your comment. Replies stay readable, so the text is blanked and the shell kept."""
    if comment.author_id != actor.pk:
        raise PermissionDenied(_("Only the author can delete a comment."))
    if comment.is_deleted:
        return comment
    comment.is_deleted = True
    comment.body = ""
    comment.body_html = ""
    comment.save(update_fields=["is_deleted", "body", "body_html"])
    Story.objects.filter(pk=comment.story_id).update(
        comment_count=F("comment_count") - 1, score=F("score") - SCORE_PER_COMMENT
    )
    comment_id = comment.pk
    transaction.on_commit(lambda: _index_comment(comment_id))
    return comment


_COUNTER = {ReactionKind.EXPERIENCED: "experienced_count", ReactionKind.HELPED: "helped_count"}


@transaction.atomic
def reaction_toggle(
    *, user: User, kind: str, story: Story | None = None, comment: Comment | None = None
) -> bool:
    """Add the reaction if absent, remove it if present. Returns True when it is now on."""
    if (story is None) == (comment is None):
        raise ValueError("React to exactly one story or comment.")
    counter = _COUNTER[ReactionKind(kind)]
    if story is not None:
        target_qs = Story.objects.filter(pk=story.pk)
        item_id = story.item_id
    else:
        if comment is None:  # for type checkers; excluded by the check above
            raise ValueError("React to exactly one story or comment.")
        target_qs = Comment.objects.filter(pk=comment.pk)  # type: ignore[assignment]
        item_id = comment.item_id
    existing = Reaction.objects.filter(user=user, kind=kind, item_id=item_id)
    deleted, _ = existing.delete()
    if deleted:
        updates = {counter: F(counter) - 1}
        if story is not None:
            updates["score"] = F("score") - SCORE_PER_REACTION
        target_qs.update(**updates)
        return False
    try:
        with transaction.atomic():
            Reaction.objects.create(user=user, kind=kind, item_id=item_id)
    except IntegrityError:
        return True  # a concurrent identical click already added it
    updates = {counter: F(counter) + 1}
    if story is not None:
        updates["score"] = F("score") + SCORE_PER_REACTION
    target_qs.update(**updates)
    return True


@transaction.atomic
def follow_toggle(*, user: User, story: Story) -> bool:
    deleted, _ = Follow.objects.filter(user=user, item_id=story.item_id).delete()
    if deleted:
        return False
    Follow.objects.get_or_create(user=user, item_id=story.item_id)
    return True


def report_create(
    *,
    reporter: User,
    reason: str,
    details: str = "",
    story: Story | None = None,
    comment: Comment | None = None,
    profile_user: User | None = None,
) -> Report:
    """Record a report for moderators (moderation.services.report_create, which holds an item
    after several reports). One open report per person per item."""
    if [story, comment, profile_user].count(None) != 2:
        raise ValueError("Report exactly one story, comment or profile.")
    content = story or comment
    return moderation_services.report_create(
        reporter=reporter,
        reason=reason,
        details=details,
        item_id=content.item_id if content is not None else None,
        profile_user=profile_user,
    )
