"""Every write to the site's pages and identity. Each runs in a transaction, is recorded in the
audit log, and ends the cached copies (identity.forget; the page cache through its triggers)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from groundswell.audit.services import audit_record
from groundswell.lib.contrast import normalise_hex
from groundswell.lib.text import clean_text
from groundswell.sitepages import identity, permissions
from groundswell.sitepages.colours import colour_errors
from groundswell.sitepages.models import PageSlug, SiteIdentity, SitePage, SitePageRevision

AUDIT_PAGE_SAVED = "site_page_saved"
AUDIT_PAGE_RESTORED = "site_page_restored"
AUDIT_IDENTITY_SAVED = "site_identity_saved"


def _forget_cached() -> None:
    # Now, for this process's next read in this transaction's thread; and after commit, in case
    # another request in this process read the old rows in between.
    identity.forget()
    transaction.on_commit(identity.forget)


def _check_admin(actor: Any) -> None:
    if not permissions.is_site_admin(actor):
        raise PermissionDenied(_("Only administrators can change the site's own pages."))


@transaction.atomic
def site_page_save(
    *,
    page_slug: str,
    title: str,
    body: str,
    note: str,
    actor: Any,
    request: HttpRequest | None = None,
    _audit_action: str = AUDIT_PAGE_SAVED,
    _audit_details: dict[str, Any] | None = None,
) -> SitePageRevision | None:
    """Save a page's title and Markdown body, keeping the version as a revision with `note`
    ("what changed"). Returns the new revision, or None when the title and body are what the page
    already says (a double submit, or saving without changes): no revision and no audit event.
    """
    _check_admin(actor)
    if page_slug not in PageSlug.values:
        raise ValidationError(_("There is no such page."))
    title = clean_text(title, single_line=True)
    body = clean_text(body)
    note = clean_text(note, single_line=True)[:200]
    if not title or not body:
        raise ValidationError(_("A page needs a title and some text."))
    now = timezone.now()
    # The row lock makes two identical submits wait for each other, and the second then finds
    # nothing to change.
    page, _created = SitePage.objects.get_or_create(
        slug=page_slug, defaults={"title": "", "body": "", "updated_at": now}
    )
    page = SitePage.objects.select_for_update().get(pk=page.pk)
    if page.title == title and page.body == body:
        return None
    page.title, page.body, page.updated_at, page.updated_by = title, body, now, actor
    page.save(update_fields=["title", "body", "updated_at", "updated_by"])
    revision = SitePageRevision.objects.create(
        page=page, title=title, body=body, note=note, editor=actor, created_at=now
    )
    audit_record(
        actor=actor,
        action=_audit_action,
        target=page,
        details={"slug": page.slug, "title": title, "note": note, **(_audit_details or {})},
        request=request,
    )
    _forget_cached()
    return revision


def site_page_restore(
    *, revision: SitePageRevision, actor: Any, request: HttpRequest | None = None
) -> SitePageRevision | None:
    """Make an earlier version the page's text again, as a new revision (history is never
    rewritten). None when the page already says exactly that."""
    when = formats.date_format(timezone.localtime(revision.created_at), "j F Y, H:i")
    return site_page_save(
        page_slug=revision.page.slug,
        title=revision.title,
        body=revision.body,
        note=_("Restored the version of %(when)s") % {"when": when},
        actor=actor,
        request=request,
        _audit_action=AUDIT_PAGE_RESTORED,
        _audit_details={"restored_revision": revision.pk},
    )


@transaction.atomic
def site_identity_save(
    *,
    name: str,
    tagline: str,
    brand: str,
    brand_dark: str,
    actor: Any,
    logo: tuple[str, ContentFile[bytes]] | None = None,
    remove_logo: bool = False,
    request: HttpRequest | None = None,
) -> SiteIdentity | None:
    """Set the site's name, tagline, colours and (optionally) a new logo, already checked by
    logos.clean_logo. Colours must pass colours.colour_errors. Returns the row, or None when
    nothing changed (no audit event)."""
    _check_admin(actor)
    name = clean_text(name, single_line=True)
    tagline = clean_text(tagline, single_line=True)
    if not name:
        raise ValidationError({"name": _("Enter the site's name.")})
    errors = colour_errors(brand=brand, brand_dark=brand_dark)
    if errors:
        raise ValidationError(errors)
    brand, brand_dark = normalise_hex(brand) or "", normalise_hex(brand_dark) or ""
    # Made empty if missing, then locked: two first saves at once wait for each other.
    _row, created = SiteIdentity.objects.get_or_create(
        pk=SiteIdentity.SINGLE_ID,
        defaults={"name": "", "brand": "", "brand_dark": "", "updated_at": timezone.now()},
    )
    row = SiteIdentity.objects.select_for_update().get(pk=SiteIdentity.SINGLE_ID)
    before: dict[str, str] = {}
    if not created:
        before = {
            "name": row.name,
            "tagline": row.tagline,
            "brand": row.brand,
            "brand_dark": row.brand_dark,
        }
    after = {"name": name, "tagline": tagline, "brand": brand, "brand_dark": brand_dark}
    changed = {key: value for key, value in after.items() if before.get(key) != value}
    old_logo = (row.logo.name or "") if row.logo else ""
    if logo is not None:
        file_name, content = logo
        row.logo.save(file_name, content, save=False)
        changed["logo"] = row.logo.name or ""
    elif remove_logo and old_logo:
        row.logo = ""
        changed["logo"] = ""
    if not changed and before:
        return None
    row.name, row.tagline, row.brand, row.brand_dark = name, tagline, brand, brand_dark
    row.updated_at, row.updated_by = timezone.now(), actor
    row.save(
        update_fields=["name", "tagline", "brand", "brand_dark", "logo", "updated_at", "updated_by"]
    )
    if "logo" in changed and old_logo:
        storage = row.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    audit_record(
        actor=actor,
        action=AUDIT_IDENTITY_SAVED,
        target=row,
        details={"changed": changed, "before": {k: before[k] for k in changed if k in before}},
        request=request,
    )
    _forget_cached()
    return row


@transaction.atomic
def editor_erase(*, user: Any) -> None:
    """Account erasure: the person's edits stay (the site's pages are the organisation's), shown
    as by "a former administrator"."""
    SitePageRevision.objects.filter(editor=user).update(editor=None)
    SitePage.objects.filter(updated_by=user).update(updated_by=None)
    SiteIdentity.objects.filter(updated_by=user).update(updated_by=None)
    _forget_cached()
