from __future__ import annotations

import pytest

from groundswell.assets.models import Asset, AssetKind, ClaimRequest, Location
from groundswell.core.testing.factories import UserFactory
from groundswell.demo.assets import load_assets
from groundswell.demo.management.commands.seed_topics import seed_topics
from groundswell.places.management.commands.seed_places import seed_places

pytestmark = pytest.mark.django_db


def test_demo_assets_cover_every_kind_with_points_and_a_claim() -> None:
    places = seed_places().by_name
    topics = seed_topics().by_slug
    users = {k: UserFactory(username=k) for k in ("organiser", "member", "dev", "kwame", "shirley")}
    said: list[str] = []
    load_assets(users=users, places=places, topics=topics, organisations=[], say=said.append)
    assert Asset.objects.count() >= 60
    assert set(Asset.objects.values_list("kind", flat=True)) == set(AssetKind.values)
    assert Location.objects.filter(latitude__isnull=False).count() >= 60
    assert not Location.objects.filter(assets__kind=AssetKind.GIFT).exists()
    assert ClaimRequest.objects.count() == 1 and said
