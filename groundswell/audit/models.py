from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


class AuditAction(models.TextChoices):
    IDENTITY_VIEWED = "identity_viewed", _("Viewed the author behind a pseudonym or anonymous post")
    STORY_HIDDEN = "story_hidden", _("Hid a story")
    STORY_RESTORED = "story_restored", _("Restored a story")
    COMMENT_HIDDEN = "comment_hidden", _("Hid a comment")
    COMMENT_RESTORED = "comment_restored", _("Restored a comment")
    ROLE_CHANGED = "role_changed", _("Changed a member's role")
    EXPORT = "export", _("Exported data")
    STORY_HELD = "story_held", _("Held a story for review")
    COMMENT_HELD = "comment_held", _("Held a comment for review")
    STORY_APPROVED = "story_approved", _("Approved a story held for review")
    COMMENT_APPROVED = "comment_approved", _("Approved a comment held for review")
    REPORTS_RESOLVED = "reports_resolved", _("Closed reports")
    APPEAL_DECIDED = "appeal_decided", _("Decided an appeal")
    PREMODERATION_CHANGED = "premoderation_changed", _("Changed pre-moderation rules")
    AUDIT_EXPORTED = "audit_exported", _("Exported the audit log")
    TRUST_LEVEL_SET = "trust_level_set", _("Set a member's trust level")
    TRUST_LEVEL_UNLOCKED = (
        "trust_level_unlocked",
        _("Let a member's trust level change automatically again"),
    )
    PROFESSIONAL_VERIFIED = "professional_verified", _("Verified a member as a professional")
    PROFESSIONAL_UNVERIFIED = "professional_unverified", _("Removed a professional verification")
    SAFEGUARDING_ACKNOWLEDGED = "safeguarding_acknowledged", _("Acknowledged a safeguarding alert")
    API_TOKEN_CREATED = "api_token_created", _("Created an API token")
    API_TOKEN_REVOKED = "api_token_revoked", _("Revoked an API token")


# Actions other apps add (messaging, organisations, and later kinds): they register their labels
# from their AppConfig.ready() instead of this app listing them. Choices are not enforced by the
# database, so a registered action needs no migration here.
_registered_labels: dict[str, StrOrPromise] = {}


def register_action(value: str, label: StrOrPromise) -> None:
    """Give an app's own audit action its label on the audit pages ("Viewed a reported message").
    A lazy label (gettext_lazy) is shown in the reader's language."""
    if len(value) > 32:
        raise ValueError(f"Audit action {value!r} is longer than 32 characters.")
    _registered_labels[value] = label


def action_choices() -> list[tuple[str, StrOrPromise]]:
    """Every action with its label: this app's and the registered ones, in the reader's language."""
    registered = sorted(_registered_labels.items(), key=lambda kv: str(kv[1]))
    return [*AuditAction.choices, *registered]


def action_label(value: str) -> str:
    if value in AuditAction.values:
        return str(AuditAction(value).label)
    return str(_registered_labels.get(value, value))


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise TypeError("The audit log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("The audit log is append-only.")


class AuditEvent(models.Model):
    """Append-only record of sensitive actions. Never updated or deleted through the ORM."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(
        max_length=160, help_text="Who acted, kept if the account is later deleted."
    )
    action = models.CharField(max_length=32, choices=AuditAction.choices)
    target_type = models.CharField(max_length=40)
    target_id = models.CharField(max_length=40)
    details = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_type}:{self.target_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise TypeError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError("The audit log is append-only.")

    # Django's own get_action_display knows only AuditAction; this one knows registered actions too.
    def get_action_display(self) -> str:  # type: ignore[no-redef]
        return action_label(self.action)
