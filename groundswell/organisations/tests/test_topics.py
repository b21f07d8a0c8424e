"""Organisations say which topics they work on (the settings form); needs about those topics
that wait for help are shown to their admins (groundswell/offers)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from groundswell.accounts.models import User
from groundswell.core.testing.factories import TopicFactory
from groundswell.organisations import services
from groundswell.organisations.models import Organisation
from groundswell.organisations.tests.conftest import make_input

pytestmark = pytest.mark.django_db


def test_created_with_topics(owner: User) -> None:
    walking = TopicFactory.create(slug="walking", name="Walking")
    org = services.organisation_create(creator=owner, data=make_input(topics=[walking]))
    assert list(org.topics.all()) == [walking]


def test_the_settings_form_saves_topics(org: Organisation, owner: User, client_for: Any) -> None:
    food = TopicFactory.create(slug="food", name="Food")
    client = client_for(owner)
    page = client.get(reverse("organisations:settings", args=[org.slug])).content.decode()
    assert "Topics it works on" in page
    response = client.post(
        reverse("organisations:settings", args=[org.slug]),
        {
            "name": org.name,
            "kind": org.kind,
            "description": org.description,
            "topics": [food.pk],
            "contact_email": org.contact_email,
        },
    )
    assert response.status_code == 302
    assert list(org.topics.all()) == [food]
