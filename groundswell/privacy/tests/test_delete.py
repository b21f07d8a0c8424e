"""Delete my account: both modes, and nothing identifying left behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session
from django.urls import reverse

from groundswell.accounts.models import Profile, User
from groundswell.audit.models import AuditEvent
from groundswell.privacy import services, signals
from groundswell.privacy.models import DataExport, DeletionMode, DeletionReceipt
from groundswell.privacy.tests.factories import png_upload, write_story
from groundswell.privacy.tests.helpers import find_everywhere, fulltext_hits
from groundswell.stories import services as story_services
from groundswell.stories.models import (
    Comment,
    Follow,
    Reaction,
    Report,
    Status,
    Story,
    StoryConsent,
    StoryRevision,
)

pytestmark = pytest.mark.django_db


def media_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture
def world(owner, member, client_for, django_capture_on_commit_callbacks):
    """The owner has written, reacted, followed, reported, exported and signed in twice."""
    with django_capture_on_commit_callbacks(execute=True):
        named = write_story(
            owner, title="Zebrafinch recovery diary", body="Quokkamarble words about my operation.",
            image=png_upload(), image_alt="My scar",
        )  # fmt: skip
        pseudo = write_story(
            owner, title="Pseudonymous tale", body="Platypusvelvet is my secret word.",
            identity="pseudonym", pseudonym="Xylophone Heron",
        )  # fmt: skip
        draft = write_story(
            owner,
            title="Draft",
            body="Draftonly musings.",
            publish=False,
            image=png_upload(),
            image_alt="Draft image",
        )
        withdrawn = write_story(owner, title="Withdrawn", body="Withdrawnonly musings.")
        story_services.story_withdraw(story=withdrawn, actor=owner)
        story_services.story_edit(
            story=named, actor=owner,
            data=story_services.StoryInput(kind="story", title="Zebrafinch recovery diary", body="Quokkamarble words, edited.", image_alt="My scar"),
        )  # fmt: skip
        others = write_story(member, title="Member story", body="A story by the member.")
        lonely = story_services.comment_create(
            story=others, author=owner, body="Owner leaf comment wombatglitter"
        )
        replied = story_services.comment_create(
            story=others, author=owner, body="Owner comment narwhalsequin"
        )
        member_reply = story_services.comment_create(
            story=others, author=member, body="Member reply", parent=replied
        )
        member_on_named = story_services.comment_create(
            story=named, author=member, body="Member on owner's story"
        )
        story_services.reaction_toggle(user=owner, kind="helped", story=others)
        story_services.reaction_toggle(user=owner, kind="experienced", comment=member_reply)
        story_services.reaction_toggle(user=member, kind="helped", story=named)
        story_services.follow_toggle(user=owner, story=others)
        story_services.report_create(
            reporter=owner, reason="spam", details="Owner report ocelotbanjo", story=others
        )
    Authenticator.objects.create(user=owner, type="totp", data={"secret": "TOTPSECRET"})
    export, _ = services.export_request(user=owner)
    services.export_build(export_id=export.pk)
    export.refresh_from_db()
    browser, other_browser = client_for(owner), client_for(owner)
    return {
        "named": named, "pseudo": pseudo, "draft": draft, "withdrawn": withdrawn, "others": others,
        "lonely": lonely, "replied": replied, "member_reply": member_reply, "member_on_named": member_on_named,
        "export_path": services.export_root() / export.file_name, "browser": browser, "other_browser": other_browser,
    }  # fmt: skip


def delete(client, mode, capture):
    with capture(execute=True):
        return client.post(reverse("privacy:delete"), {"mode": mode, "confirm": "on"})


IDENTIFYING = ("owner@example.org", "Olu Owner", "Xylophone Heron")


def assert_signed_out_everywhere(world, owner_id):
    for client in (world["browser"], world["other_browser"]):
        response = client.get(reverse("accounts:profile_edit"))
        assert response.status_code == 302 and reverse("account_login") in response["Location"]
    for session in Session.objects.all():
        assert str(session.get_decoded().get("_auth_user_id")) != str(owner_id)


def test_delete_everything_leaves_nothing(
    world, owner, member, settings, django_capture_on_commit_callbacks
):
    owner_id = owner.pk
    assert len(media_files(settings)) == 2 and world["export_path"].exists()
    # The probes do find the data while it is there.
    for needle in (*IDENTIFYING, "Quokkamarble", "wombatglitter", "TOTPSECRET"):
        assert find_everywhere(needle), needle
    assert fulltext_hits("Quokkamarble") == 1 and fulltext_hits("wombatglitter") == 1
    response = delete(world["browser"], "everything", django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == reverse("privacy:deleted")

    assert not User.objects.filter(pk=owner_id).exists()
    for needle in (*IDENTIFYING, "Zebrafinch", "Quokkamarble", "Platypusvelvet", "Draftonly", "Withdrawnonly",
                   "wombatglitter", "narwhalsequin", "ocelotbanjo", "TOTPSECRET", "My scar"):  # fmt: skip
        assert find_everywhere(needle) == [], needle
    for word in ("Quokkamarble", "Platypusvelvet", "wombatglitter", "narwhalsequin"):
        assert fulltext_hits(word) == 0, word
    search = (
        world["other_browser"].get(reverse("search:search"), {"q": "Quokkamarble"}).content.decode()
    )
    assert "Zebrafinch" not in search
    assert media_files(settings) == [], "uploaded images are deleted from disk"
    assert not world["export_path"].exists() and list(services.export_root().iterdir()) == []
    assert not Story.objects.filter(
        pk__in=[world["named"].pk, world["pseudo"].pk, world["draft"].pk]
    ).exists()
    assert not EmailAddress.objects.filter(user_id=owner_id).exists()
    assert not Authenticator.objects.filter(user_id=owner_id).exists()
    assert not Profile.objects.filter(user_id=owner_id).exists()
    assert not DataExport.objects.filter(user_id=owner_id).exists()
    assert_signed_out_everywhere(world, owner_id)

    # Other people's words under my comment stay readable; my words in the shell are gone.
    shell = Comment.objects.get(pk=world["replied"].pk)
    assert (
        shell.is_deleted
        and shell.body == ""
        and shell.author.username == services.FORMER_MEMBER_USERNAME
    )
    assert Comment.objects.get(pk=world["member_reply"].pk).body == "Member reply"
    assert not Comment.objects.filter(pk=world["lonely"].pk).exists()
    others = Story.objects.get(pk=world["others"].pk)
    assert (others.comment_count, others.helped_count) == (1, 0)
    assert Comment.objects.get(pk=world["member_reply"].pk).experienced_count == 0
    report = Report.objects.get(item=others.item)
    assert report.details == "" and report.reporter.username == services.FORMER_MEMBER_USERNAME

    receipt = DeletionReceipt.objects.get()
    assert receipt.account_number == owner_id and receipt.mode == DeletionMode.EVERYTHING
    assert receipt.counts["stories_deleted"] == 4


def test_keep_anonymised_keeps_published_words_without_the_person(
    world, owner, member, client_for, settings, django_capture_on_commit_callbacks
):
    owner_id = owner.pk
    named_consents = StoryConsent.objects.filter(story=world["named"]).count()
    response = delete(world["browser"], "anonymise", django_capture_on_commit_callbacks)
    assert response.status_code == 302

    for needle in (*IDENTIFYING, "Draftonly", "Withdrawnonly", "TOTPSECRET", "My scar"):
        assert find_everywhere(needle) == [], needle
    named = Story.objects.get(pk=world["named"].pk)
    pseudo = Story.objects.get(pk=world["pseudo"].pk)
    placeholder = services.former_member_get()
    for story in (named, pseudo):
        assert (
            story.author == placeholder and story.identity == "anonymous" and story.pseudonym == ""
        )
        assert story.byline == "Anonymous member" and story.status == Status.PUBLISHED
    assert named.body == "Quokkamarble words, edited." and not named.image
    assert not StoryRevision.objects.filter(story=named).exists(), "earlier versions go"
    assert not Story.objects.filter(pk__in=[world["draft"].pk, world["withdrawn"].pk]).exists()
    assert media_files(settings) == []

    # Consent records of kept stories stay as evidence, with no link to the person or pseudonym.
    assert StoryConsent.objects.filter(story=named, user=placeholder).count() == named_consents
    assert "Xylophone Heron" not in StoryConsent.objects.get(story=pseudo).statement

    reader = client_for(member)
    page = reader.get(reverse("stories:detail", args=[named.pk])).content.decode()
    assert "Quokkamarble" in page and "Anonymous member" in page and "Olu Owner" not in page
    comment = Comment.objects.get(pk=world["replied"].pk)
    assert comment.author == placeholder and comment.body == "Owner comment narwhalsequin"
    assert (
        "Former member"
        in reader.get(reverse("stories:detail", args=[world["others"].pk])).content.decode()
    )
    assert fulltext_hits("Quokkamarble") == 1, "kept stories stay findable"
    assert fulltext_hits("Draftonly") == 0
    assert (
        not Reaction.objects.filter(user=placeholder).exists()
        and not Follow.objects.filter(user=placeholder).exists()
    )
    assert Report.objects.get(details="Owner report ocelotbanjo").reporter == placeholder
    assert_signed_out_everywhere(world, owner_id)
    assert DeletionReceipt.objects.get().counts["stories_kept"] == 2


def test_the_placeholder_cannot_sign_in_or_be_seen(
    world, owner, client_for, django_capture_on_commit_callbacks
):
    delete(world["browser"], "anonymise", django_capture_on_commit_callbacks)
    placeholder = services.former_member_get()
    assert (
        not placeholder.is_active
        and not placeholder.has_usable_password()
        and placeholder.email == ""
    )
    assert (
        client_for(None).get(reverse("accounts:profile", args=[placeholder.pk])).status_code == 404
    )
    with pytest.raises(ValueError):
        services.account_delete(user=placeholder, mode="everything")


def test_own_audit_events_lose_email_and_ip_but_stay(
    world, owner, django_capture_on_commit_callbacks
):
    owner_id = owner.pk
    AuditEvent.objects.create(
        actor=owner,
        actor_label=f"{owner.email} (#{owner_id})",
        action="export",
        target_type="x",
        target_id="1",
        ip_address="203.0.113.9",
    )
    before = AuditEvent.objects.count()
    delete(world["browser"], "everything", django_capture_on_commit_callbacks)
    assert AuditEvent.objects.count() == before
    labels = set(AuditEvent.objects.values_list("actor_label", flat=True))
    assert f"Deleted account (#{owner_id})" in labels
    assert not AuditEvent.objects.filter(ip_address="203.0.113.9").exists()


def test_choice_and_confirmation_are_required(owner, client_for):
    response = client_for(owner).post(reverse("privacy:delete"), {})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose what should happen to what you wrote" in html and "Tick the box" in html
    assert 'class="error-summary"' in html
    assert User.objects.filter(pk=owner.pk).exists()


def test_delete_page_explains_the_choices(world, owner):
    html = world["browser"].get(reverse("privacy:delete")).content.decode()
    assert "Delete everything I wrote" in html and "anonymised" in html
    assert "<dt>Published stories, ideas and resources</dt><dd>2</dd>" in html
    assert "<dt>Drafts and withdrawn ones</dt><dd>2</dd>" in html


def test_deleted_page_after(client_for):
    response = client_for(None).get(reverse("privacy:deleted"))
    assert response.status_code == 200 and "Your account is deleted" in response.content.decode()


def test_other_apps_hear_about_the_deletion(owner, django_capture_on_commit_callbacks):
    heard: list[tuple[str, object]] = []

    def deleting(sender, user, mode, **kwargs):
        heard.append(("deleting", user.pk))

    def deleted(sender, user_id, mode, **kwargs):
        heard.append(("deleted", user_id))

    signals.account_deleting.connect(deleting, dispatch_uid="test-deleting")
    signals.account_deleted.connect(deleted, dispatch_uid="test-deleted")
    try:
        owner_id = owner.pk
        with django_capture_on_commit_callbacks(execute=True):
            services.account_delete(user=owner, mode="everything")
    finally:
        signals.account_deleting.disconnect(dispatch_uid="test-deleting")
        signals.account_deleted.disconnect(dispatch_uid="test-deleted")
    assert heard == [("deleting", owner_id), ("deleted", owner_id)]


def test_api_tokens_go_with_the_account(owner, django_capture_on_commit_callbacks):
    from groundswell.api.models import ApiToken

    ApiToken.objects.create(user=owner, name="Script", prefix="gs_x", token_hash="e" * 64)
    with django_capture_on_commit_callbacks(execute=True):
        services.account_delete(user=owner, mode="everything")
    assert not ApiToken.objects.exists()
