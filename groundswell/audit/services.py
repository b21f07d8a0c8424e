from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from groundswell.audit.models import AuditAction, AuditEvent
from groundswell.core.clientaddr import UNKNOWN, client_address


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None,
    details: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
    target_type: str = "",
    target_id: str = "",
) -> AuditEvent:
    """Append one event to the audit log.

    `target` is the row acted on; for actions on no single row (an export), pass target=None
    with target_type and target_id describing it. `actor=None` means the system acted.
    """
    ip = client_address(request) if request is not None else None
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=f"{getattr(actor, 'email', '') or 'system'} (#{getattr(actor, 'pk', '-')})",
        action=action,
        target_type=target._meta.label_lower if target is not None else target_type,
        target_id=str(target.pk) if target is not None else target_id,
        details=details or {},
        ip_address=None if ip == UNKNOWN else ip,
    )


def audit_export_record(
    *, actor: Any, filters: dict[str, str], request: HttpRequest | None = None
) -> AuditEvent:
    """Record that someone exported the audit log, with the filters they used, before they get it."""
    return audit_record(
        actor=actor,
        action=AuditAction.AUDIT_EXPORTED,
        target=None,
        target_type="audit.auditevent",
        target_id="export",
        details={"filters": filters},
        request=request,
    )
