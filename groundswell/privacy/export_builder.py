"""Building the ZIP file for "Download my data": one JSON file with everything, one CSV per table.

What goes in is the person's own data only. Three rules keep other people out of it:

- comments, reactions and follows point at a story by number; its title is included only when the
  story is still published and visible, or the person wrote it;
- reports list only the reports the person made, never reports about them (and so never who
  reported them);
- audit events list only what the person did themselves, without free-text details (which can name
  other people). Moderators' actions on their content are answered through a subject access
  request, where the organisation can apply the legal exemptions (see docs/privacy.md).
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from groundswell.accounts.models import Profile
from groundswell.audit.models import AuditEvent
from groundswell.privacy.models import DataExport
from groundswell.privacy.signals import export_sections
from groundswell.sitepages.identity import site_name
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

if TYPE_CHECKING:
    from groundswell.accounts.models import User

FORMAT_VERSION = "groundswell-export/1"
# Cells a spreadsheet would run as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Section:
    name: str
    description: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    single: bool = False  # one record (account, profile), written as an object in data.json


def _rows(values: Any) -> list[dict[str, Any]]:
    """Rows of a .values() query as plain dicts (the keys are renamed for people to read)."""
    return [dict(row) for row in values]


def _visible_title(
    *, title: str, status: str, is_hidden: bool, author_id: int, user: User
) -> str | None:
    """A story's title when it is public knowledge to this person or theirs; otherwise nothing."""
    if author_id == user.pk or (status == Status.PUBLISHED and not is_hidden):
        return title
    return None


def _account(user: User) -> Section:
    row = {
        "account_number": user.pk,
        "email": user.email,
        "display_name": user.display_name,
        "username": user.username,
        "site_role": user.site_role,
        "joined_at": user.date_joined,
        "last_signed_in_at": user.last_login,
    }
    return Section(
        "account", "Your account: email, display name, role, when you joined.", [row], single=True
    )


def _emails(user: User) -> Section:
    rows = _rows(
        EmailAddress.objects.filter(user=user).order_by("id").values("email", "verified", "primary")
    )
    return Section("email_addresses", "The email addresses on your account.", rows)


def _profile(user: User) -> Section:
    profile = Profile.objects.select_related("home_place").filter(user=user).first()
    rows: list[dict[str, Any]] = []
    if profile is not None:
        rows.append(
            {
                "pronouns": profile.pronouns,
                "pronouns_visibility": profile.pronouns_visibility,
                "about_you": profile.bio,
                "about_you_visibility": profile.bio_visibility,
                "roles": "; ".join(profile.roles),
                "roles_visibility": profile.roles_visibility,
                "home_place": profile.home_place.name if profile.home_place else "",
                "home_place_visibility": profile.home_place_visibility,
                "topics": "; ".join(profile.topics.order_by("name").values_list("name", flat=True)),
                "topics_visibility": profile.topics_visibility,
                "updated_at": profile.updated_at,
            }
        )
    return Section("profile", "Your profile and who can see each part of it.", rows, single=True)


def _stories(user: User) -> tuple[Section, list[tuple[str, str]]]:
    """Every story, idea and resource the person wrote, under any name. Also returns image files."""
    topics: dict[int, list[str]] = defaultdict(list)
    for story_id, name in (
        Story.topics.through.objects.filter(story__author=user)
        .order_by("story_id", "topic__name")
        .values_list("story_id", "topic__name")
    ):
        topics[story_id].append(name)
    rows: list[dict[str, Any]] = []
    images: list[tuple[str, str]] = []
    for s in (
        Story.objects.filter(author=user)
        .order_by("created_at", "id")
        .values(
            "id", "kind", "status", "is_hidden", "identity", "pseudonym", "audience", "title", "body",
            "place__name", "image", "image_alt", "created_at", "updated_at", "published_at", "edited_at",
            "comment_count", "experienced_count", "helped_count",
        )
    ):  # fmt: skip
        image_file = ""
        if s["image"]:
            image_file = f"images/{s['id']}-{Path(s['image']).name}"
            images.append((s["image"], image_file))
        rows.append(
            {
                "id": s["id"],
                "address": reverse("stories:detail", args=[s["id"]]),
                "kind": s["kind"],
                "status": s["status"],
                "hidden_by_moderator": s["is_hidden"],
                "shown_as": s["identity"],
                "pseudonym": s["pseudonym"],
                "who_can_read": s["audience"],
                "title": s["title"],
                "text": s["body"],
                "topics": "; ".join(topics[s["id"]]),
                "place": s["place__name"] or "",
                "image_file": image_file,
                "image_description": s["image_alt"],
                "created_at": s["created_at"],
                "updated_at": s["updated_at"],
                "published_at": s["published_at"],
                "edited_at": s["edited_at"],
                "comments": s["comment_count"],
                "experienced_this_too": s["experienced_count"],
                "this_helped": s["helped_count"],
            }
        )
    description = (
        "Everything you wrote: stories, ideas and resources, including those shared under a "
        "pseudonym or anonymously, drafts and withdrawn ones. Images are in the images folder."
    )
    return Section("stories", description, rows), images


def _revisions(user: User) -> Section:
    rows = _rows(
        StoryRevision.objects.filter(story__author=user)
        .order_by("story_id", "created_at", "id")
        .values("story_id", "title", "body", "created_at")
    )
    for row in rows:
        row["text"] = row.pop("body")
    return Section(
        "story_revisions", "Earlier versions of your stories, kept when you edited them.", rows
    )


def _consents(user: User) -> Section:
    rows = _rows(
        StoryConsent.objects.filter(user=user)
        .order_by("created_at", "id")
        .values(
            "story_id",
            "action",
            "notice_version",
            "audience",
            "identity",
            "statement",
            "created_at",
        )
    )
    for row in rows:
        row["who_could_read"] = row.pop("audience")
        row["shown_as"] = row.pop("identity")
    return Section(
        "consents",
        "Each time you agreed to publish a story or withdrew that consent, with the exact words.",
        rows,
    )


def _comments(user: User) -> Section:
    rows = []
    for c in (
        Comment.objects.filter(author=user)
        .order_by("created_at", "id")
        .values(
            "id", "story_id", "story__title", "story__status", "story__is_hidden", "story__author_id",
            "parent_id", "body", "created_at", "edited_at", "is_deleted", "is_hidden",
        )
    ):  # fmt: skip
        rows.append(
            {
                "id": c["id"],
                "story_id": c["story_id"],
                "story_title": _visible_title(
                    title=c["story__title"],
                    status=c["story__status"],
                    is_hidden=c["story__is_hidden"],
                    author_id=c["story__author_id"],
                    user=user,
                ),  # fmt: skip
                "in_reply_to_comment": c["parent_id"],
                "text": c["body"],
                "created_at": c["created_at"],
                "edited_at": c["edited_at"],
                "deleted": c["is_deleted"],
                "hidden_by_moderator": c["is_hidden"],
            }
        )
    return Section(
        "comments", "Your comments and replies (other people's comments are not included).", rows
    )


def _reactions(user: User) -> Section:
    rows = _rows(
        Reaction.objects.filter(user=user)
        .order_by("created_at", "id")
        .annotate(story_id=F("item__story"), comment_id=F("item__comment"))
        .values("kind", "story_id", "comment_id", "created_at")
    )
    return Section(
        "reactions", 'Your reactions ("I\'ve experienced this too", "This helped").', rows
    )


def _follows(user: User) -> Section:
    rows = []
    for f in (
        Follow.objects.filter(user=user)
        .order_by("created_at", "id")
        .values(
            "created_at",
            story_id=F("item__story"),
            title=F("item__story__title"),
            status=F("item__story__status"),
            is_hidden=F("item__story__is_hidden"),
            author_id=F("item__story__author_id"),
        )
    ):
        rows.append(
            {
                "story_id": f["story_id"],
                "story_title": _visible_title(
                    title=f["title"],
                    status=f["status"],
                    is_hidden=f["is_hidden"],
                    author_id=f["author_id"],
                    user=user,
                ),  # fmt: skip
                "created_at": f["created_at"],
            }
        )
    return Section("story_follows", "Stories you follow.", rows)


def _reports(user: User) -> Section:
    rows = _rows(
        Report.objects.filter(reporter=user)
        .order_by("created_at", "id")
        .annotate(story_id=F("item__story"), comment_id=F("item__comment"))
        .values("reason", "details", "story_id", "comment_id", "created_at", "resolved_at")
    )
    return Section("reports_made", "Reports you made to moderators (not reports about you).", rows)


def _authenticators(user: User) -> Section:
    # Type and dates only: the secrets themselves are never exported.
    rows = _rows(
        Authenticator.objects.filter(user=user)
        .order_by("id")
        .values("type", "created_at", "last_used_at")
    )
    return Section("two_factor", "Two-factor authentication you set up (no secrets).", rows)


def _api_tokens(user: User) -> Section | None:
    if not apps.is_installed("groundswell.api"):
        return None
    from groundswell.api.models import ApiToken

    # What each token is for and when it was used; never the secret or its hash.
    rows = _rows(
        ApiToken.objects.filter(user=user)
        .order_by("created_at", "id")
        .values("name", "prefix", "scope", "created_at", "last_used_at", "expires_at", "revoked_at")
    )
    return Section(
        "api_tokens", "Personal access tokens you created for the API (no secrets).", rows
    )


def _exports(user: User) -> Section:
    rows = _rows(
        DataExport.objects.filter(user=user)
        .order_by("created_at", "id")
        .values("created_at", "status", "finished_at", "downloaded_at")
    )
    return Section("data_exports", "Each time you asked for a copy of your data.", rows)


def _audit(user: User) -> Section:
    rows = _rows(
        AuditEvent.objects.filter(actor=user)
        .order_by("created_at", "id")
        .values("action", "target_type", "target_id", "ip_address", "created_at")
    )
    return Section(
        "audit_events", "Recorded actions you took yourself, such as downloading your data.", rows
    )


def collect(user: User) -> tuple[list[Section], list[tuple[str, str]]]:
    """All sections of one person's export, and the image files to copy (storage name, zip name)."""
    stories, images = _stories(user)
    sections = [
        _account(user),
        _emails(user),
        _profile(user),
        stories,
        _revisions(user),
        _consents(user),
        _comments(user),
        _reactions(user),
        _follows(user),
        _reports(user),
        _authenticators(user),
        _exports(user),
        _audit(user),
    ]
    tokens = _api_tokens(user)
    if tokens is not None:
        sections.append(tokens)
    for name, (description, collect_rows) in export_sections().items():
        sections.append(
            Section(name, str(description) or f"Your {name.replace('_', ' ')}.", collect_rows(user))
        )
    return sections, images


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    writer = csv.DictWriter(out, fieldnames=columns or ["(none)"])
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _csv_cell(value) for key, value in row.items()})
    return out.getvalue()


def _readme(sections: list[Section], generated_at: Any) -> str:
    lines = [
        f"Your data from {site_name()}",
        f"Prepared {generated_at:%d %B %Y at %H:%M %Z}.",
        "",
        "data.json holds everything in one file. Each .csv file holds one part and opens in a",
        "spreadsheet. In the CSV files, text that starts with = + - or @ has a ' added in front so that",
        "spreadsheet programs do not run it as a formula; data.json has your exact text.",
        "",
        "Stories, comments and follows refer to other people's stories by number. Their titles are only",
        "included while those stories are published. Nothing about other members is included.",
        "",
    ]
    for s in sections:
        lines.append(f"{s.name}.csv ({len(s.rows)}): {s.description}")
    lines.append("")
    lines.append("Keep this file safe: it may contain information about your health.")
    return "\n".join(lines) + "\n"


def write_export(user: User, path: Path) -> int:
    """Write the person's ZIP file to `path`. Returns how many records it holds."""
    sections, images = collect(user)
    generated_at = timezone.localtime()
    document: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "site": site_name(),
        "generated_at": generated_at,
    }
    for s in sections:
        document[s.name] = (s.rows[0] if s.rows else {}) if s.single else s.rows
    storage = Story._meta.get_field("image").storage
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("README.txt", _readme(sections, generated_at))
        zf.writestr(
            "data.json", json.dumps(document, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
        )
        for s in sections:
            zf.writestr(f"{s.name}.csv", _csv(s.rows))
        for stored_name, zip_name in images:
            try:
                with storage.open(stored_name, "rb") as handle:
                    # Images are already compressed: store them as they are.
                    zf.writestr(zip_name, handle.read(), compress_type=zipfile.ZIP_STORED)
            except FileNotFoundError:
                continue
    return sum(len(s.rows) for s in sections)
