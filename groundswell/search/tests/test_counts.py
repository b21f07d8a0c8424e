"""The number of results counts only what the person searching may see, from the moment a story
goes: withdrawn, its account deleted, or hidden before the index hears of it (web and API)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from groundswell.accounts.models import User
from groundswell.api.services import token_create
from groundswell.api.tests.conftest import ApiClient
from groundswell.core.testing.factories import StoryFactory
from groundswell.privacy import services as privacy_services
from groundswell.stories import searching
from groundswell.stories import services as story_services
from groundswell.stories.models import Story

pytestmark = pytest.mark.django_db

URL = reverse("search:search")
WORD = "axolotl"  # in one story only


@pytest.fixture
def two_stories(owner: User, member: User) -> Iterator[Story]:
    """The story with the word, and a newer one without it (so the newest document stays)."""
    story = StoryFactory.create(author=owner, title=f"The {WORD} at the clinic")
    searching.index_story(story.pk)
    newer = StoryFactory.create(author=member, title="Walking group")
    searching.index_story(newer.pk)
    yield story


def web_count(client: Client) -> str:
    html = client.get(URL, {"q": WORD}).content.decode()
    start = html.index('<p class="result-count" role="status">')
    return html[start : html.index("</p>", start)].split(">", 1)[1]


def api_total(user: User | None = None) -> Any:
    secret = (
        token_create(user=user, name="search", scope="read", expires_in_days=None)[1]
        if user
        else None
    )
    return ApiClient(secret).get("/api/search", {"q": WORD}).json()["total"]


@pytest.fixture
def searched_before(
    two_stories: Story,
    client_for: Callable[..., Client],
    member: User,
) -> Story:
    """Visitors, members and the API have all searched for the word once (1 result each)."""
    for client in (client_for(None), client_for(member)):
        assert web_count(client).startswith("1 result ")
    assert api_total() == 1 and api_total(member) == 1
    return two_stories


def assert_no_results(client_for: Callable[..., Client], member: User) -> None:
    for client in (client_for(None), client_for(member)):
        assert web_count(client).startswith("0 results ")
    assert api_total() == 0 and api_total(member) == 0


def test_a_withdrawn_story_is_not_counted_straight_away(
    searched_before: Story,
    owner: User,
    member: User,
    client_for: Callable[..., Client],
    django_capture_on_commit_callbacks: Callable[..., AbstractContextManager[Any]],
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        story_services.story_withdraw(story=searched_before, actor=owner)
    assert_no_results(client_for, member)


def test_a_deleted_accounts_story_is_not_counted_straight_away(
    searched_before: Story,
    owner: User,
    member: User,
    client_for: Callable[..., Client],
    django_capture_on_commit_callbacks: Callable[..., AbstractContextManager[Any]],
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        privacy_services.account_delete(user=owner, mode="everything")
    assert_no_results(client_for, member)


def test_a_story_hidden_before_the_index_hears_of_it_is_not_counted(
    searched_before: Story,
    member: User,
    client_for: Callable[..., Client],
) -> None:
    # As between a change committing and the index catching up with it.
    Story.objects.filter(pk=searched_before.pk).update(is_hidden=True)
    assert_no_results(client_for, member)


def test_an_edited_title_is_counted_by_its_new_words(
    searched_before: Story,
    member: User,
    client_for: Callable[..., Client],
) -> None:
    Story.objects.filter(pk=searched_before.pk).update(title="A newt at the clinic")
    searching.index_story(searched_before.pk)
    assert_no_results(client_for, member)
