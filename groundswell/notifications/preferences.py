"""A person's effective choice for each type: their own row, or the type's defaults."""

from __future__ import annotations

from collections.abc import Iterable
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


def _wanted(user: Any, type_key: str, choice: Choice, off: bool) -> str:
    """The one rule behind email_wanted and emails_wanted_many."""
    if not getattr(user, "is_active", False) or not getattr(user, "email", ""):
        return EmailDelivery.NEVER
    if registry.find_type(type_key) is None:
        return EmailDelivery.NEVER
    if choice.email == EmailDelivery.NEVER or off:
        return EmailDelivery.NEVER
    return choice.email


def email_wanted(user: Any, type_key: str, choice: Choice | None = None) -> str:
    """How this person wants this type emailed now, all their choices considered (`choice`:
    their choice for the type, when the caller has it)."""
    if not getattr(user, "is_active", False) or not getattr(user, "email", ""):
        return EmailDelivery.NEVER
    if registry.find_type(type_key) is None:
        return EmailDelivery.NEVER
    choice = choice or choice_for(user, type_key)
    if choice.email == EmailDelivery.NEVER:
        return EmailDelivery.NEVER
    return _wanted(user, type_key, choice, emails_off(user))


def emails_wanted_many(users: Iterable[Any], type_keys: Iterable[str]) -> dict[int, dict[str, str]]:
    """email_wanted for many people and types at once (two queries whatever their number):
    {user id: {type key: delivery}}. The digest job reads everyone's choices with it."""
    people = {u.pk: u for u in users}
    keys = set(type_keys)
    if not people or not keys:
        return {uid: {} for uid in people}
    rows = {
        (p.user_id, p.type_key): Choice(in_site=p.in_site, email=p.email)
        for p in NotificationPreference.objects.filter(user_id__in=people, type_key__in=keys)
    }
    off = set(
        NotificationSettings.objects.filter(user_id__in=people, emails_off=True).values_list(
            "user_id", flat=True
        )
    )
    defaults = {
        key: default_choice(ntype) for key in keys if (ntype := registry.find_type(key)) is not None
    }
    never = Choice(in_site=False, email=EmailDelivery.NEVER)
    return {
        uid: {
            key: _wanted(user, key, rows.get((uid, key)) or defaults.get(key, never), uid in off)
            for key in keys
        }
        for uid, user in people.items()
    }
