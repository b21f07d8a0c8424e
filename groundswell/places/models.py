from __future__ import annotations

from django.db import models
from django.db.models import Q, QuerySet


class PlaceLevel(models.TextChoices):
    NATION = "nation", "Nation"
    REGION = "region", "Region"
    COUNTY = "county", "County or city"
    NEIGHBOURHOOD = "neighbourhood", "Neighbourhood"


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
