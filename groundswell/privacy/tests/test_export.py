"""Download my data: content, privacy of others, single use, expiry, limits and audit."""

from __future__ import annotations

import csv
import io
import stat
import zipfile
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from groundswell.audit.models import AuditAction, AuditEvent
from groundswell.core.testing.factories import StoryFactory, UserFactory
from groundswell.privacy import services
from groundswell.privacy.models import DataExport, ExportStatus
from groundswell.privacy.tests.factories import download_link, fetch, png_upload, write_story
from groundswell.privacy.tests.helpers import read_zip
from groundswell.stories import services as story_services
from groundswell.stories.models import Comment, Reaction, Status, Story

pytestmark = pytest.mark.django_db


def request_export(client, capture):
    with capture(execute=True):
        return client.post(reverse("privacy:data"))


@pytest.fixture
def owners_world(owner, member):
    """The owner's contributions of every kind, and other people's data around them."""
    named = write_story(owner, title="Living with asthma", body="My inhaler story, **named**.")
    pseudo = write_story(
        owner, title="Night shifts", body="Written under a pen name.", identity="pseudonym", pseudonym="Quiet Heron",
        image=png_upload(), image_alt="A red square",
    )  # fmt: skip
    write_story(owner, title="Anonymous one", body="Nobody knows this is me.", identity="anonymous")
    write_story(owner, title="Half written draft", body="Not ready yet.", publish=False)
    withdrawn = write_story(owner, title="Changed my mind", body="Regretted sharing this.")
    story_services.story_withdraw(story=withdrawn, actor=owner)
    story_services.story_edit(
        story=named, actor=owner,
        data=story_services.StoryInput(kind="story", title="Living with asthma", body="Edited: my inhaler story."),
    )  # fmt: skip

    others = write_story(member, title="Member's public story", body="Carers need breaks.")
    hidden_other = StoryFactory(author=member, title="Secret hidden title", is_hidden=True)
    my_comment = story_services.comment_create(
        story=others, author=owner, body='=HYPERLINK("x") thanks'
    )
    story_services.comment_create(
        story=named, author=member, body="Member's private reply to owner"
    )
    Comment.objects.create(story=hidden_other, author=owner, body="On a story later hidden")
    story_services.reaction_toggle(user=owner, kind="helped", story=others)
    story_services.reaction_toggle(user=owner, kind="experienced", comment=my_comment)
    story_services.follow_toggle(user=owner, story=others)
    story_services.report_create(
        reporter=owner, reason="spam", details="Looks like an advert", story=others
    )
    # Reports about the owner's story, by someone else: never in the owner's export.
    story_services.report_create(
        reporter=member, reason="harmful", details="Reporter's words", story=named
    )
    Authenticator.objects.create(user=owner, type="totp", data={"secret": "TOTPSECRETVALUE"})
    return {"named": named, "pseudo": pseudo, "others": others}


def test_member_gets_a_zip_with_all_their_own_data(
    owners_world, owner, client_for, django_capture_on_commit_callbacks
):
    client = client_for(owner)
    response = request_export(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    export = DataExport.objects.get(user=owner)
    assert export.status == ExportStatus.READY
    link = download_link(client)
    assert link is not None

    status, body = fetch(client, link)
    assert status == 200
    data, files = read_zip(body)

    assert data["account"]["email"] == owner.email
    assert data["account"]["display_name"] == "Olu Owner"
    titles = {s["title"] for s in data["stories"]}
    assert titles == {
        "Living with asthma",
        "Night shifts",
        "Anonymous one",
        "Half written draft",
        "Changed my mind",
    }
    pseudo = next(s for s in data["stories"] if s["title"] == "Night shifts")
    assert pseudo["pseudonym"] == "Quiet Heron"
    assert pseudo["image_file"] in files
    assert files[pseudo["image_file"]][:4] in (b"\x89PNG", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xdb")
    assert [r["text"] for r in data["story_revisions"]] == ["My inhaler story, **named**."]
    actions = sorted(c["action"] for c in data["consents"])
    assert actions.count("given") == 4 and actions.count("withdrawn") == 1
    assert all(c["notice_version"] for c in data["consents"])
    assert {c["text"] for c in data["comments"]} == {
        '=HYPERLINK("x") thanks',
        "On a story later hidden",
    }
    assert {r["kind"] for r in data["reactions"]} == {"helped", "experienced"}
    assert [f["story_title"] for f in data["story_follows"]] == ["Member's public story"]
    assert [r["details"] for r in data["reports_made"]] == ["Looks like an advert"]
    assert [a["type"] for a in data["two_factor"]] == ["totp"]
    assert data["profile"]["topics_visibility"]

    # One CSV per table, spreadsheets can't run formulas from it, and the JSON keeps the exact text.
    for name in (
        "account",
        "stories",
        "story_revisions",
        "consents",
        "comments",
        "reactions",
        "story_follows",
        "follows",
        "reports_made",
    ):
        assert f"{name}.csv" in files
    comments_csv = list(csv.DictReader(io.StringIO(files["comments.csv"].decode())))
    assert '\'=HYPERLINK("x") thanks' in {row["text"] for row in comments_csv}
    assert (
        b"stories.csv (5)" in files["README.txt"] and b"Keep this file safe" in files["README.txt"]
    )


def test_export_never_contains_other_peoples_private_data(
    owners_world, owner, member, client_for, django_capture_on_commit_callbacks
):
    client = client_for(owner)
    request_export(client, django_capture_on_commit_callbacks)
    _, body = fetch(client, download_link(client))
    with zipfile.ZipFile(io.BytesIO(body)) as zf:
        everything = b"".join(zf.read(name) for name in zf.namelist()).decode("utf-8", "ignore")
    for secret in (
        member.email,  # other members' emails
        "Mina Member",  # other members' names
        "Member's private reply to owner",  # other people's comments on my story
        "Reporter's words",  # reports about me, and so who reported me
        "Secret hidden title",  # titles of other people's stories that are no longer visible
        "TOTPSECRETVALUE",  # two-factor secrets
    ):
        assert secret not in everything, secret


def test_download_link_works_once_then_410(
    owners_world, owner, client_for, django_capture_on_commit_callbacks
):
    client = client_for(owner)
    request_export(client, django_capture_on_commit_callbacks)
    link = download_link(client)
    export = DataExport.objects.get(user=owner)
    path = services.export_root() / export.file_name
    assert path.exists()

    assert fetch(client, link)[0] == 200
    assert not path.exists(), "the file is deleted once downloaded"
    status, body = fetch(client, link)
    assert status == 410
    assert b"already been used" in body
    page = client.get(reverse("privacy:data")).content.decode()
    assert "You downloaded this copy" in page


def test_download_link_expires(owner, client_for, django_capture_on_commit_callbacks):
    client = client_for(owner)
    request_export(client, django_capture_on_commit_callbacks)
    link = download_link(client)
    export = DataExport.objects.get(user=owner)
    DataExport.objects.filter(pk=export.pk).update(
        link_expires_at=timezone.now() - timezone.timedelta(seconds=1)
    )

    status, body = fetch(client, link)
    assert status == 410
    assert b"expired" in body
    assert not (services.export_root() / export.file_name).exists()
    export.refresh_from_db()
    assert export.status == ExportStatus.EXPIRED


def test_token_is_stored_hashed_and_a_wrong_token_is_404(
    owner, client_for, django_capture_on_commit_callbacks
):
    client = client_for(owner)
    request_export(client, django_capture_on_commit_callbacks)
    link = download_link(client)
    token = link.rstrip("/").rsplit("/", 1)[1]
    export = DataExport.objects.get(user=owner)
    assert token not in export.token_hash and export.token_hash == services.hash_token(token)
    wrong = ("y" if token[0] == "x" else "x") + token[1:]  # never the token itself
    assert fetch(client, link.replace(token, wrong))[0] == 404
    assert fetch(client, link)[0] == 200


def test_link_is_only_shown_in_the_browser_that_asked(
    owner, client_for, django_capture_on_commit_callbacks
):
    request_export(client_for(owner), django_capture_on_commit_callbacks)
    other_browser = client_for(owner)
    assert download_link(other_browser) is None
    assert (
        "given only to the browser you asked from"
        in other_browser.get(reverse("privacy:data")).content.decode()
    )


def test_nobody_else_can_download_my_export(
    owner, member, moderator, admin_user, client_for, django_capture_on_commit_callbacks
):
    owner_client = client_for(owner)
    request_export(owner_client, django_capture_on_commit_callbacks)
    link = download_link(owner_client)
    for person in (member, moderator, admin_user):
        assert fetch(client_for(person), link)[0] == 404
    assert fetch(client_for(None), link)[0] == 302
    assert (
        fetch(owner_client, link)[0] == 200
    )  # still unused: the others' attempts did not spend it


def test_exports_are_limited_per_account(
    owner, client_for, settings, django_capture_on_commit_callbacks
):
    settings.PRIVACY_EXPORTS_PER_DAY = 2
    client = client_for(owner)
    assert request_export(client, django_capture_on_commit_callbacks).status_code == 302
    assert request_export(client, django_capture_on_commit_callbacks).status_code == 302
    response = request_export(client, django_capture_on_commit_callbacks)
    assert response.status_code == 429
    assert "2 times a day" in response.content.decode()
    assert DataExport.objects.filter(user=owner).count() == 2


def test_exports_are_limited_per_ip_address(
    settings, client_for, django_capture_on_commit_callbacks
):
    settings.RATE_LIMITS = {"export": {"ip": [2, 3600]}}
    people = UserFactory.create_batch(3)
    responses = [request_export(client_for(p), django_capture_on_commit_callbacks) for p in people]
    assert [r.status_code for r in responses] == [302, 302, 429]
    assert "too often" in responses[2].content.decode()
    assert int(responses[2]["Retry-After"]) > 0
    assert DataExport.objects.count() == 2


def test_exports_are_limited_per_account_per_hour(
    owner, settings, client_for, django_capture_on_commit_callbacks
):
    settings.RATE_LIMITS = {"export": {"user": [1, 3600]}}
    client = client_for(owner)
    assert request_export(client, django_capture_on_commit_callbacks).status_code == 302
    response = request_export(client, django_capture_on_commit_callbacks)
    assert response.status_code == 429 and "Please try again in" in response.content.decode()
    assert DataExport.objects.filter(user=owner).count() == 1


def test_one_export_at_a_time_and_the_page_shows_progress(
    owner, client_for, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    client = client_for(owner)
    assert request_export(client, django_capture_on_commit_callbacks).status_code == 302
    page = client.get(reverse("privacy:data"))
    html = page.content.decode()
    assert "We are preparing your copy" in html and "Refresh this page" in html
    assert 'hx-trigger="every 3s"' in html
    assert "Prepare a new copy" not in html
    again = request_export(client, django_capture_on_commit_callbacks)
    assert again.status_code == 429
    assert "already preparing" in again.content.decode()
    # htmx polling gets just the status part, which says when it is ready.
    partial = client.get(reverse("privacy:data"), headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith("<section") and "<html" not in partial
    services.export_build(export_id=DataExport.objects.get(user=owner).pk)
    partial = client.get(reverse("privacy:data"), headers={"HX-Request": "true"}).content.decode()
    assert "Download your data" in partial and "every 3s" not in partial


def test_requests_and_downloads_are_audit_logged(
    owner, client_for, django_capture_on_commit_callbacks
):
    client = client_for(owner)
    request_export(client, django_capture_on_commit_callbacks)
    fetch(client, download_link(client))
    events = AuditEvent.objects.filter(actor=owner, action=AuditAction.EXPORT).order_by("id")
    assert [e.details["stage"] for e in events] == ["requested", "downloaded"]
    export = DataExport.objects.get(user=owner)
    assert {(e.target_type, e.target_id) for e in events} == {
        ("privacy.dataexport", str(export.pk))
    }
    assert events[1].ip_address == "127.0.0.1"


def test_export_file_is_private(owner, settings):
    export, _ = services.export_request(user=owner)
    services.export_build(export_id=export.pk)
    export.refresh_from_db()
    path = services.export_root() / export.file_name
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not path.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert len(export.file_name) > 30  # not guessable


def test_export_root_inside_media_root_fails_the_system_check(settings):
    settings.PRIVACY_EXPORT_ROOT = Path(settings.MEDIA_ROOT) / "exports"
    with pytest.raises(SystemCheckError, match="privacy.E001"):
        call_command("check")


def test_a_failed_build_says_so_and_leaves_no_file(owner, client_for, monkeypatch, caplog):
    def boom(user, path):
        path.write_bytes(b"partial")
        raise RuntimeError("disk full")

    monkeypatch.setattr("groundswell.privacy.export_builder.write_export", boom)
    export, _ = services.export_request(user=owner)
    services.export_build(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED and export.error == "RuntimeError"
    assert list(services.export_root().iterdir()) == []
    assert "Something went wrong" in client_for(owner).get(reverse("privacy:data")).content.decode()


def test_build_is_idempotent(owner):
    export, _ = services.export_request(user=owner)
    services.export_build(export_id=export.pk)
    services.export_build(export_id=export.pk)
    assert len(list(services.export_root().iterdir())) == 1


def test_export_of_a_thousand_items_completes(owner, member):
    """Timing is measured in bench/export_bench.py; here we check it works and holds everything."""
    others = StoryFactory(author=member)
    stories = Story.objects.bulk_create(
        [
            Story(
                author=owner,
                title=f"Story {i}",
                body=f"Body {i}",
                status=Status.PUBLISHED,
                published_at=timezone.now(),
            )
            for i in range(400)
        ]
    )
    Comment.objects.bulk_create(
        [Comment(story=others, author=owner, body=f"Comment {i}") for i in range(400)]
    )
    Reaction.objects.bulk_create(
        [Reaction(user=owner, kind="helped", item_id=s.item_id) for s in stories[:200]]
    )
    Story.objects.filter(pk__in=[s.pk for s in stories[:200]]).update(
        helped_count=F("helped_count") + 1
    )

    export, _ = services.export_request(user=owner)
    services.export_build(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == ExportStatus.READY
    assert export.item_count >= 1000
    data, files = read_zip((services.export_root() / export.file_name).read_bytes())
    assert (len(data["stories"]), len(data["comments"]), len(data["reactions"])) == (400, 400, 200)
    assert files["stories.csv"].count(b"\n") >= 401


def test_api_tokens_are_listed_without_secrets(owner):
    from groundswell.api.models import ApiToken

    ApiToken.objects.create(user=owner, name="My script", prefix="gs_AbCd", token_hash="f" * 64)
    export, _ = services.export_request(user=owner)
    services.export_build(export_id=export.pk)
    export.refresh_from_db()
    data, files = read_zip((services.export_root() / export.file_name).read_bytes())
    assert [t["name"] for t in data["api_tokens"]] == ["My script"]
    assert b"f" * 64 not in b"".join(files.values())


def test_the_file_is_deleted_when_the_link_runs_out_where_tasks_can_wait(owner, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    from groundswell.privacy import tasks

    backend = tasks.expire_data_export.get_backend()
    backend.clear()
    export, _ = services.export_request(user=owner)
    services.export_build(export_id=export.pk)
    export.refresh_from_db()
    [scheduled] = [r for r in backend.results if r.task.func is tasks.expire_data_export.func]
    assert scheduled.args == [export.pk] and scheduled.task.run_after == export.link_expires_at
    # When it runs after the link's end, the file goes.
    services.export_expire(
        export_id=export.pk, now=export.link_expires_at + timezone.timedelta(seconds=1)
    )
    assert list(services.export_root().iterdir()) == []


def test_profile_page_links_to_your_data(owner, client_for):
    html = client_for(owner).get(reverse("accounts:profile_edit")).content.decode()
    assert "Your data" in html
    for name in ("privacy:data", "privacy:consents", "privacy:delete"):
        assert f'href="{reverse(name)}"' in html
