from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext as _

from groundswell.accounts import signals
from groundswell.accounts.models import Profile, SiteRole, User
from groundswell.audit.services import audit_record
from groundswell.core.staff import has_admin_powers
from groundswell.lib.text import clean_name, clean_text


def profile_get_or_create(*, user: User) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def profile_update(
    *, user: User, display_name: str, fields: dict[str, Any], topics: Iterable[Any]
) -> Profile:
    """Update a member's display name and profile fields (each with its own visibility)."""
    user.display_name = clean_name(display_name)
    user.save(update_fields=["display_name"])
    profile = profile_get_or_create(user=user)
    for name, value in fields.items():
        setattr(profile, name, clean_text(value) if isinstance(value, str) else value)
    profile.save()
    profile.topics.set(list(topics))
    return profile


# --- Staff screens: members and roles ---------------------------------------------------------

AUDIT_ROLE_CHANGED = "role_changed"  # audit.models.AuditAction.ROLE_CHANGED


@transaction.atomic
def user_role_set(*, user: User, role: str, actor: Any, request: HttpRequest | None = None) -> User:
    """An administrator changes someone's site role (member, organiser, moderator, admin).

    Never your own role, and never the last administrator's. Administrators also get the Django
    admin (staff and superuser); any other role loses both, so a demotion really removes the
    power. Someone who is no longer an organiser loses the places they looked after. Recorded in
    the audit log, and the person is told (accounts/notifying.py).
    """
    from groundswell.places.models import OrganiserPlace

    if not has_admin_powers(actor):
        raise PermissionDenied(_("Only administrators can change roles."))
    if role not in SiteRole.values:
        raise ValidationError({"role": _("Choose a role.")})
    if user.pk == actor.pk:
        raise ValidationError(_("You can't change your own role. Ask another administrator."))
    locked = User.objects.select_for_update().get(pk=user.pk)
    old = locked.site_role
    if old == role and locked.is_superuser == (role == SiteRole.ADMIN):
        return user
    if old == SiteRole.ADMIN or locked.is_superuser:
        # Lock every administrator, so two administrators demoting each other at once can't
        # both succeed and leave none.
        others = list(
            User.objects.select_for_update()
            .filter(Q(site_role=SiteRole.ADMIN) | Q(is_superuser=True), is_active=True)
            .exclude(pk=user.pk)
            .values_list("pk", flat=True)
        )
        if role != SiteRole.ADMIN and not others:
            raise ValidationError(
                _("This is the last administrator. Make someone else an administrator first.")
            )
    user.site_role = role
    user.is_staff = user.is_superuser = role == SiteRole.ADMIN
    user.save(update_fields=["site_role", "is_staff", "is_superuser"])
    dropped: list[int] = []
    if not user.is_organiser:
        dropped = list(OrganiserPlace.objects.filter(user=user).values_list("place_id", flat=True))
        OrganiserPlace.objects.filter(user=user).delete()
    audit_record(
        actor=actor,
        action=AUDIT_ROLE_CHANGED,
        target=user,
        details={"from": old, "to": role, **({"places_removed": dropped} if dropped else {})},
        request=request,
    )
    transaction.on_commit(
        lambda: signals.site_role_changed.send(
            sender=User, user=user, actor=actor, old=old, new=role
        )
    )
    return user
