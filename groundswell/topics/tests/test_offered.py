"""Retired topics and places are offered nowhere a person chooses one (Topic.objects.for_choice,
Place.objects.for_choice); what already has one keeps it when its form is saved."""

from __future__ import annotations

import uuid
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from groundswell.accounts.services import profile_get_or_create
from groundswell.api.services import token_create
from groundswell.api.tests.conftest import ApiClient
from groundswell.core.testing.factories import PlaceFactory, StoryFactory, TopicFactory
from groundswell.places.models import Place
from groundswell.stories.models import Audience, Identity, Story
from groundswell.topics.models import Topic

pytestmark = pytest.mark.django_db


class Choices(HTMLParser):
    """The values each field of a page's forms offers, and which are chosen, as a browser sees."""

    def __init__(self) -> None:
        super().__init__()
        self.offered: dict[str, set[str]] = {}
        self.chosen: dict[str, set[str]] = {}
        self._select: str | None = None

    def _add(self, name: str, value: str, chosen: bool) -> None:
        self.offered.setdefault(name, set()).add(value)
        if chosen:
            self.chosen.setdefault(name, set()).add(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select:
            self._add(self._select, a.get("value") or "", "selected" in a)
        elif tag == "input" and a.get("type") in {"checkbox", "radio"}:
            self._add(a.get("name") or "", a.get("value") or "", "checked" in a)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


def choices(response: Any) -> Choices:
    assert response.status_code == 200
    parser = Choices()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def topics(db: None) -> tuple[Topic, Topic]:
    """(current, retired)"""
    return (
        TopicFactory(name="Carers", slug="carers"),
        TopicFactory(name="Old topic", slug="old-topic", retired_at=timezone.now()),
    )


@pytest.fixture
def places(db: None) -> tuple[Place, Place]:
    """(current, retired): two counties in England."""
    england = PlaceFactory(name="England", slug="england")
    return (
        PlaceFactory(name="Leeds", slug="leeds", level="county", parent=england),
        PlaceFactory(name="Old county", slug="old-county", level="county", parent=england),
    )


@pytest.fixture
def retired_place(places: tuple[Place, Place]) -> Place:
    Place.objects.filter(pk=places[1].pk).update(retired_at=timezone.now())
    places[1].refresh_from_db()
    return places[1]


def share_post(topic_ids: list[int], place: Place | None, **overrides: Any) -> dict[str, Any]:
    return {
        "kind": "story",
        "title": "Ask for the discharge plan",
        "body": "Ask the ward for it in writing.",
        "topics": [str(pk) for pk in topic_ids],
        "place": str(place.pk) if place else "",
        "identity": Identity.NAMED,
        "pseudonym": "",
        "audience": Audience.PUBLIC,
        "image_alt": "",
        "submission_key": str(uuid.uuid4()),
        "action": "save",
        **overrides,
    }


# The share form


def test_the_share_form_offers_only_current_topics_and_places(
    client_for, owner, topics, places, retired_place
) -> None:
    form = choices(client_for(owner).get(reverse("stories:create")))
    assert form.offered["topics"] == {str(topics[0].pk)}
    assert form.offered["place"] == {"", str(places[0].pk), str(places[0].parent_id)}


def test_sharing_under_a_retired_topic_or_place_is_refused_beside_the_field(
    client_for, owner, topics, retired_place
) -> None:
    response = client_for(owner).post(
        reverse("stories:create"), share_post([topics[1].pk], retired_place)
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose topics from the list." in page and "Choose a place from the list." in page
    assert "Ask for the discharge plan" in page  # what was typed is kept
    assert not Story.objects.exists()


def test_editing_a_story_keeps_its_retired_topic_and_place(
    client_for, owner, topics, places, retired_place
) -> None:
    current, retired = topics
    other_retired = TopicFactory(name="Another old one", retired_at=timezone.now())
    story = StoryFactory(author=owner, topics=[retired], place=retired_place)
    client = client_for(owner)
    form = choices(client.get(reverse("stories:edit", args=[story.pk])))
    # Its own retired topic and place are there, still chosen; other retired ones are not.
    assert form.offered["topics"] == {str(current.pk), str(retired.pk)}
    assert form.chosen["topics"] == {str(retired.pk)}
    assert str(other_retired.pk) not in form.offered["topics"]
    assert form.chosen["place"] == {str(retired_place.pk)}
    # Saved as the page showed it, with new words: nothing is dropped.
    response = client.post(
        reverse("stories:edit", args=[story.pk]),
        share_post([retired.pk], retired_place, title=story.title, body="Edited words."),
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.body == "Edited words."
    assert list(story.topics.all()) == [retired] and story.place == retired_place
    # A retired topic the story does not have still can't be added.
    refused = client.post(
        reverse("stories:edit", args=[story.pk]),
        share_post([retired.pk, other_retired.pk], None, title=story.title),
    )
    assert refused.status_code == 200 and "Choose topics from the list." in refused.text
    assert list(story.topics.all()) == [retired]


def test_the_home_page_lists_only_current_topics(client, topics) -> None:
    page = client.get(reverse("stories:home")).content.decode()
    assert "Carers" in page and "Old topic" not in page


# The profile form


def test_the_profile_form_offers_only_current_topics_and_places_and_keeps_its_own(
    client_for, member, topics, places, retired_place
) -> None:
    current, retired = topics
    profile = profile_get_or_create(user=member)
    profile.topics.set([retired])
    profile.home_place = retired_place
    profile.save(update_fields=["home_place"])
    client = client_for(member)
    form = choices(client.get(reverse("accounts:profile_edit")))
    assert form.offered["topics"] == {str(current.pk), str(retired.pk)}
    assert form.chosen["home_place"] == {str(retired_place.pk)}
    response = client.post(
        reverse("accounts:profile_edit"),
        {
            "display_name": member.display_name,
            "home_place": str(retired_place.pk),
            "topics": [str(retired.pk), str(current.pk)],
            **{
                f"{f}_visibility": "members"
                for f in ("pronouns", "bio", "roles", "home_place", "topics")
            },
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.home_place == retired_place
    assert set(profile.topics.all()) == {current, retired}


def test_someone_else_is_not_offered_the_retired_topic_or_place(
    client_for, outsider, topics, places, retired_place
) -> None:
    form = choices(client_for(outsider).get(reverse("accounts:profile_edit")))
    assert form.offered["topics"] == {str(topics[0].pk)}
    assert str(retired_place.pk) not in form.offered["home_place"]
    assert str(places[0].pk) in form.offered["home_place"]


# Search filters


def test_search_filters_offer_only_current_topics_and_places(
    client, topics, places, retired_place
) -> None:
    form = choices(client.get(reverse("search:search")))
    assert form.offered["topic"] == {"", "carers"}
    assert "leeds" in form.offered["place"] and "old-county" not in form.offered["place"]


# Pre-moderation rules


def test_a_new_pre_moderation_rule_is_offered_only_current_topics_and_places(
    client_for, moderator, topics, places, retired_place
) -> None:
    form = choices(client_for(moderator).get(reverse("moderation:premoderation")))
    assert form.offered["topic"] == {"", str(topics[0].pk)}
    assert str(retired_place.pk) not in form.offered["place"]
    assert str(places[0].pk) in form.offered["place"]


# The API


def api_for(user: Any) -> ApiClient:
    _, secret = token_create(user=user, name="test", scope="write", expires_in_days=None)
    return ApiClient(secret)


def test_the_api_catalogue_lists_only_current_topics_and_places(
    topics, places, retired_place
) -> None:
    api = ApiClient()
    topic_slugs = [t["slug"] for t in api.get("/api/topics").json()["items"]]
    place_slugs = [p["slug"] for p in api.get("/api/places").json()["items"]]
    assert topic_slugs == ["carers"]
    assert place_slugs == ["england", "leeds"]


def test_the_api_refuses_a_retired_topic_or_place_for_a_new_story(
    owner, topics, retired_place
) -> None:
    body = {"title": "T", "body": "B", "identity": "named", "audience": "public"}
    client = api_for(owner)
    response = client.post("/api/stories", {**body, "topics": ["old-topic"]})
    assert response.status_code == 422 and "old-topic" in response.text
    response = client.post(
        "/api/stories", {**body, "topics": ["carers"], "place": retired_place.slug}
    )
    assert response.status_code == 422 and "no longer offered" in response.text
    assert not Story.objects.exists()


def test_the_api_keeps_a_storys_retired_topic_and_place_when_editing(
    owner, topics, retired_place
) -> None:
    current, retired = topics
    story = StoryFactory(author=owner, topics=[retired], place=retired_place)
    client = api_for(owner)
    url = f"/api/stories/{story.pk}"
    assert client.patch(url, {"title": "New title"}).status_code == 200
    sent_back = {"topics": ["old-topic", "carers"], "place": retired_place.slug}
    assert client.patch(url, sent_back).status_code == 200
    story.refresh_from_db()
    assert set(story.topics.all()) == {retired, current} and story.place == retired_place
