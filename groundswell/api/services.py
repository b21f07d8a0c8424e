"""Writes for personal access tokens: create (the secret is returned once), revoke, mark used."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import string
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from groundswell.api.models import ApiToken, TokenScope
from groundswell.audit.models import AuditAction
from groundswell.audit.services import audit_record
from groundswell.lib.text import clean_text

if TYPE_CHECKING:
    from django.http import HttpRequest

    from groundswell.accounts.models import User

TOKEN_PREFIX = "gs_"  # noqa: S105 (a marker, not a secret)
# 43 characters from 62 is about 256 bits: beyond guessing, so a plain SHA-256 hash is safe to store.
_SECRET_ALPHABET = string.ascii_letters + string.digits
_SECRET_LENGTH = 43
# The shown prefix: "gs_" and 8 characters of the secret.
SHOWN_PREFIX_LENGTH = len(TOKEN_PREFIX) + 8
MAX_ACTIVE_TOKENS = 20
# Writing last_used_at on every request would turn every read into a write; a few minutes is
# precise enough for "when did I last use this?".
LAST_USED_PRECISION = dt.timedelta(minutes=5)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def _new_secret() -> str:
    return TOKEN_PREFIX + "".join(secrets.choice(_SECRET_ALPHABET) for _ in range(_SECRET_LENGTH))


@transaction.atomic
def token_create(
    *,
    user: User,
    name: str,
    scope: str,
    expires_in_days: int | None,
    request: HttpRequest | None = None,
) -> tuple[ApiToken, str]:
    """Create a token and return it with its secret. The secret is never stored or shown again.

    A token acts for the member without their password or second factor, so creating one is
    recorded in the audit log (never the secret or its hash)."""
    name = clean_text(name, single_line=True)
    if not name:
        raise ValidationError({"name": _("Give the token a name, so you know what it is for.")})
    if scope not in TokenScope.values:
        raise ValidationError({"scope": _("Choose read only, or read and write.")})
    if expires_in_days is not None and not 1 <= expires_in_days <= 366:
        raise ValidationError({"expires_in_days": _("Choose when the token should expire.")})
    # Lock the member's row so two quick submissions can't both pass the limit.
    list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk"))
    if ApiToken.objects.filter(user=user).active().count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            f"You already have {MAX_ACTIVE_TOKENS} active tokens. Revoke one you no longer use first."
        )
    secret = _new_secret()
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        name=name[:60],
        prefix=secret[:SHOWN_PREFIX_LENGTH],
        token_hash=hash_secret(secret),
        scope=scope,
        expires_at=now + dt.timedelta(days=expires_in_days) if expires_in_days else None,
    )
    audit_record(
        actor=user,
        action=AuditAction.API_TOKEN_CREATED,
        target=token,
        details={"prefix": token.prefix, "scope": scope, "expires_in_days": expires_in_days},
        request=request,
    )
    return token, secret


@transaction.atomic
def token_revoke(*, token: ApiToken, actor: User, request: HttpRequest | None = None) -> ApiToken:
    """Revoke a token at once, recorded in the audit log. Revoking twice keeps the first time."""
    if token.user_id != actor.pk:
        raise PermissionDenied(_("Only the owner can revoke a token."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            action=AuditAction.API_TOKEN_REVOKED,
            target=token,
            details={"prefix": token.prefix},
            request=request,
        )
    return token


def token_mark_used(*, token: ApiToken, now: dt.datetime | None = None) -> None:
    """Record that the token was used, at most once every few minutes (no write in between)."""
    now = now or timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_PRECISION:
        return
    _record_use(token=token, now=now)


@transaction.atomic
def _record_use(*, token: ApiToken, now: dt.datetime) -> None:
    ApiToken.objects.filter(pk=token.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_PRECISION)
    ).update(last_used_at=now)
    token.last_used_at = now
