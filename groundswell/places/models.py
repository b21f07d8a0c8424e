from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _


class PlaceLevel(models.TextChoices):
    NATION = "nation", _("Nation")
    REGION = "region", _("Region")
    COUNTY = "county", _("County or city")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood")


LEVEL_DEPTH = {
    PlaceLevel.NATION: 0,
    PlaceLevel.REGION: 1,
    PlaceLevel.COUNTY: 2,
    PlaceLevel.NEIGHBOURHOOD: 3,
}


class PlaceQuerySet(QuerySet["Place"]):
    def within(self, place: Place) -> PlaceQuerySet:
        """The place and every place below it."""
        return self.filter(path__startswith=place.path)

    def current(self) -> PlaceQuerySet:
        """Places still offered for new stories, profiles and organisations (not retired)."""
        return self.filter(retired_at__isnull=True)

    def for_choice(self, *, keep: Iterable[Place | int | None] = ()) -> PlaceQuerySet:
        """Places to offer in a form: the current ones, plus `keep` (the places the thing being
        edited already has, even if since retired) so saving the form does not drop them."""
        kept = [
            item.pk if isinstance(item, models.Model) else item for item in keep if item is not None
        ]
        if not kept:
            return self.current()
        return self.filter(Q(retired_at__isnull=True) | Q(pk__in=kept))


class Place(models.Model):
    """A node in nation > region > county/city > neighbourhood.

    `path` is a materialised path of ancestor ids ("/1/4/17/") so "everything below" is one
    indexed prefix match.
    """

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    level = models.CharField(max_length=16, choices=PlaceLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    description = models.CharField(max_length=500, blank=True)
    # Retired places are no longer offered when choosing a place; everything already in them
    # keeps its place, and their pages still work.
    retired_at = models.DateTimeField(null=True, blank=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="place_unique_name_in_parent"),
            models.CheckConstraint(
                condition=Q(level="nation", parent__isnull=True)
                | (~Q(level="nation") & Q(parent__isnull=False)),
                name="place_only_nations_are_roots",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.depth_of(self.path)

    @staticmethod
    def depth_of(path: str) -> int:
        """How far below a nation a place with this materialised path is (nations are 0)."""
        return path.count("/") - 2 if path else 0

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(p) for p in self.path.strip("/").split("/") if p][:-1]

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None

    def is_within(self, other: Place) -> bool:
        """This place is `other` or somewhere below it."""
        return bool(other.path) and self.path.startswith(other.path)


class OrganiserPlace(models.Model):
    """A place an organiser looks after, with everything below it
    (groundswell.places.permissions is the one rule that reads it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organiser_places"
    )
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["place__path"]
        constraints = [
            models.UniqueConstraint(fields=["user", "place"], name="organiser_place_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} organises in {self.place_id}"
