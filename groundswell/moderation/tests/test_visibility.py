"""Hidden and held content never shows up anywhere except to its author and moderators."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from groundswell.core.testing.factories import StoryFactory, UserFactory
from groundswell.moderation import services
from groundswell.stories import services as story_services
from groundswell.stories.models import Story
from groundswell.stories.searching import index_story

pytestmark = pytest.mark.django_db

HIDDEN_WORDS = ["Aardvark", "Bumblebee", "Capybara"]
VISIBLE_WORD = "Dolphin"


@pytest.fixture
def content(
    owner, moderator, topic, region, settings, django_capture_on_commit_callbacks
) -> dict[str, Any]:
    """A visible story, and three by the same author that are hidden, held after reports and
    held by pre-moderation, all in the same topic and place, all once in the search index."""

    def make(word: str) -> Story:
        return StoryFactory.create(
            author=owner,
            title=f"{word} days at the clinic",
            body=f"{word} notes about waiting.",
            topics=[topic],
            place=region,
        )

    visible, hidden, reported, premoderated = (make(w) for w in [VISIBLE_WORD, *HIDDEN_WORDS])
    with django_capture_on_commit_callbacks(execute=True):
        for s in (visible, hidden, reported, premoderated):
            index_story(s.pk)
    settings.MODERATION_AUTO_HOLD_REPORTS = 1
    with django_capture_on_commit_callbacks(execute=True):
        services.item_hide(item=hidden, actor=moderator, reason="Hidden for a test")
        story_services.report_create(reporter=UserFactory(), reason="spam", story=reported)
        # Pre-moderation holds at publish time; simulate the already-published story being held.
        services.premoderation_rule_create(actor=moderator, topic=topic)
        Story.objects.filter(pk=premoderated.pk).update(status="draft")
        premoderated.status = "draft"
        story_services.story_publish(story=premoderated, actor=owner, consented=True)
    for s in (hidden, reported, premoderated):
        s.refresh_from_db()
        assert s.is_hidden, s.title
    assert reported.is_held_for_review and premoderated.is_held_for_review
    return {"visible": visible, "hidden": [hidden, reported, premoderated]}


def assert_only_visible(text: str) -> None:
    assert VISIBLE_WORD in text
    for word in HIDDEN_WORDS:
        assert word not in text, word


def pages(topic: Any, region: Any) -> list[str]:
    return [
        reverse("stories:home"),
        reverse("stories:kind_list", args=["stories"]),
        reverse("topics:detail", args=[topic.slug]),
        reverse("places:detail", args=[region.slug]),
        reverse("places:detail", args=[region.parent.slug]),
        reverse("stories:feed_site"),
        reverse("topics:feed", args=[topic.slug]),
        reverse("places:feed", args=[region.slug]),
    ]


@pytest.mark.parametrize("viewer", ["anonymous", "member"])
def test_lists_and_feeds_leave_out_hidden_and_held(
    client_for, content, topic, region, member, viewer
):
    client = client_for(member if viewer == "member" else None)
    for url in pages(topic, region):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_only_visible(response.content.decode())


@pytest.mark.parametrize("viewer", ["anonymous", "member"])
def test_search_leaves_out_hidden_and_held(client_for, content, member, viewer):
    client = client_for(member if viewer == "member" else None)
    for word in [VISIBLE_WORD, *HIDDEN_WORDS]:
        text = client.get(reverse("search:search"), {"q": word}).content.decode()
        assert (f"<mark>{word}</mark> days at the clinic" in text) == (word == VISIBLE_WORD), word


def test_api_leaves_out_hidden_and_held(client, content):
    response = client.get("/api/stories")
    assert response.status_code == 200
    assert_only_visible(response.content.decode())


def test_related_stories_leave_out_hidden_and_held(client_for, content, member):
    visible = content["visible"]
    for i, other in enumerate(content["hidden"]):
        visible.relations.create(related=other, score=1.0 - i / 10)
    extra = StoryFactory(title=f"{VISIBLE_WORD} related one")
    visible.relations.create(related=extra, score=0.1)
    text = client_for(member).get(reverse("stories:detail", args=[visible.pk])).content.decode()
    assert "Related stories" in text and "Dolphin related one" in text
    for word in HIDDEN_WORDS:
        assert word not in text


@pytest.mark.parametrize("viewer", ["anonymous", "member"])
def test_authors_profile_leaves_out_hidden_and_held_for_others(
    client_for, content, owner, member, viewer
):
    client = client_for(member if viewer == "member" else None)
    assert_only_visible(
        client.get(reverse("accounts:profile", args=[owner.handle])).content.decode()
    )


def test_hidden_and_held_pages_are_404_for_others(client_for, content, member):
    for story in content["hidden"]:
        assert client_for(member).get(reverse("stories:detail", args=[story.pk])).status_code == 404
        assert client_for(None).get(reverse("stories:detail", args=[story.pk])).status_code == 404


def test_author_still_sees_their_held_and_hidden_stories(client_for, content, owner):
    client = client_for(owner)
    mine = client.get(reverse("stories:my_stories")).content.decode()
    for word in HIDDEN_WORDS:
        assert word in mine
    reported, premoderated = content["hidden"][1], content["hidden"][2]
    assert (
        "Several members reported this"
        in client.get(reverse("stories:detail", args=[reported.pk])).content.decode()
    )
    assert (
        "checked by a moderator before they appear"
        in client.get(reverse("stories:detail", args=[premoderated.pk])).content.decode()
    )


def test_approved_story_comes_back_everywhere(
    client_for, content, moderator, topic, region, django_capture_on_commit_callbacks
):
    premoderated = content["hidden"][2]
    with django_capture_on_commit_callbacks(execute=True):
        services.item_restore(item=premoderated, actor=moderator)
    client = client_for(None)
    for url in pages(topic, region):
        assert "Capybara" in client.get(url).content.decode(), url
    found = client.get(reverse("search:search"), {"q": "Capybara"}).content.decode()
    assert "<mark>Capybara</mark> days at the clinic" in found
