"""Seed a sample UK place hierarchy (nation > region > county or city > neighbourhood).

Safe to run again: a place is matched by its name under its parent, so nothing is duplicated
and places added by hand are left alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from groundswell.places.models import Place, PlaceLevel
from groundswell.places.services import place_create

DEFAULT_DATA_FILE = Path(__file__).resolve().parents[2] / "data" / "uk_places.json"
LEVELS_BY_DEPTH = [
    PlaceLevel.NATION,
    PlaceLevel.REGION,
    PlaceLevel.COUNTY,
    PlaceLevel.NEIGHBOURHOOD,
]


@dataclass
class SeedResult:
    created: int = 0
    existing: int = 0
    by_name: dict[str, Place] = field(default_factory=dict)


def load_place_tree(path: Path = DEFAULT_DATA_FILE) -> list[dict[str, Any]]:
    """Read and check the data file: names unique across the file, at most four levels."""
    tree: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["places"]
    seen: set[str] = set()

    def check(nodes: list[dict[str, Any]], depth: int) -> None:
        for node in nodes:
            name = node["name"]
            if depth >= len(LEVELS_BY_DEPTH):
                raise CommandError(f"{name!r} is nested deeper than a neighbourhood.")
            # Unique names let other seeders (the demo) refer to a place by name alone.
            if name in seen:
                raise CommandError(f"{name!r} appears twice in {path.name}; names must be unique.")
            seen.add(name)
            check(node.get("children", []), depth + 1)

    check(tree, 0)
    return tree


@transaction.atomic
def seed_places(path: Path = DEFAULT_DATA_FILE) -> SeedResult:
    """Create any missing places from the data file. Returns the places by name."""
    result = SeedResult()

    def seed(nodes: list[dict[str, Any]], parent: Place | None, depth: int) -> None:
        for node in nodes:
            place = Place.objects.filter(parent=parent, name=node["name"]).first()
            if place is None:
                place = place_create(
                    name=node["name"],
                    level=LEVELS_BY_DEPTH[depth],
                    parent=parent,
                    slug=node.get("slug"),
                )
                result.created += 1
            else:
                result.existing += 1
            result.by_name[place.name] = place
            seed(node.get("children", []), place, depth + 1)

    seed(load_place_tree(path), None, 0)
    return result


class Command(BaseCommand):
    help = "Create a sample UK place hierarchy. Running it again adds only what is missing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file", type=Path, default=DEFAULT_DATA_FILE, help="JSON file of places."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = seed_places(options["file"])
        self.stdout.write(f"Places: {result.created} created, {result.existing} already there.")
