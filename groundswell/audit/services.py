from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from groundswell.audit.models import AuditEvent


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model,
    details: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Append one event to the audit log."""
    ip = request.META.get("REMOTE_ADDR") if request is not None else None
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=f"{getattr(actor, 'email', '') or 'system'} (#{getattr(actor, 'pk', '-')})",
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        details=details or {},
        ip_address=ip,
    )
