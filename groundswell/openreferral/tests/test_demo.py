"""The demo directory: the demo organisations' services (10 or more) are served by the API."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from groundswell.demo.openreferral import load_openreferral
from groundswell.openreferral import ids
from groundswell.organisations.models import Organisation
from groundswell.places.testing import Tree
from groundswell.topics.models import Topic

pytestmark = pytest.mark.django_db


def test_demo_organisations_services_are_served(places: Tree, admin_user, client: Client) -> None:
    topic = Topic.objects.create(name="Loneliness", slug="loneliness")
    organisations = []
    for n in range(11):
        org = Organisation.objects.create(
            name=f"Demo group {n}", slug=f"demo-group-{n}", kind="community_group", description="x"
        )
        org.places.add(places.leeds if n % 2 else places.levenshulme)
        organisations.append(org)
    said: list[str] = []
    for _ in range(2):  # loading twice updates the same records
        load_openreferral(
            users={"admin": admin_user},
            places={"Leeds": places.leeds},
            topics={"loneliness": topic},
            organisations=organisations,
            say=said.append,
        )
    assert said[0] == "Open Referral: 14 services imported, 0 updated, 0 not imported"
    assert said[1] == "Open Referral: 0 services imported, 14 updated, 0 not imported"
    body = client.get(reverse("openreferral:services"), {"per_page": "100"}).json()
    ours = {ids.make(ids.ORGANISATION, org.pk) for org in organisations}
    run_by_demo = [s for s in body["contents"] if s.get("organization_id") in ours]
    assert len(run_by_demo) == 11
    assert body["total_items"] == 14
    # Our organisations are linked to, never changed by the import.
    assert Organisation.objects.get(pk=organisations[0].pk).description == "x"
