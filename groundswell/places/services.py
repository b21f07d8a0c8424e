from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from groundswell.places.models import Place


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
