"""The organisers' gap view links to "add an asset" with the place and topic nobody serves yet."""

from __future__ import annotations

from typing import Any

import pytest

from groundswell.places.models import Place
from groundswell.topics.models import Topic
from groundswell.topics.tests.test_offered import Choices

pytestmark = pytest.mark.django_db


def _selected(html: str, name: str) -> list[str]:
    choices = Choices()
    choices.feed(html)
    assert name in choices.offered
    return sorted(choices.chosen.get(name, set()))


def test_add_form_starts_with_the_gap_views_place_and_topic(
    client_for: Any, member: Any, leeds: Place, topic: Topic
) -> None:
    page = client_for(member).get(f"/assets/add/?place={leeds.pk}&topics={topic.pk}")
    assert _selected(page.content.decode(), "place") == [str(leeds.pk)]
    assert _selected(page.content.decode(), "topics") == [str(topic.pk)]


def test_add_form_ignores_junk_in_the_link(client_for: Any, member: Any) -> None:
    page = client_for(member).get("/assets/add/?place=nowhere&topics=x&topics=99999")
    assert page.status_code == 200
    assert _selected(page.content.decode(), "place") == []
