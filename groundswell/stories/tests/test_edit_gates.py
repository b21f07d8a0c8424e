"""Edits run the publish gates: a published story moved by an edit into a place or topic where new
members' posts are checked first is held for review, as publishing it there would have been; new
crisis words in an edit alert moderators, as on publishing. Through the web form and the API."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from groundswell.accounts.models import User
from groundswell.api.services import token_create
from groundswell.api.tests.conftest import ApiClient
from groundswell.core.testing.factories import PlaceFactory, TopicFactory, UserFactory
from groundswell.moderation import services as moderation_services
from groundswell.places.models import Place
from groundswell.safeguarding.models import SafeguardingAlert
from groundswell.safeguarding.services import alert_acknowledge
from groundswell.search.models import SearchDocument
from groundswell.stories import services
from groundswell.stories.models import HiddenCause, Status, Story
from groundswell.topics.models import Topic

pytestmark = pytest.mark.django_db

OnCommit = Callable[..., AbstractContextManager[Any]]
CRISIS = "Since they stopped my medication I've been feeling suicidal."


@pytest.fixture
def topic(db: None) -> Topic:
    return TopicFactory.create(slug="carers", name="Carers")


@pytest.fixture
def checked_place(moderator: User) -> Place:
    """A place where new members' posts are checked by a moderator first."""
    place = PlaceFactory.create(slug="splott", name="Splott")
    moderation_services.premoderation_rule_create(actor=moderator, place=place)
    return place


@pytest.fixture
def checked_topic(moderator: User) -> Topic:
    checked = TopicFactory.create(slug="self-harm", name="Self-harm")
    moderation_services.premoderation_rule_create(actor=moderator, topic=checked)
    return checked


def published(
    author: User, topic: Topic, *, body: str = "It helped to talk.", **fields: Any
) -> Story:
    """A published story (nowhere in particular unless a place is given)."""
    data = services.StoryInput(
        kind="story", title="Finding a carers' group", body=body, topics=[topic], **fields
    )
    draft = services.story_save_draft(author=author, data=data)
    return services.story_publish(story=draft, actor=author, consented=True)


def edit_form(story: Story, **overrides: Any) -> dict[str, Any]:
    data = {
        "kind": story.kind,
        "title": story.title,
        "body": story.body,
        "topics": [str(t.pk) for t in story.topics.all()],
        "place": str(story.place_id or ""),
        "identity": story.identity,
        "pseudonym": story.pseudonym,
        "audience": story.audience,
        "image_alt": "",
        "submission_key": str(uuid.uuid4()),
        "action": "save",
    }
    data.update(overrides)
    return data


def api_for(user: User) -> ApiClient:
    return ApiClient(token_create(user=user, name="app", scope="write", expires_in_days=None)[1])


def assert_held_and_out_of_sight(story: Story) -> None:
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED
    assert story.is_hidden and story.hidden_cause == HiddenCause.PREMODERATION
    assert Client().get(reverse("stories:detail", args=[story.pk])).status_code == 404
    assert story.title not in Client().get(reverse("stories:home")).content.decode()
    assert not SearchDocument.objects.filter(item_id=story.item_id).exists()


# -- the web form -----------------------------------------------------------------------------


def test_moving_a_new_members_story_into_a_checked_place_holds_it_and_says_so(
    client_for: Callable[..., Client],
    owner: User,
    topic: Topic,
    checked_place: Place,
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    story = published(owner, topic)
    assert story.is_published  # not held where it was
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(owner).post(
            reverse("stories:edit", args=[story.pk]),
            edit_form(story, place=str(checked_place.pk)),
            follow=True,
        )
    assert "a moderator will check this story before it appears to others" in response.text
    assert_held_and_out_of_sight(story)
    # The author still sees it, with why it is waiting.
    assert client_for(owner).get(reverse("stories:detail", args=[story.pk])).status_code == 200


def test_adding_a_checked_topic_to_a_new_members_story_holds_it(
    client_for: Callable[..., Client],
    owner: User,
    topic: Topic,
    checked_topic: Topic,
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    story = published(owner, topic)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(owner).post(
            reverse("stories:edit", args=[story.pk]),
            edit_form(story, topics=[str(topic.pk), str(checked_topic.pk)]),
        )
    assert_held_and_out_of_sight(story)


def test_an_established_members_edit_into_a_checked_place_stays_live(
    client_for: Callable[..., Client], topic: Topic, checked_place: Place
) -> None:
    old_hand = UserFactory.create(date_joined=timezone.now() - timedelta(days=90))
    story = published(old_hand, topic)
    client_for(old_hand).post(
        reverse("stories:edit", args=[story.pk]), edit_form(story, place=str(checked_place.pk))
    )
    story.refresh_from_db()
    assert story.place_id == checked_place.pk and story.is_published


def test_an_approved_story_reworded_by_a_new_member_is_checked_again(
    client_for: Callable[..., Client],
    owner: User,
    moderator: User,
    topic: Topic,
    checked_place: Place,
) -> None:
    story = published(owner, topic, place=checked_place)
    assert story.is_held_for_review  # publishing there held it
    moderation_services.item_restore(item=story, actor=moderator)
    client_for(owner).post(
        reverse("stories:edit", args=[story.pk]),
        edit_form(story, body="Something else entirely, with a link to my shop."),
    )
    story.refresh_from_db()
    assert story.is_held_for_review


def test_new_crisis_words_in_an_edit_alert_moderators(
    client_for: Callable[..., Client],
    owner: User,
    topic: Topic,
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    story = published(owner, topic)
    assert not SafeguardingAlert.objects.filter(item=story.item).exists()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(owner).post(
            reverse("stories:edit", args=[story.pk]), edit_form(story, body=CRISIS)
        )
    assert SafeguardingAlert.objects.open().filter(item=story.item).exists()


def test_correcting_a_story_without_new_crisis_words_does_not_alert_again(
    client_for: Callable[..., Client],
    owner: User,
    moderator: User,
    topic: Topic,
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        story = published(owner, topic, body=CRISIS)
    alert = SafeguardingAlert.objects.open().get(item=story.item)
    alert_acknowledge(alert=alert, actor=moderator, note="Rang them; they have support.")
    with django_capture_on_commit_callbacks(execute=True):
        client_for(owner).post(
            reverse("stories:edit", args=[story.pk]),
            edit_form(story, body=CRISIS + " Thanks for reading."),
        )
    assert not SafeguardingAlert.objects.open().filter(item=story.item).exists()


# -- the API ----------------------------------------------------------------------------------


def test_api_patch_moving_a_new_members_story_into_a_checked_place_holds_it(
    owner: User, topic: Topic, checked_place: Place, django_capture_on_commit_callbacks: OnCommit
) -> None:
    story = published(owner, topic)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_for(owner).patch(f"/api/stories/{story.pk}", {"place": checked_place.slug})
    assert response.status_code == 200
    assert response.json()["is_hidden"] is True
    assert ApiClient().get(f"/api/stories/{story.pk}").status_code == 404
    assert_held_and_out_of_sight(story)


def test_api_patch_adding_a_checked_topic_holds_it(
    owner: User, topic: Topic, checked_topic: Topic, django_capture_on_commit_callbacks: OnCommit
) -> None:
    story = published(owner, topic)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_for(owner).patch(
            f"/api/stories/{story.pk}", {"topics": [topic.slug, checked_topic.slug]}
        )
    assert response.json()["is_hidden"] is True
    assert_held_and_out_of_sight(story)


def test_api_changing_audience_and_place_is_held_when_published_again(
    owner: User, topic: Topic, checked_place: Place, django_capture_on_commit_callbacks: OnCommit
) -> None:
    story = published(owner, topic)
    client = api_for(owner)
    edited = client.patch(
        f"/api/stories/{story.pk}", {"audience": "members", "place": checked_place.slug}
    )
    assert edited.json()["status"] == "draft"
    notice = client.get(f"/api/stories/{story.pk}/consent").json()
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(
            f"/api/stories/{story.pk}/publish",
            {"consent": True, "notice_version": notice["notice_version"]},
        )
    assert again.json()["is_hidden"] is True
    story.refresh_from_db()
    assert story.is_held_for_review
