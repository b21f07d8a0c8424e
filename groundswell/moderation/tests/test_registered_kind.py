"""A kind of content moderation has never heard of gets reports, the queue, hiding, holding,
restoring and appeals by registering `moderation=` in its manifest, with no change to this app.

The kind here is a "note": a proxy of the comment model (the only models with the standard hiding
fields are stories and comments), registered under a key of its own by the test, with the
generic moderation template (no `template=`) and no audit actions of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db.models import Q
from django.test import override_settings

from groundswell.accounts.models import User
from groundswell.audit.models import AuditEvent
from groundswell.content import registry
from groundswell.content.models import ContentItem
from groundswell.core.testing.factories import CommentFactory, UserFactory
from groundswell.moderation import services
from groundswell.moderation.models import (
    Appeal,
    AppealStatus,
    DecisionAction,
    HiddenCause,
    ModerationDecision,
    Report,
)
from groundswell.stories.models import Comment, Story

pytestmark = pytest.mark.django_db


class Note(Comment):
    """Same table as comments; a kind of its own to the content registry."""

    class Meta:
        proxy = True
        app_label = "moderation"


@pytest.fixture
def changes() -> list[tuple[int, str, str]]:
    return []


@pytest.fixture
def note_kind(changes: list[tuple[int, str, str]]) -> Iterator[registry.ContentKind]:
    def changed(note: Note, *, change: str, cause: str) -> None:
        changes.append((note.pk, change, cause))

    kind = registry.register(
        registry.ContentKind(
            key="note",
            model=Note,
            label="note",
            visible_to=lambda qs, user: qs.filter(is_hidden=False, is_deleted=False),
            byline=lambda note: note.author.public_name,
            shown_title=lambda note: f"a note saying {note.body}",
            url=lambda note: f"/notes/{note.pk}/",
            select_related=("author",),
            moderation=registry.Moderation(
                not_actionable=lambda note: (
                    "The writer deleted this note." if note.is_deleted else None
                ),
                lock_fields=("is_deleted",),
                actionable=Q(is_deleted=False),
                changed=changed,
            ),
        )
    )
    yield kind
    registry.unregister("note")


def make_note(story: Story, author: User, body: str) -> Note:
    comment = CommentFactory.create(story=story, author=author, body=body)
    ContentItem.objects.filter(pk=comment.item_id).update(kind="note")
    return Note.objects.select_related("item").get(pk=comment.pk)


def test_a_registered_kind_is_reported_queued_hidden_appealed_and_shown_again(
    client_for: Any,
    note_kind: registry.ContentKind,
    changes: list[tuple[int, str, str]],
    story: Story,
    owner: User,
    member: User,
    moderator: User,
) -> None:
    note = make_note(story, owner, "Call this number for cheap pills")
    services.report_create(reporter=member, reason="spam", item_id=note.item_id)

    moderators = client_for(moderator)
    queue = moderators.get("/moderation/?type=note")
    review_url = f"/moderation/content/note/{note.pk}/"
    assert queue.status_code == 200
    assert "Note" in queue.text and "A note saying Call this number" in queue.text
    assert review_url in queue.text and "1 report from 1 member" in queue.text
    review = moderators.get(review_url)
    assert review.status_code == 200
    assert "Review a note" in review.text and f"{review_url}hide/" in review.text

    response = moderators.post(f"{review_url}hide/", {"hide-reason": "Advertising"})
    assert response.status_code == 302 and response["Location"] == review_url
    note.refresh_from_db()
    assert note.is_hidden and note.hidden_cause == HiddenCause.MODERATOR
    assert note.hidden_reason == "Advertising" and note.hidden_by == moderator
    assert Report.objects.get().outcome == Report.Outcome.ACTIONED
    assert AuditEvent.objects.filter(action="note_hidden", actor=moderator).exists()
    assert changes == [(note.pk, "hidden", "")]

    author = client_for(owner)
    appeal_url = f"/appeals/content/note/{note.pk}/"
    assert client_for(member).get(appeal_url).status_code == 404
    assert author.get(appeal_url).status_code == 200
    response = author.post(appeal_url, {"message": "It is a real helpline"})
    assert response.status_code == 302 and response["Location"] == f"/notes/{note.pk}/"
    appeal = Appeal.objects.get(item_id=note.item_id)
    assert "A note saying Call this number" in moderators.get("/moderation/?status=appeals").text

    response = moderators.post(
        f"/moderation/appeals/{appeal.pk}/",
        {"decision": "overturn", "reason": "It is a helpline after all"},
    )
    assert response.status_code == 302 and response["Location"] == review_url
    note.refresh_from_db()
    appeal.refresh_from_db()
    assert not note.is_hidden and appeal.status == AppealStatus.OVERTURNED
    assert changes[-1] == (note.pk, "restored", HiddenCause.MODERATOR)
    assert list(
        ModerationDecision.objects.filter(item_id=note.item_id).values_list("action", flat=True)
    ) == [DecisionAction.APPEAL_OVERTURNED, DecisionAction.HIDDEN]


@override_settings(MODERATION_AUTO_HOLD_REPORTS=2)
def test_a_registered_kind_is_held_after_reports_and_approved_from_the_queue(
    client_for: Any,
    django_capture_on_commit_callbacks: Any,
    note_kind: registry.ContentKind,
    changes: list[tuple[int, str, str]],
    story: Story,
    owner: User,
    moderator: User,
) -> None:
    note = make_note(story, owner, "Try this miracle cure")
    deleted = make_note(story, owner, "Deleted before anyone looked")
    Comment.objects.filter(pk=deleted.pk).update(is_deleted=True)
    for reporter in UserFactory.create_batch(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.report_create(reporter=reporter, reason="misinformation", item_id=note.item_id)
            services.report_create(reporter=reporter, reason="spam", item_id=deleted.item_id)
    note.refresh_from_db()
    deleted.refresh_from_db()
    assert note.is_hidden and note.hidden_cause == HiddenCause.REPORTS
    # Nothing a moderator could act on is held.
    assert not deleted.is_hidden
    assert changes == [(note.pk, "held", "")]

    moderators = client_for(moderator)
    held = moderators.get("/moderation/?status=held")
    assert "A note saying Try this miracle cure" in held.text
    assert "Deleted before anyone looked" not in held.text
    response = moderators.post(
        f"/moderation/content/note/{note.pk}/approve/", {"approve-reason": ""}
    )
    assert response.status_code == 302
    note.refresh_from_db()
    assert not note.is_hidden
    assert changes[-1] == (note.pk, "approved", HiddenCause.REPORTS)
    assert AuditEvent.objects.filter(action="note_approved").exists()
    assert set(Report.objects.filter(item_id=note.item_id).values_list("outcome", flat=True)) == {
        Report.Outcome.DISMISSED
    }
