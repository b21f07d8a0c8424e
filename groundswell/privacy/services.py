"""Writes for people's data rights: exports, account deletion, the "Former member" placeholder.

Decisions behind these functions are written up for operators in docs/privacy.md.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import logging
import os
import re
import secrets
from collections import Counter
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from groundswell.accounts.models import User
from groundswell.audit.models import AuditAction, AuditEvent
from groundswell.audit.services import audit_record
from groundswell.privacy import signals
from groundswell.privacy.models import (
    IN_PROGRESS,
    DataExport,
    DeletionMode,
    DeletionReason,
    DeletionReceipt,
    ExportStatus,
)
from groundswell.stories.models import (
    Comment,
    Follow,
    Identity,
    Reaction,
    ReactionKind,
    Report,
    Status,
    Story,
    StoryConsent,
    StoryRevision,
)
from groundswell.stories.services import SCORE_PER_COMMENT, SCORE_PER_REACTION

if TYPE_CHECKING:
    from django.db.models import QuerySet

logger = logging.getLogger(__name__)

# "~" never appears in a username people can get: allauth strips it when it makes one from an
# email address, and Django's username validator refuses it in forms. So no real account can
# ever be mistaken for the placeholder.
FORMER_MEMBER_USERNAME = "~former-member"
FORMER_MEMBER_NAME = "Former member"


# --- Exports -------------------------------------------------------------------------------------


class ExportRefused(ValidationError):
    """The person can't start an export now; the message says why and what to do."""


class ExportLinkInvalid(Exception):
    """No such export for this person, or the token is wrong: answer 404."""


class ExportGone(Exception):
    """The link was used or has expired: answer 410 with this message."""


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def export_root() -> Path:
    return Path(settings.PRIVACY_EXPORT_ROOT)


def _export_path(file_name: str) -> Path:
    return export_root() / file_name


@transaction.atomic
def export_request(*, user: User, request: HttpRequest | None = None) -> tuple[DataExport, str]:
    """Start preparing a copy of the person's data. Returns the export and its one-time token.

    Only the token's hash is stored; the caller hands the token to the person's browser.
    Refused (ExportRefused) while one is being prepared, or past PRIVACY_EXPORTS_PER_DAY (counted
    in the database, so exact however many web processes run). The per-hour request limits per
    account and per address (RATE_LIMITS["export"]) are the view's job.
    """
    if DataExport.objects.filter(user=user, status__in=IN_PROGRESS).exists():
        raise ExportRefused(
            _(
                "We are already preparing a copy of your data. Refresh this page to see when it is ready."
            )
        )
    since = timezone.now() - dt.timedelta(days=1)
    if (
        DataExport.objects.filter(user=user, created_at__gte=since).count()
        >= settings.PRIVACY_EXPORTS_PER_DAY
    ):
        raise ExportRefused(
            _(
                "You can ask for a copy of your data %(count)d times a day. Please try again tomorrow."
            )
            % {"count": settings.PRIVACY_EXPORTS_PER_DAY}
        )
    token = secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            export = DataExport.objects.create(user=user, token_hash=hash_token(token))
    except IntegrityError as exc:  # a second tab won the race for the one-in-progress slot
        raise ExportRefused(
            _(
                "We are already preparing a copy of your data. Refresh this page to see when it is ready."
            )
        ) from exc
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        target=export,
        details={"stage": "requested"},
        request=request,
    )
    export_id = export.pk

    def enqueue() -> None:
        from groundswell.privacy import tasks

        tasks.build_data_export.enqueue(export_id)

    transaction.on_commit(enqueue)
    return export, token


def export_build(*, export_id: int) -> DataExport | None:
    """Build the ZIP file for a pending export (run by the task worker). Idempotent.

    The file is written under a random name with owner-only permissions, then the export is
    marked ready and its link starts its short life.
    """
    from groundswell.privacy.export_builder import write_export

    with transaction.atomic():
        export = (
            DataExport.objects.select_for_update()
            .select_related("user")
            .filter(pk=export_id)
            .first()
        )
        if export is None or export.status != ExportStatus.PENDING:
            return export
        export.status = ExportStatus.RUNNING
        export.started_at = timezone.now()
        export.save(update_fields=["status", "started_at"])

    root = export_root()
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    file_name = f"{secrets.token_hex(16)}.zip"
    final = root / file_name
    partial = root / f"{file_name}.part"
    try:
        # Owner-only from the first byte: never readable by other users on the machine.
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        item_count = write_export(export.user, partial)
        os.replace(partial, final)
    except Exception as exc:
        logger.exception("Export %s failed", export_id)
        partial.unlink(missing_ok=True)
        final.unlink(missing_ok=True)
        DataExport.objects.filter(pk=export_id).update(
            status=ExportStatus.FAILED, finished_at=timezone.now(), error=type(exc).__name__[:200]
        )
        return DataExport.objects.filter(pk=export_id).first()

    now = timezone.now()
    expires = now + dt.timedelta(minutes=settings.PRIVACY_EXPORT_LINK_MINUTES)
    updated = DataExport.objects.filter(pk=export_id, status=ExportStatus.RUNNING).update(
        status=ExportStatus.READY,
        file_name=file_name,
        size_bytes=final.stat().st_size,
        item_count=item_count,
        finished_at=now,
        link_expires_at=expires,
    )
    if not updated:  # the account was deleted while we worked: leave nothing behind
        final.unlink(missing_ok=True)
        return None
    _schedule_expiry(export_id, expires)
    return DataExport.objects.get(pk=export_id)


def _schedule_expiry(export_id: int, when: dt.datetime) -> None:
    """Remove the file the moment its link expires where the task backend can defer work.

    `apply_retention` is the backstop everywhere else.
    """
    from groundswell.privacy import tasks

    if tasks.expire_data_export.get_backend().supports_defer:
        tasks.expire_data_export.using(run_after=when).enqueue(export_id)


def export_expire(*, export_id: int, now: dt.datetime | None = None) -> bool:
    """Delete the file of a ready export whose link has run out. True when it expired one."""
    now = now or timezone.now()
    with transaction.atomic():
        export = DataExport.objects.select_for_update().filter(pk=export_id).first()
        if export is None or export.status != ExportStatus.READY or export.link_is_live(now):
            return False
        file_name = export.file_name
        export.status = ExportStatus.EXPIRED
        export.file_name = ""
        export.save(update_fields=["status", "file_name"])
    if file_name:
        _export_path(file_name).unlink(missing_ok=True)
    return True


def get_export_for_download(*, user: User, export_id: int, token: str) -> DataExport:
    """The export behind a download link, if it is this person's and the token matches.

    Anything else is ExportLinkInvalid (404): nobody learns whether someone else's export exists.
    """
    export = DataExport.objects.filter(pk=export_id, user=user).first()
    if (
        export is None
        or not export.token_hash
        or not hmac.compare_digest(export.token_hash, hash_token(token))
    ):
        raise ExportLinkInvalid
    return export


def export_claim_download(
    *, user: User, export_id: int, token: str, request: HttpRequest | None = None
) -> tuple[DataExport, IO[bytes]]:
    """Use a download link: mark it used, record it, and return the open ZIP file.

    The file is unlinked as soon as it is open, so it is gone from disk when the download ends and
    the link can never be used again (ExportGone with a message for the person).
    """
    export = get_export_for_download(user=user, export_id=export_id, token=token)
    now = timezone.now()
    if export.status == ExportStatus.DOWNLOADED:
        raise ExportGone(
            _(
                "This download link has already been used. Each link works once, to keep your data safe. "
                "You can ask for a new copy."
            )
        )
    if export.status in IN_PROGRESS:
        raise ExportLinkInvalid
    if export.status != ExportStatus.READY or not export.link_is_live(now):
        export_expire(export_id=export.pk, now=now)
        raise ExportGone(
            _(
                "This download link has expired. Links work for a short time only. You can ask for a new copy."
            )
        )
    path = _export_path(export.file_name)
    with transaction.atomic():
        claimed = DataExport.objects.filter(pk=export.pk, status=ExportStatus.READY).update(
            status=ExportStatus.DOWNLOADED, downloaded_at=now, file_name=""
        )
        if not claimed:  # a second click at the same instant
            raise ExportGone(
                _("This download link has already been used. You can ask for a new copy.")
            )
        audit_record(
            actor=user,
            action=AuditAction.EXPORT,
            target=export,
            details={"stage": "downloaded", "items": export.item_count, "bytes": export.size_bytes},
            request=request,
        )
        try:
            handle = path.open("rb")
        except FileNotFoundError as exc:
            raise ExportGone(
                _("This copy is no longer available. You can ask for a new one.")
            ) from exc
    path.unlink(missing_ok=True)
    export.refresh_from_db()
    return export, handle


# --- Account deletion ----------------------------------------------------------------------------


def former_member_get() -> User:
    """The one placeholder account that anonymised stories and comments belong to.

    It can never sign in (inactive, unusable password, no email) and has no public profile.
    One shared placeholder, not one per person, so kept posts cannot be linked to each other.
    """
    user = User.objects.filter(username=FORMER_MEMBER_USERNAME).first()
    if user is not None:
        return user
    user = User(
        username=FORMER_MEMBER_USERNAME, display_name=FORMER_MEMBER_NAME, email="", is_active=False
    )
    user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        return User.objects.get(username=FORMER_MEMBER_USERNAME)
    return user


def is_former_member(user: Any) -> bool:
    return getattr(user, "username", None) == FORMER_MEMBER_USERNAME


_PSEUDONYM_IN_STATEMENT = re.compile(r'the pseudonym ".*", which is not linked to your profile')


def _scrub_statement(statement: str) -> str:
    return _PSEUDONYM_IN_STATEMENT.sub(
        "a pseudonym (removed when the account was deleted), which is not linked to your profile",
        statement,
    )


_REACTION_COUNTER = {
    ReactionKind.EXPERIENCED: "experienced_count",
    ReactionKind.HELPED: "helped_count",
}


def _remove_reactions(user: User) -> int:
    """Delete the person's reactions and take them off the counts they added to."""
    per_target: Counter[tuple[str, int, str]] = Counter()
    rows = list(
        Reaction.objects.filter(user=user).values_list("kind", "item__story", "item__comment")
    )
    for kind, story_id, comment_id in rows:
        if story_id is not None:
            per_target[("story", story_id, kind)] += 1
        elif comment_id is not None:
            per_target[("comment", comment_id, kind)] += 1
    Reaction.objects.filter(user=user).delete()
    for (target, pk, kind), n in per_target.items():
        counter = _REACTION_COUNTER[ReactionKind(kind)]
        updates: dict[str, Any] = {counter: F(counter) - n}
        if target == "story":
            updates["score"] = F("score") - n * SCORE_PER_REACTION
            Story.objects.filter(pk=pk).update(**updates)
        else:
            Comment.objects.filter(pk=pk).update(**updates)
    return len(rows)


def _remove_comments(user: User, placeholder: User) -> tuple[int, list[int]]:
    """Delete everything of the person's remaining comments.

    A comment that other people replied to stays as an empty "deleted" shell owned by the
    placeholder, so their replies keep their place; the rest are deleted outright.
    Returns (comments deleted, ids of shells to re-check in the search index).
    """
    rows = list(Comment.objects.filter(author=user).values_list("pk", "story_id", "is_deleted"))
    if not rows:
        return 0, []
    theirs = {pk for pk, _, _ in rows}
    children = list(Comment.objects.filter(parent_id__in=theirs).values_list("pk", "parent_id"))
    deletable = set(theirs)
    while True:  # a comment can go only if every reply under it goes too
        blocked = {
            parent for child, parent in children if parent in deletable and child not in deletable
        }
        if not blocked:
            break
        deletable -= blocked
    shells = sorted(theirs - deletable)
    live_per_story: Counter[int] = Counter(
        story_id for _, story_id, is_deleted in rows if not is_deleted
    )
    for story_id, n in live_per_story.items():
        Story.objects.filter(pk=story_id).update(
            comment_count=F("comment_count") - n, score=F("score") - n * SCORE_PER_COMMENT
        )
    Comment.objects.filter(pk__in=shells).update(
        author=placeholder,
        body="",
        body_html="",
        is_deleted=True,
        edited_at=None,
        submission_key=None,
    )
    Comment.objects.filter(pk__in=deletable).delete()
    return len(deletable), shells


def _redact_audit_actor(user_id: int) -> int:
    """Take the email and IP address off the person's own audit events.

    The audit log is append-only, and this is its one sanctioned exception: erasure. The event,
    its time and its target stay (accountability, e.g. for a moderator's past actions), now
    attributed to "Deleted account (#id)". models.QuerySet.update skips the append-only guard
    on purpose.
    """
    qs: QuerySet[AuditEvent] = AuditEvent.objects.filter(actor_id=user_id)
    return models.QuerySet.update(qs, actor_label=f"Deleted account (#{user_id})", ip_address=None)


@dataclass
class _AfterCommit:
    files: list[str]
    export_files: list[str]
    unindex: list[int]
    reindex_stories: list[int]
    reindex_comments: list[int]
    user_id: int
    mode: str

    def run(self) -> None:
        from groundswell.privacy import tasks
        from groundswell.stories import searching as search_services

        storage = Story._meta.get_field("image").storage
        for name in self.files:
            with contextlib.suppress(OSError):
                storage.delete(name)
        for name in self.export_files:
            _export_path(name).unlink(missing_ok=True)
        for story_id in self.unindex:
            search_services.unindex_story(story_id)
        for story_id in self.reindex_stories:
            search_services.index_story(story_id)
        for comment_id in self.reindex_comments:
            search_services.index_comment(comment_id)
        tasks.purge_user_sessions.enqueue(self.user_id)
        signals.account_deleted.send(sender=User, user_id=self.user_id, mode=self.mode)


@transaction.atomic
def account_delete(
    *, user: User, mode: str, reason: str = DeletionReason.MEMBER_REQUEST
) -> DeletionReceipt:
    """Erase an account.

    mode "everything": every story, idea and resource goes (with the comments others left on
    them), and every comment too, except that a comment others replied to stays as an empty
    "deleted" shell.
    mode "anonymise": published stories and all comments stay, owned by the "Former member"
    placeholder, shown anonymously, with no pseudonym, image or earlier versions. Drafts and
    withdrawn stories go. Consent records of kept stories stay as evidence, pseudonym removed.

    Both: reactions, follows, profile, email addresses, two-factor devices, exports, sessions and
    uploaded images go; reports the person made stay for moderators under the placeholder (in
    "everything" without their words); the person's own audit events lose their email and IP.
    """
    if is_former_member(user):
        raise ValueError("The placeholder account cannot be deleted this way.")
    mode = DeletionMode(mode)
    user_id = user.pk
    placeholder = former_member_get()
    signals.account_deleting.send(sender=User, user=user, mode=mode)

    counts: Counter[str] = Counter()
    counts["reactions"] = _remove_reactions(user)
    counts["follows"], _ = Follow.objects.filter(user=user).delete()

    stories = list(Story.objects.filter(author=user).values_list("pk", "status", "image"))
    keep = [
        pk
        for pk, status, _ in stories
        if mode == DeletionMode.ANONYMISE and status == Status.PUBLISHED
    ]
    remove = [pk for pk, _, _ in stories if pk not in set(keep)]
    files = [image for _, _, image in stories if image]

    if keep:
        for consent in StoryConsent.objects.filter(story_id__in=keep, identity=Identity.PSEUDONYM):
            StoryConsent.objects.filter(pk=consent.pk).update(
                statement=_scrub_statement(consent.statement)
            )
        StoryConsent.objects.filter(story_id__in=keep).update(user=placeholder)
        StoryRevision.objects.filter(story_id__in=keep).delete()
        Story.objects.filter(pk__in=keep).update(
            author=placeholder,
            identity=Identity.ANONYMOUS,
            pseudonym="",
            image="",
            image_alt="",
            submission_key=None,
        )
    counts["stories_kept"] = len(keep)
    Story.objects.filter(pk__in=remove).delete()
    counts["stories_deleted"] = len(remove)

    shells: list[int] = []
    if mode == DeletionMode.ANONYMISE:
        counts["comments_kept"] = Comment.objects.filter(author=user).update(
            author=placeholder, submission_key=None
        )
        Report.objects.filter(reporter=user).update(reporter=placeholder)
    else:
        counts["comments_deleted"], shells = _remove_comments(user, placeholder)
        counts["comment_shells"] = len(shells)
        Report.objects.filter(reporter=user).update(reporter=placeholder, details="")

    export_files = [
        f for f in DataExport.objects.filter(user=user).values_list("file_name", flat=True) if f
    ]
    counts["exports"], _ = DataExport.objects.filter(user=user).delete()
    counts["audit_events_redacted"] = _redact_audit_actor(user_id)
    counts["files"] = len(files) + len(export_files)

    user.delete()
    receipt = DeletionReceipt.objects.create(
        account_number=user_id, reason=reason, mode=mode, counts=dict(counts)
    )
    after = _AfterCommit(
        files=files,
        export_files=export_files,
        unindex=remove,
        reindex_stories=keep,
        reindex_comments=shells,
        user_id=user_id,
        mode=mode,
    )
    transaction.on_commit(after.run)
    return receipt


def sessions_purge_for_user(*, user_id: int) -> int:
    """Delete every stored session of an account ("sign out everywhere"). Returns how many.

    Run after the account row is gone, when those sessions are already useless: this removes the
    rows themselves. Sessions are signed blobs, so each live one is decoded in turn.
    """
    from django.contrib.sessions.models import Session

    engine = import_module(settings.SESSION_ENGINE)
    if not settings.SESSION_ENGINE.endswith(
        ("sessions.backends.db", "sessions.backends.cached_db")
    ):
        return 0  # cache- or cookie-based sessions die with the account and cannot be listed
    decoder = engine.SessionStore()
    wanted = str(user_id)
    keys = [
        key
        for key, data in Session.objects.filter(expire_date__gt=timezone.now())
        .values_list("session_key", "session_data")
        .iterator(chunk_size=2000)
        if str(decoder.decode(data).get(SESSION_KEY)) == wanted
    ]
    for key in keys:
        engine.SessionStore(session_key=key).delete()
    return len(keys)
