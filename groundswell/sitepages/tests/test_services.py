"""Saving and restoring pages keeps a full history, and only real changes make a version."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from groundswell.audit.models import AuditEvent
from groundswell.privacy.services import account_delete
from groundswell.sitepages import services
from groundswell.sitepages.models import SiteIdentity, SitePage, SitePageRevision
from groundswell.sitepages.selectors import export_edits

pytestmark = pytest.mark.django_db


def _save(actor, body: str = "Hello.", title: str = "About us", note: str = "") -> object:
    return services.site_page_save(
        page_slug="about", title=title, body=body, note=note, actor=actor
    )


def test_each_real_change_is_a_version_with_who_and_what_changed(admin_user):
    _save(admin_user, body="First.", note="First version")
    _save(admin_user, body="Second.", note="Added the opening hours")
    page = SitePage.objects.get(slug="about")
    assert page.body == "Second."
    assert page.updated_by == admin_user
    versions = list(page.revisions.values_list("body", "note", "editor"))
    assert versions == [
        ("Second.", "Added the opening hours", admin_user.pk),
        ("First.", "First version", admin_user.pk),
    ]
    events = AuditEvent.objects.filter(action=services.AUDIT_PAGE_SAVED)
    assert events.count() == 2
    assert events.first().details["note"] == "Added the opening hours"


def test_a_double_submit_makes_one_version_and_one_audit_event(admin_user):
    assert _save(admin_user, body="Same words.") is not None
    assert _save(admin_user, body="Same words.\n\n") is None  # trailing space is not a change
    assert SitePageRevision.objects.count() == 1
    assert AuditEvent.objects.filter(action=services.AUDIT_PAGE_SAVED).count() == 1


def test_restoring_puts_the_old_words_back_as_a_new_version(admin_user):
    first = _save(admin_user, body="Original words.")
    _save(admin_user, body="A mistake.")
    assert isinstance(first, SitePageRevision)
    restored = services.site_page_restore(revision=first, actor=admin_user)
    assert restored is not None
    assert SitePage.objects.get(slug="about").body == "Original words."
    assert SitePageRevision.objects.count() == 3  # history is never rewritten
    assert restored.note.startswith("Restored the version of ")
    event = AuditEvent.objects.get(action=services.AUDIT_PAGE_RESTORED)
    assert event.details["restored_revision"] == first.pk


def test_restoring_what_the_page_already_says_changes_nothing(admin_user):
    only = _save(admin_user, body="Words.")
    assert isinstance(only, SitePageRevision)
    assert services.site_page_restore(revision=only, actor=admin_user) is None
    assert SitePageRevision.objects.count() == 1


@pytest.mark.parametrize("persona", ["member", "moderator", "organiser"])
def test_only_administrators_may_change_pages(persona, request):
    with pytest.raises(PermissionDenied):
        _save(request.getfixturevalue(persona))
    assert not SitePage.objects.exists()


def test_unknown_page_and_empty_text_are_refused(admin_user):
    with pytest.raises(ValidationError):
        services.site_page_save(page_slug="blog", title="x", body="y", note="", actor=admin_user)
    with pytest.raises(ValidationError):
        _save(admin_user, body="   ")


def test_identity_refuses_colours_white_text_cannot_be_read_on(admin_user):
    with pytest.raises(ValidationError) as caught:
        services.site_identity_save(
            name="Riverside", tagline="", brand="#7fb3d5", brand_dark="#07513a", actor=admin_user
        )
    assert "2.2:1" in str(caught.value)
    assert not SiteIdentity.objects.exists()


def test_identity_saved_twice_the_same_is_one_audit_event(admin_user):
    kwargs = {"name": "Riverside", "tagline": "", "brand": "#0B6E4F", "brand_dark": "#07513a"}
    assert services.site_identity_save(actor=admin_user, **kwargs) is not None
    assert services.site_identity_save(actor=admin_user, **kwargs) is None
    assert SiteIdentity.objects.get().brand == "#0b6e4f"
    assert AuditEvent.objects.filter(action=services.AUDIT_IDENTITY_SAVED).count() == 1


def test_an_erased_editor_becomes_a_former_administrator_and_the_words_stay(admin_user, moderator):
    _save(admin_user, body="Written by the admin.", note="First version")
    services.site_identity_save(
        name="Riverside", tagline="", brand="#0b6e4f", brand_dark="#07513a", actor=admin_user
    )
    assert export_edits(admin_user)[0]["text"] == "Written by the admin."
    account_delete(user=admin_user, mode="anonymise")
    revision = SitePageRevision.objects.get()
    assert revision.editor is None
    assert revision.body == "Written by the admin."
    assert SitePage.objects.get().updated_by is None
    assert SiteIdentity.objects.get().updated_by is None
