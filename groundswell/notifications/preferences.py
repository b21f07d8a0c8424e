"""A person's effective choice for each type: their own row, or the type's defaults."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from groundswell.notifications import registry
from groundswell.notifications.models import (
    EmailDelivery,
    NotificationPreference,
    NotificationSettings,
)


@dataclass(frozen=True)
class Choice:
    in_site: bool
    email: str


def default_choice(ntype: registry.NotificationType) -> Choice:
    return Choice(in_site=ntype.default_in_site, email=ntype.default_delivery)


def choices_for(user: Any) -> dict[str, Choice]:
    """Every registered type's choice for this person (one query)."""
    rows = {
        p.type_key: Choice(in_site=p.in_site, email=p.email)
        for p in NotificationPreference.objects.filter(user=user)
    }
    return {t.key: rows.get(t.key, default_choice(t)) for t in registry.types()}


def choice_for(user: Any, type_key: str) -> Choice:
    ntype = registry.get_type(type_key)
    row = NotificationPreference.objects.filter(user=user, type_key=type_key).first()
    return Choice(in_site=row.in_site, email=row.email) if row else default_choice(ntype)


def emails_off(user: Any) -> bool:
    return NotificationSettings.objects.filter(user=user, emails_off=True).exists()


def email_wanted(user: Any, type_key: str, choice: Choice | None = None) -> str:
    """How this person wants this type emailed now, all their choices considered (`choice`:
    their choice for the type, when the caller has it)."""
    if not getattr(user, "is_active", False) or not getattr(user, "email", ""):
        return EmailDelivery.NEVER
    if registry.find_type(type_key) is None:
        return EmailDelivery.NEVER
    email = (choice or choice_for(user, type_key)).email
    if email == EmailDelivery.NEVER or emails_off(user):
        return EmailDelivery.NEVER
    return email
