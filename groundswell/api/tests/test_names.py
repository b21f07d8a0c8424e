"""The API refuses the pseudonyms the sharing form refuses (accounts/names.py)."""

from __future__ import annotations

import pytest

from groundswell.core.testing.factories import StoryFactory, TopicFactory, UserFactory
from groundswell.stories.models import Story

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic():
    return TopicFactory(slug="mental-health", name="Mental health")


def new_story(pseudonym: str) -> dict[str, object]:
    return {
        "title": "Waiting for a diagnosis",
        "body": "It took **months**.",
        "topics": ["mental-health"],
        "identity": "pseudonym",
        "pseudonym": pseudonym,
        "audience": "members",
    }


@pytest.mark.parametrize(
    ("pseudonym", "says"),
    [
        ("Min\u0430 Member", "the name another member goes by"),  # a Cyrillic а
        ("MO MODERATOR", "the name another member goes by"),
        ("Former\u200b member", "in place of a name"),
        ("olu.owner", "your own name"),
    ],
)
def test_create_refuses_a_pseudonym_that_passes_for_someone(
    api, owner, member, moderator, topic, pseudonym, says
):
    response = api(owner).post("/api/stories", new_story(pseudonym))
    assert response.status_code == 422, response.content
    issues = response.json()["detail"]
    assert any(i["loc"] == ["body", "pseudonym"] and says in i["msg"] for i in issues), issues
    assert not Story.objects.filter(author=owner).exists()


def test_create_saves_a_free_pseudonym_without_invisible_characters(api, owner, topic):
    response = api(owner).post("/api/stories", new_story("\u2066Quiet\u00ad Heron\u2069"))
    assert response.status_code == 201
    assert response.json()["byline"] == "Quiet Heron"


def test_edit_refuses_a_new_pseudonym_but_keeps_the_old_one(api, owner, member, topic):
    story = StoryFactory(author=owner, identity="pseudonym", pseudonym="River", topics=[topic])
    UserFactory(display_name="River")  # signs up after the story was shared
    client = api(owner)
    assert client.patch(f"/api/stories/{story.pk}", {"title": "New title"}).status_code == 200
    response = client.patch(f"/api/stories/{story.pk}", {"pseudonym": "Mina Member"})
    assert response.status_code == 422
    story.refresh_from_db()
    assert story.pseudonym == "River"


def test_people_carry_a_handle_not_an_id(api, owner, member):
    StoryFactory(author=owner)
    data = api(member).get("/api/stories").json()["items"][0]["author"]
    assert data["handle"] == owner.handle and "id" not in data
    assert data["profile_url"].endswith(f"/members/{owner.handle}/")
