from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from groundswell.audit.services import audit_record
from groundswell.core.staff import has_admin_powers
from groundswell.lib.text import clean_name, clean_text
from groundswell.places import permissions, signals
from groundswell.places.models import OrganiserPlace, Place, PlaceLevel


@transaction.atomic
def place_create(
    *, name: str, level: str, parent: Place | None = None, slug: str | None = None
) -> Place:
    """Create a place and set its materialised path."""
    base = (
        slug
        or slugify(f"{parent.slug}-{name}" if parent and parent.level != "nation" else name)[:130]
    )
    candidate, n = base, 2
    while Place.objects.filter(slug=candidate).exists():
        candidate, n = f"{base}-{n}", n + 1
    place = Place.objects.create(name=name, level=level, parent=parent, slug=candidate)
    place.path = f"{parent.path if parent else '/'}{place.pk}/"
    place.save(update_fields=["path"])
    return place


# --- Staff screens: places and organisers -----------------------------------------------------

AUDIT_PLACE_CHANGED = "place_changed"
AUDIT_ORGANISER_PLACES = "organiser_places_set"

# The level of a place added below one of each level; neighbourhoods are the smallest.
CHILD_LEVEL = {
    PlaceLevel.NATION: PlaceLevel.REGION,
    PlaceLevel.REGION: PlaceLevel.COUNTY,
    PlaceLevel.COUNTY: PlaceLevel.NEIGHBOURHOOD,
}


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You can't change this place."))


def _name_taken(*, parent: Place | None, name: str, exclude: int | None = None) -> bool:
    qs = Place.objects.filter(parent=parent, name__iexact=name)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    return qs.exists()


@transaction.atomic
def place_add(
    *,
    parent: Place | None,
    name: str,
    description: str,
    actor: Any,
    request: HttpRequest | None = None,
) -> Place:
    """Add a place below `parent` (a nation when there is none: administrators only). Its level
    is the one below its parent's; nothing goes below a neighbourhood."""
    _require(permissions.can_manage_place(actor, parent))
    name = clean_name(name)
    if parent is None:
        level = PlaceLevel.NATION
    elif parent.level in CHILD_LEVEL:
        level = CHILD_LEVEL[PlaceLevel(parent.level)]
    else:
        raise ValidationError(_("Neighbourhoods are the smallest places: nothing goes below one."))
    if parent is not None and parent.is_retired:
        raise ValidationError(_("%(place)s is retired: restore it first.") % {"place": parent})
    if _name_taken(parent=parent, name=name):
        raise ValidationError(
            {"name": _("There is already a place called %(name)s there.") % {"name": name}}
        )
    place = place_create(name=name, level=level, parent=parent)
    place.description = clean_text(description)
    place.save(update_fields=["description"])
    audit_record(
        actor=actor,
        action=AUDIT_PLACE_CHANGED,
        target=place,
        details={"change": "added", "name": place.name, "parent": parent.pk if parent else None},
        request=request,
    )
    return place


@transaction.atomic
def place_update(
    *,
    place: Place,
    name: str,
    description: str,
    actor: Any,
    request: HttpRequest | None = None,
) -> Place:
    """Rename a place or change its description. Its address (slug) stays, so links keep working."""
    _require(permissions.can_manage_place(actor, place))
    name = clean_name(name)
    if _name_taken(parent=place.parent, name=name, exclude=place.pk):
        raise ValidationError(
            {"name": _("There is already a place called %(name)s there.") % {"name": name}}
        )
    before = place.name
    place.name = name
    place.description = clean_text(description)
    place.save(update_fields=["name", "description"])
    audit_record(
        actor=actor,
        action=AUDIT_PLACE_CHANGED,
        target=place,
        details={"change": "edited", "from": before, "name": place.name},
        request=request,
    )
    return place


@transaction.atomic
def place_retire(
    *, place: Place, actor: Any, restore: bool = False, request: HttpRequest | None = None
) -> Place:
    """Stop offering a place (or offer it again). Stories, profiles and organisations in it keep
    it. A place with places still in use below it can't be retired: retire those first."""
    _require(permissions.can_manage_place(actor, place))
    place = Place.objects.select_for_update().get(pk=place.pk)
    if restore:
        if place.parent is not None and place.parent.is_retired:
            raise ValidationError(
                _("%(place)s is inside %(parent)s, which is retired: restore that first.")
                % {"place": place.name, "parent": place.parent.name}
            )
        place.retired_at = None
    else:
        open_children = list(place.children.filter(retired_at__isnull=True).order_by("name")[:4])
        if open_children:
            names = ", ".join(child.name for child in open_children[:3])
            raise ValidationError(
                _("%(place)s still has places in use below it (%(names)s). Retire those first.")
                % {"place": place.name, "names": names}
            )
        place.retired_at = place.retired_at or timezone.now()
    place.save(update_fields=["retired_at"])
    audit_record(
        actor=actor,
        action=AUDIT_PLACE_CHANGED,
        target=place,
        details={"change": "restored" if restore else "retired", "name": place.name},
        request=request,
    )
    return place


@transaction.atomic
def organiser_places_set(
    *, user: Any, places: Iterable[Place], actor: Any, request: HttpRequest | None = None
) -> list[Place]:
    """Give an organiser the places they look after (replacing the ones they had). Only
    administrators; recorded in the audit log and told to the person."""
    if not has_admin_powers(actor):
        raise PermissionDenied(_("Only administrators can give organisers their places."))
    wanted = {p.pk: p for p in places}
    if wanted and not getattr(user, "is_organiser", False):
        raise ValidationError(_("Make this person an organiser first."))
    before = set(OrganiserPlace.objects.filter(user=user).values_list("place_id", flat=True))
    if before == set(wanted):
        return sorted(wanted.values(), key=lambda p: p.path)
    OrganiserPlace.objects.filter(user=user).exclude(place_id__in=list(wanted)).delete()
    OrganiserPlace.objects.bulk_create(
        [OrganiserPlace(user=user, place=p) for pk, p in wanted.items() if pk not in before],
        ignore_conflicts=True,
    )
    permissions.forget_roots(user)
    audit_record(
        actor=actor,
        action=AUDIT_ORGANISER_PLACES,
        target=user,
        details={"from": sorted(before), "to": sorted(wanted)},
        request=request,
    )
    names = [p.name for p in sorted(wanted.values(), key=lambda p: p.path)]
    transaction.on_commit(
        lambda: signals.organiser_places_changed.send(
            sender=OrganiserPlace, user=user, actor=actor, place_names=names
        )
    )
    return sorted(wanted.values(), key=lambda p: p.path)
