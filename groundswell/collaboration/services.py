"""Writes for co-created resources. Each runs in a transaction; notifications are queued to go
out after it commits. The resource's words change only through stories.services.story_edit."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from groundswell.collaboration import notifying, permissions
from groundswell.collaboration.models import (
    OPEN_STATUSES,
    CoAuthor,
    CoAuthorStatus,
    ResourceRevision,
    RevisionSource,
    Suggestion,
    SuggestionStatus,
)
from groundswell.follows.selectors import is_blocked
from groundswell.lib.text import clean_text
from groundswell.stories import services as story_services
from groundswell.stories import signals as story_signals
from groundswell.stories.models import Identity, Story

if TYPE_CHECKING:
    from groundswell.accounts.models import User
    from groundswell.organisations.models import Organisation

# Set on the Story instance passed to story_edit by this app, so the story_edited receiver
# knows the change is already in the history.
RECORDED_ATTR = "_gs_collaboration_recorded"

NOT_FOUND = gettext_lazy("We couldn't find a member with that handle.")


def _actor(story: Story, user: Any) -> tuple[Any, str]:
    """Who a notification says did something: the author of a pseudonymous or anonymous
    resource only by its byline, never their account."""
    if user.pk == story.author_id and story.identity != Identity.NAMED:
        return None, story.byline
    return user, str(user.public_name)


# --- Changing the words -------------------------------------------------------------------


def _apply_words(
    *,
    story: Story,
    editor: User,
    title: str,
    body: str,
    source: str,
    organisation: Organisation | None = None,
    accepted_by: User | None = None,
    suggestion: Suggestion | None = None,
) -> ResourceRevision | None:
    """Put new words on the resource through the stories app's edit service (under the
    author's name, since only the author can edit a story there) and record who changed what.
    None when nothing changed."""
    locked = Story.objects.select_for_update().only("title", "body").get(pk=story.pk)
    story.title, story.body = locked.title, locked.body
    title_before, body_before = story.title, story.body
    data = story_services.StoryInput(
        kind=story.kind,
        title=title,
        body=body,
        topics=list(story.topics.all()),
        place=story.place,
        identity=story.identity,
        pseudonym=story.pseudonym,
        audience=story.audience,
        image=None,
        image_alt=story.image_alt,
    )
    setattr(story, RECORDED_ATTR, True)
    story_services.story_edit(story=story, actor=story.author, data=data)
    if (title_before, body_before) == (story.title, story.body):
        return None
    return ResourceRevision.objects.create(
        story=story,
        editor=editor,
        organisation=organisation,
        accepted_by=accepted_by,
        suggestion=suggestion,
        source=source,
        title_before=title_before,
        body_before=body_before,
        title=story.title,
        body=story.body,
    )


@transaction.atomic
def resource_edit(*, story: Story, editor: User, title: str, body: str) -> ResourceRevision | None:
    """The author or a co-author changes the title and body (collaboration:edit)."""
    if not permissions.can_edit_words(editor, story):
        raise PermissionDenied(_("Only the resource's authors can change it."))
    role = (
        None
        if permissions.is_author(editor, story)
        else permissions.coauthor_role_of(editor, story)
    )
    if role is not None:
        # The co-author's own limits (trust levels), not only the author's (story_edit).
        story_signals.run_post_checks(
            user=editor, action="story", text=f"{title}\n{body}", has_image=False
        )
    return _apply_words(
        story=story,
        editor=editor,
        title=title,
        body=body,
        source=RevisionSource.AUTHOR if role is None else RevisionSource.COAUTHOR,
        organisation=role.organisation if role is not None else None,
    )


def revision_from_story_edit(
    sender: Any,
    story: Story,
    actor: Any = None,
    changed: frozenset[str] = frozenset(),
    **kwargs: Any,
) -> None:
    """stories.signals.story_edited: an edit made on the ordinary edit page goes in the history
    too, with the text before it (the StoryRevision story_edit just kept)."""
    if getattr(story, RECORDED_ATTR, False) or story.kind != "resource":
        return
    if not ({"title", "body"} & set(changed)) or actor is None:
        return
    before = story.revisions.order_by("-created_at", "-id").first()
    if before is None:
        return
    role = None if actor.pk == story.author_id else permissions.coauthor_role_of(actor, story)
    ResourceRevision.objects.create(
        story=story,
        editor=actor,
        organisation=role.organisation if role is not None else None,
        source=RevisionSource.AUTHOR if actor.pk == story.author_id else RevisionSource.COAUTHOR,
        title_before=before.title,
        body_before=before.body,
        title=story.title,
        body=story.body,
    )


# --- Co-authors ------------------------------------------------------------------------------


@transaction.atomic
def coauthor_invite(
    *,
    story: Story,
    inviter: User,
    member: User | None = None,
    organisation: Organisation | None = None,
    submission_key: uuid.UUID | None = None,
) -> CoAuthor:
    """Invite a member or an organisation to co-author. A repeated submission_key returns the
    first invitation (double submit)."""
    if (member is None) == (organisation is None):
        raise ValueError("Invite exactly one member or organisation.")
    if submission_key is not None:
        existing = CoAuthor.objects.filter(
            invited_by=inviter, submission_key=submission_key
        ).first()
        if existing is not None:
            return existing
    if not permissions.can_invite(inviter, story):
        raise PermissionDenied(_("Only the resource's authors can invite co-authors."))
    if member is not None:
        if (
            not member.is_active
            or is_blocked(member, inviter)
            or is_blocked(member, story.author_id)
        ):
            raise ValidationError({"handle": NOT_FOUND})
        if member.pk == story.author_id:
            raise ValidationError({"handle": _("That's the resource's author.")})
        taken = CoAuthor.objects.filter(story=story, member=member, status__in=OPEN_STATUSES)
    else:
        assert organisation is not None  # noqa: S101 (checked above)
        if not organisation.is_active:
            raise ValidationError(
                {"organisation": _("We couldn't find an organisation with that address.")}
            )
        taken = CoAuthor.objects.filter(
            story=story, organisation=organisation, status__in=OPEN_STATUSES
        )
    if taken.exists():
        field = "handle" if member is not None else "organisation"
        raise ValidationError(
            {field: _("They are already a co-author or have an invitation waiting.")}
        )
    coauthor = CoAuthor(
        story=story,
        member=member,
        organisation=organisation,
        invited_by=inviter,
        submission_key=submission_key,
    )
    try:
        with transaction.atomic():
            coauthor.save()
    except IntegrityError:
        existing = CoAuthor.objects.filter(
            invited_by=inviter, submission_key=submission_key
        ).first()
        if existing is None:
            raise ValidationError(
                {"handle": _("They are already a co-author or have an invitation waiting.")}
            ) from None
        return existing
    actor, label = _actor(story, inviter)
    url = reverse("collaboration:invitation", args=[coauthor.pk])
    if member is not None:
        recipients: list[Any] = [member]
    else:
        recipients = notifying.organisation_managers(organisation)
    transaction.on_commit(
        lambda: notifying.tell(
            recipients,
            notifying.COAUTHOR_INVITE,
            actor=actor,
            label=label,
            url=url,
            about=story.title,
        )
    )
    return coauthor


@transaction.atomic
def coauthor_respond(*, coauthor: CoAuthor, actor: User, accept: bool) -> CoAuthor:
    """Accept or decline an invitation (the member, or an owner or admin for an organisation).
    Answering twice keeps the first answer."""
    locked = CoAuthor.objects.select_for_update().get(pk=coauthor.pk)
    if locked.status != CoAuthorStatus.PENDING:
        coauthor.status, coauthor.responded_at = locked.status, locked.responded_at
        return coauthor
    if not permissions.can_respond(actor, coauthor):
        raise PermissionDenied(_("This invitation isn't yours to answer."))
    coauthor.status = CoAuthorStatus.ACCEPTED if accept else CoAuthorStatus.DECLINED
    coauthor.responded_at = timezone.now()
    coauthor.save(update_fields=["status", "responded_at"])
    permissions.forget_coauthors(coauthor.story)
    return coauthor


@transaction.atomic
def coauthor_remove(*, coauthor: CoAuthor, actor: User) -> CoAuthor:
    """The author removes a co-author or takes back an invitation."""
    if not permissions.can_remove_coauthor(actor, coauthor):
        raise PermissionDenied(_("Only the author can remove co-authors."))
    coauthor.status = CoAuthorStatus.REMOVED
    coauthor.responded_at = timezone.now()
    coauthor.save(update_fields=["status", "responded_at"])
    permissions.forget_coauthors(coauthor.story)
    return coauthor


@transaction.atomic
def coauthor_leave(*, coauthor: CoAuthor, actor: User) -> CoAuthor:
    """A co-author (or an organisation's owner or admin, for it) stops co-authoring."""
    if not permissions.can_leave(actor, coauthor):
        raise PermissionDenied(_("Only the co-author can leave."))
    coauthor.status = CoAuthorStatus.LEFT
    coauthor.responded_at = timezone.now()
    coauthor.save(update_fields=["status", "responded_at"])
    permissions.forget_coauthors(coauthor.story)
    return coauthor


# --- Suggestions -----------------------------------------------------------------------------


@transaction.atomic
def suggestion_create(
    *,
    story: Story,
    suggester: User,
    title: str,
    body: str,
    note: str = "",
    submission_key: uuid.UUID | None = None,
) -> Suggestion:
    """Propose new words for a resource. A repeated submission_key returns the first one."""
    if submission_key is not None:
        existing = Suggestion.objects.filter(
            suggester=suggester, submission_key=submission_key
        ).first()
        if existing is not None:
            return existing
    if not permissions.can_suggest(suggester, story):
        raise PermissionDenied(_("You can't suggest an edit to this resource."))
    title = clean_text(title, single_line=True)
    body = clean_text(body)
    note = clean_text(note)
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = _("Enter a title.")
    elif len(title) > 160:
        errors["title"] = _("Titles can be up to 160 characters.")
    if not body:
        errors["body"] = _("Write the text you suggest.")
    if len(note) > 500:
        errors["note"] = _("Notes can be up to 500 characters.")
    if not errors and (title, body) == (story.title, story.body):
        errors["body"] = _("This is the same as the resource now. Change something to suggest it.")
    if errors:
        raise ValidationError(errors)
    story_signals.run_post_checks(
        user=suggester, action="comment", text=f"{title}\n{body}\n{note}", has_image=False
    )
    suggestion = Suggestion(
        story=story,
        suggester=suggester,
        title=title,
        body=body,
        note=note,
        base_title=story.title,
        base_body=story.body,
        submission_key=submission_key,
    )
    try:
        with transaction.atomic():
            suggestion.save()
    except IntegrityError:
        return Suggestion.objects.get(suggester=suggester, submission_key=submission_key)
    url = reverse("collaboration:suggestion", args=[suggestion.pk])
    label = str(suggester.public_name)
    transaction.on_commit(
        lambda: notifying.tell(
            [story.author],
            notifying.SUGGESTION_RECEIVED,
            actor=suggester,
            label=label,
            url=url,
            about=story.title,
        )
    )
    return suggestion


@transaction.atomic
def suggestion_accept(*, suggestion: Suggestion, actor: User, compared: bool = False) -> Suggestion:
    """Apply the suggested words to the resource and credit the suggester. One that was written
    against older words needs `compared` (the author looked at both). Accepting twice is
    harmless."""
    locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if locked.status != SuggestionStatus.PENDING:
        suggestion.status = locked.status
        return suggestion
    if not permissions.can_decide(actor, suggestion):
        raise PermissionDenied(_("Only the resource's authors can accept suggestions."))
    story = suggestion.story
    story.refresh_from_db(fields=["title", "body"])
    if suggestion.is_out_of_date and not compared:
        raise ValidationError(
            {
                "compared": _(
                    "The resource has changed since this was suggested. Compare the two, "
                    "then tick the box to accept it anyway."
                )
            }
        )
    role = (
        None if permissions.is_author(actor, story) else permissions.coauthor_role_of(actor, story)
    )
    _apply_words(
        story=story,
        editor=suggestion.suggester,
        title=suggestion.title,
        body=suggestion.body,
        source=RevisionSource.SUGGESTION,
        organisation=role.organisation if role is not None else None,
        accepted_by=actor,
        suggestion=suggestion,
    )
    suggestion.status = SuggestionStatus.ACCEPTED
    suggestion.decided_by = actor
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "decided_by", "decided_at"])
    _tell_suggester(suggestion, actor, notifying.SUGGESTION_ACCEPTED)
    return suggestion


@transaction.atomic
def suggestion_decline(*, suggestion: Suggestion, actor: User, reason: str = "") -> Suggestion:
    """Turn a suggestion down, with an optional reason the suggester reads."""
    locked = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if locked.status != SuggestionStatus.PENDING:
        suggestion.status = locked.status
        return suggestion
    if not permissions.can_decide(actor, suggestion):
        raise PermissionDenied(_("Only the resource's authors can decline suggestions."))
    reason = clean_text(reason)
    if len(reason) > 500:
        raise ValidationError({"reason": _("Reasons can be up to 500 characters.")})
    suggestion.status = SuggestionStatus.DECLINED
    suggestion.decided_by = actor
    suggestion.decided_at = timezone.now()
    suggestion.decline_reason = reason
    suggestion.save(update_fields=["status", "decided_by", "decided_at", "decline_reason"])
    _tell_suggester(suggestion, actor, notifying.SUGGESTION_DECLINED)
    return suggestion


def _tell_suggester(suggestion: Suggestion, actor: User, type_key: str) -> None:
    story = suggestion.story
    who, label = _actor(story, actor)
    url = reverse("collaboration:suggestion", args=[suggestion.pk])
    suggester = suggestion.suggester
    transaction.on_commit(
        lambda: notifying.tell(
            [suggester], type_key, actor=who, label=label, url=url, about=story.title
        )
    )


# --- Erasure ---------------------------------------------------------------------------------


def member_erase(*, user: Any) -> None:
    """Inside the account deletion: the person's suggestions and co-authorships go; the history
    keeps what they changed but says "a former member"."""
    Suggestion.objects.filter(suggester=user).delete()
    Suggestion.objects.filter(decided_by=user).update(decided_by=None)
    CoAuthor.objects.filter(member=user).delete()
    CoAuthor.objects.filter(invited_by=user).update(invited_by=None)
    ResourceRevision.objects.filter(editor=user).update(editor=None)
    ResourceRevision.objects.filter(accepted_by=user).update(accepted_by=None)
