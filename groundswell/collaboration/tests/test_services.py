from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from groundswell.accounts.models import User
from groundswell.collaboration import permissions, selectors, services
from groundswell.collaboration.models import (
    FORMER_MEMBER,
    CoAuthor,
    CoAuthorStatus,
    ResourceRevision,
    RevisionSource,
    Suggestion,
)
from groundswell.core.testing.factories import StoryFactory
from groundswell.notifications.models import Notification
from groundswell.organisations.models import Organisation
from groundswell.privacy.services import account_delete
from groundswell.privacy.signals import export_sections
from groundswell.stories import services as story_services
from groundswell.stories.models import Identity, Story, StoryRevision

pytestmark = pytest.mark.django_db


def test_inviting_a_member_tells_them_and_they_can_accept(
    resource: Story, owner: User, member: User, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invite = services.coauthor_invite(story=resource, inviter=owner, member=member)
    note = Notification.objects.get(recipient=member, type_key="coauthor_invite")
    assert note.target_url == f"/resources/invitations/{invite.pk}/"
    assert note.actor_label == owner.public_name
    assert not permissions.is_maker(member, resource)

    services.coauthor_respond(coauthor=invite, actor=member, accept=True)
    resource = Story.objects.get(pk=resource.pk)
    assert permissions.is_maker(member, resource)
    assert permissions.can_edit_words(member, resource)


def test_double_submitted_invitation_is_one_invitation(
    resource: Story, owner: User, member: User
) -> None:
    key = uuid.uuid4()
    first = services.coauthor_invite(
        story=resource, inviter=owner, member=member, submission_key=key
    )
    second = services.coauthor_invite(
        story=resource, inviter=owner, member=member, submission_key=key
    )
    assert first.pk == second.pk
    assert CoAuthor.objects.filter(story=resource, member=member).count() == 1


def test_inviting_someone_twice_is_refused(resource: Story, owner: User, member: User) -> None:
    services.coauthor_invite(story=resource, inviter=owner, member=member)
    with pytest.raises(ValidationError, match="already a co-author"):
        services.coauthor_invite(story=resource, inviter=owner, member=member)


def test_a_blocked_member_cant_be_invited_and_is_not_told_why(
    resource: Story, owner: User, blocked: User
) -> None:
    with pytest.raises(ValidationError) as exc:
        services.coauthor_invite(story=resource, inviter=owner, member=blocked)
    assert exc.value.message_dict == {"handle": [services.NOT_FOUND]}


def test_other_members_cant_invite(resource: Story, member: User, outsider: User) -> None:
    with pytest.raises(PermissionDenied):
        services.coauthor_invite(story=resource, inviter=member, member=outsider)


def test_organisation_invitation_goes_to_its_admins_and_only_they_answer(
    resource: Story,
    owner: User,
    org: Organisation,
    org_admin: User,
    org_member: User,
    django_capture_on_commit_callbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invite = services.coauthor_invite(story=resource, inviter=owner, organisation=org)
    assert Notification.objects.filter(recipient=org_admin, type_key="coauthor_invite").exists()
    assert not Notification.objects.filter(recipient=org_member).exists()
    with pytest.raises(PermissionDenied):
        services.coauthor_respond(coauthor=invite, actor=org_member, accept=True)
    services.coauthor_respond(coauthor=invite, actor=org_admin, accept=True)
    resource = Story.objects.get(pk=resource.pk)
    assert permissions.can_edit_words(org_admin, resource)
    assert not permissions.can_edit_words(org_member, resource)


def test_coauthor_edit_changes_the_story_and_records_who(resource: Story, coauthor: User) -> None:
    services.resource_edit(
        story=resource, editor=coauthor, title=resource.title, body="Bring your letter."
    )
    resource.refresh_from_db()
    assert resource.body == "Bring your letter."
    assert "Bring your letter." in resource.body_html
    assert StoryRevision.objects.filter(story=resource).count() == 1
    rev = ResourceRevision.objects.get(story=resource)
    assert (rev.editor, rev.source) == (coauthor, RevisionSource.COAUTHOR)
    assert rev.body_before.startswith("Bring your appointment letter.")


def test_org_admin_edit_is_recorded_for_the_organisation(
    resource: Story, org_coauthor: CoAuthor, org_admin: User
) -> None:
    services.resource_edit(story=resource, editor=org_admin, title="Your first visit", body="x y")
    entry = selectors.history_for(resource)[0]
    assert entry.who == org_admin.public_name
    assert entry.acting_for == "Levenshulme Walking Group"


def test_after_leaving_a_coauthor_cant_edit(resource: Story, coauthor: User) -> None:
    row = CoAuthor.objects.get(story=resource, member=coauthor)
    services.coauthor_leave(coauthor=row, actor=coauthor)
    resource = Story.objects.get(pk=resource.pk)
    with pytest.raises(PermissionDenied):
        services.resource_edit(story=resource, editor=coauthor, title="T", body="B")


def test_author_removes_a_coauthor(resource: Story, owner: User, coauthor: User) -> None:
    row = CoAuthor.objects.get(story=resource, member=coauthor)
    services.coauthor_remove(coauthor=row, actor=owner)
    assert CoAuthor.objects.get(pk=row.pk).status == CoAuthorStatus.REMOVED
    assert not permissions.is_maker(coauthor, Story.objects.get(pk=resource.pk))


def test_suggestion_accepted_applies_text_credits_and_tells_the_suggester(
    resource: Story, owner: User, member: User, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        s = services.suggestion_create(
            story=resource,
            suggester=member,
            title=resource.title,
            body="Bring your letter and a snack.",
            note="Snacks help",
        )
    assert Notification.objects.filter(recipient=owner, type_key="resource_suggestion").exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.suggestion_accept(suggestion=s, actor=owner)
    resource.refresh_from_db()
    assert resource.body == "Bring your letter and a snack."
    assert Notification.objects.filter(
        recipient=member, type_key="resource_suggestion_accepted"
    ).exists()
    credits = selectors.credits_for(resource)
    assert [c.name for c in credits.contributors] == [member.public_name]
    entry = selectors.history_for(resource)[0]
    assert (entry.who, entry.accepted_by) == (member.public_name, owner.public_name)


def test_declined_suggestion_changes_nothing_and_tells_the_suggester_why(
    resource: Story, owner: User, member: User, django_capture_on_commit_callbacks
) -> None:
    s = services.suggestion_create(story=resource, suggester=member, title="New", body="Words")
    with django_capture_on_commit_callbacks(execute=True):
        services.suggestion_decline(suggestion=s, actor=owner, reason="We keep it short")
    resource.refresh_from_db()
    assert resource.title == "A guide to your first clinic visit"
    assert Suggestion.objects.get(pk=s.pk).decline_reason == "We keep it short"
    assert Notification.objects.filter(
        recipient=member, type_key="resource_suggestion_declined"
    ).exists()
    assert selectors.credits_for(resource).contributors == []


def test_double_submitted_suggestion_is_one_suggestion(resource: Story, member: User) -> None:
    key = uuid.uuid4()
    a = services.suggestion_create(
        story=resource, suggester=member, title="T", body="B", submission_key=key
    )
    b = services.suggestion_create(
        story=resource, suggester=member, title="T", body="B", submission_key=key
    )
    assert a.pk == b.pk
    assert Suggestion.objects.count() == 1


def test_out_of_date_suggestion_needs_comparing_first(
    resource: Story, owner: User, member: User
) -> None:
    s = services.suggestion_create(story=resource, suggester=member, title="T", body="B")
    services.resource_edit(story=resource, editor=owner, title=resource.title, body="Changed")
    s = Suggestion.objects.select_related("story", "story__author", "suggester").get(pk=s.pk)
    assert s.is_out_of_date
    with pytest.raises(ValidationError, match="changed since"):
        services.suggestion_accept(suggestion=s, actor=owner)
    services.suggestion_accept(suggestion=s, actor=owner, compared=True)
    assert Story.objects.get(pk=resource.pk).body == "B"


def test_authors_blocked_people_and_unchanged_text_cant_suggest(
    resource: Story, owner: User, coauthor: User, blocked: User, member: User
) -> None:
    for who in (owner, coauthor, blocked):
        with pytest.raises(PermissionDenied):
            services.suggestion_create(story=resource, suggester=who, title="T", body="B")
    with pytest.raises(ValidationError, match="same as the resource"):
        services.suggestion_create(
            story=resource, suggester=member, title=resource.title, body=resource.body
        )


def test_edit_on_the_ordinary_edit_page_reaches_the_history(
    resource: Story, owner: User, django_capture_on_commit_callbacks
) -> None:
    data = story_services.StoryInput(
        kind="resource", title=resource.title, body="Edited on the story page"
    )
    with django_capture_on_commit_callbacks(execute=True):
        story_services.story_edit(story=resource, actor=owner, data=data)
    rev = ResourceRevision.objects.get(story=resource)
    assert (rev.editor, rev.source, rev.body) == (owner, "author", "Edited on the story page")


def test_edits_through_the_app_are_recorded_once(
    resource: Story, owner: User, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_edit(story=resource, editor=owner, title="New title", body=resource.body)
    assert ResourceRevision.objects.filter(story=resource).count() == 1


def test_pseudonymous_author_is_never_named(
    member: User, outsider: User, django_capture_on_commit_callbacks
) -> None:
    story = StoryFactory(
        kind="resource", identity=Identity.PSEUDONYM, pseudonym="Quiet Heron", title="T", body="B"
    )
    author = story.author
    with django_capture_on_commit_callbacks(execute=True):
        services.coauthor_invite(story=story, inviter=author, member=outsider)
        s = services.suggestion_create(story=story, suggester=member, title="T2", body="B2")
        services.suggestion_accept(suggestion=s, actor=author)
    services.resource_edit(story=story, editor=author, title="T3", body="B3")
    texts = [n.actor_label for n in Notification.objects.filter(recipient__in=[member, outsider])]
    assert texts and all(t == "Quiet Heron" for t in texts)
    assert not Notification.objects.filter(actor=author).exclude(recipient=author).exists()
    history = selectors.history_for(story)
    assert {e.who for e in history} | {e.accepted_by for e in history} <= {
        "Quiet Heron",
        member.public_name,
        "",
    }
    assert selectors.credits_for(story).makers[0].name == "Quiet Heron"
    assert author.public_name not in str(selectors.credits_for(story))


def test_erasure_removes_suggestions_and_coauthorship_and_anonymises_history(
    resource: Story, owner: User, coauthor: User, member: User
) -> None:
    services.resource_edit(story=resource, editor=coauthor, title="By Cora", body="x")
    s = services.suggestion_create(story=resource, suggester=member, title="By Mina", body="y")
    services.suggestion_accept(suggestion=s, actor=owner)
    coauthor_id, member_id = coauthor.pk, member.pk
    account_delete(user=coauthor, mode="everything")
    account_delete(user=member, mode="anonymise")
    assert not CoAuthor.objects.filter(member_id=coauthor_id).exists()
    assert not Suggestion.objects.filter(suggester_id=member_id).exists()
    assert {e.who for e in selectors.history_for(resource)} == {FORMER_MEMBER}
    credits = selectors.credits_for(Story.objects.get(pk=resource.pk))
    assert [c.name for c in credits.makers] == [owner.public_name]
    assert credits.contributors == []


def test_export_has_what_you_suggested_and_coauthored(
    resource: Story, coauthor: User, member: User
) -> None:
    services.suggestion_create(story=resource, suggester=member, title="T", body="Mine", note="n")
    services.resource_edit(story=resource, editor=coauthor, title="Co", body="Edited")
    [row] = selectors.export_suggestions(member)
    assert (row["suggested_body"], row["note"], row["status"]) == ("Mine", "n", "pending")
    [row] = selectors.export_coauthorships(coauthor)
    assert row["status"] == "accepted"
    [row] = selectors.export_edits(coauthor)
    assert row["body_after"] == "Edited"
    assert selectors.export_suggestions(coauthor) == []
    assert {"resource_suggestions", "resource_coauthorships", "resource_edits"} <= set(
        export_sections()
    )


def test_suggestions_on_withdrawn_resource_are_refused(
    resource: Story, owner: User, member: User
) -> None:
    story_services.story_withdraw(story=resource, actor=owner)
    with pytest.raises(PermissionDenied):
        services.suggestion_create(story=resource, suggester=member, title="T", body="B")
