from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from groundswell.places.management.commands.seed_places import load_place_tree, seed_places
from groundswell.places.models import Place, PlaceLevel
from groundswell.places.services import place_create

pytestmark = pytest.mark.django_db

PARENT_LEVEL = {
    PlaceLevel.REGION: PlaceLevel.NATION,
    PlaceLevel.COUNTY: PlaceLevel.REGION,
    PlaceLevel.NEIGHBOURHOOD: PlaceLevel.COUNTY,
}


def snapshot() -> list[tuple[object, ...]]:
    return list(
        Place.objects.order_by("pk").values_list("pk", "name", "slug", "level", "parent_id", "path")
    )


def test_seed_creates_a_uk_hierarchy_at_every_level() -> None:
    seed_places()

    counts = {level: Place.objects.filter(level=level).count() for level in PlaceLevel.values}
    assert set(Place.objects.filter(level=PlaceLevel.NATION).values_list("name", flat=True)) == {
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
    }
    assert counts[PlaceLevel.REGION] >= 10
    assert counts[PlaceLevel.COUNTY] >= 20
    assert counts[PlaceLevel.NEIGHBOURHOOD] >= 50
    moss_side = Place.objects.get(name="Moss Side")
    assert [
        p.name for p in Place.objects.filter(pk__in=moss_side.ancestor_ids).order_by("path")
    ] == [
        "England",
        "North West",
        "Manchester",
    ]


def test_every_place_sits_one_level_below_its_parent_and_extends_its_path() -> None:
    seed_places()

    for place in Place.objects.select_related("parent"):
        if place.parent is None:
            assert place.level == PlaceLevel.NATION
            assert place.path == f"/{place.pk}/"
        else:
            assert PARENT_LEVEL[PlaceLevel(place.level)] == place.parent.level
            assert place.path == f"{place.parent.path}{place.pk}/"
    greater_manchester = Place.objects.get(name="Manchester")
    assert set(
        Place.objects.within(greater_manchester)
        .filter(level=PlaceLevel.NEIGHBOURHOOD)
        .values_list("name", flat=True)
    ) >= {
        "Moss Side",
        "Levenshulme",
    }


def test_cities_get_short_slugs_and_neighbourhoods_are_prefixed_by_their_city() -> None:
    seed_places()

    assert Place.objects.get(name="Manchester").slug == "manchester"
    assert Place.objects.get(name="Moss Side").slug == "manchester-moss-side"
    assert Place.objects.get(name="Scotland").slug == "scotland"


def test_running_twice_changes_nothing() -> None:
    first = seed_places()
    before = snapshot()

    second = seed_places()

    assert snapshot() == before
    assert second.created == 0
    assert second.existing == first.created == len(before)
    assert second.by_name.keys() == first.by_name.keys()


def test_places_added_by_hand_are_kept_and_not_duplicated() -> None:
    england = place_create(name="England", level=PlaceLevel.NATION)
    cumbria = place_create(name="Cumbria", level=PlaceLevel.REGION, parent=england)

    result = seed_places()

    assert Place.objects.filter(name="England").count() == 1
    assert result.by_name["England"] == england
    assert Place.objects.filter(pk=cumbria.pk).exists()


def test_command_reports_what_it_created() -> None:
    out = StringIO()
    call_command("seed_places", stdout=out)
    call_command("seed_places", stdout=out)

    total = Place.objects.count()
    assert out.getvalue().splitlines() == [
        f"Places: {total} created, 0 already there.",
        f"Places: 0 created, {total} already there.",
    ]


def test_data_file_with_a_repeated_name_is_refused(tmp_path: Path) -> None:
    data = {"places": [{"name": "Wales", "children": [{"name": "Wales"}]}]}
    path = tmp_path / "places.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(CommandError, match="appears twice"):
        load_place_tree(path)
    assert not Place.objects.exists()
