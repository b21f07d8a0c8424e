"""Retired places are not offered for a new organisation or as a filter; an organisation that
already serves one keeps it when its settings are saved."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from groundswell.core.testing.factories import PlaceFactory
from groundswell.organisations.models import Organisation
from groundswell.places.models import Place

pytestmark = pytest.mark.django_db


def retire(place: Place) -> None:
    Place.objects.filter(pk=place.pk).update(retired_at=timezone.now())


def test_a_retired_place_is_not_offered_for_a_new_organisation_or_as_a_filter(
    client_for, member, city: Place
) -> None:
    retire(city)
    form = client_for(member).get(reverse("organisations:create")).content.decode()
    assert "Manchester" not in form and "North West" in form
    listing = client_for(member).get(reverse("organisations:list")).content.decode()
    assert "Manchester" not in listing and "North West" in listing


def test_saving_settings_keeps_a_retired_place_the_organisation_serves(
    client_for, owner, org: Organisation, city: Place
) -> None:
    retire(city)
    elsewhere = PlaceFactory(name="Old town", slug="old-town", level="county", parent=city.parent)
    retire(elsewhere)
    client = client_for(owner)
    url = reverse("organisations:settings", args=[org.slug])
    page = client.get(url).content.decode()
    assert f'value="{city.pk}" selected' in page and "Old town" not in page
    response = client.post(
        url,
        {
            "name": org.name,
            "kind": org.kind,
            "description": "Gentle walks every Tuesday and Thursday.",
            "places": [str(city.pk)],
            "contact_email": org.contact_email,
            "submission_key": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert list(org.places.all()) == [city]
    assert org.description == "Gentle walks every Tuesday and Thursday."
    # Another retired place can't be added.
    refused = client.post(
        url,
        {
            "name": org.name,
            "kind": org.kind,
            "description": org.description,
            "places": [str(city.pk), str(elsewhere.pk)],
            "submission_key": str(uuid.uuid4()),
        },
    )
    assert refused.status_code == 200
    assert list(org.places.all()) == [city]
