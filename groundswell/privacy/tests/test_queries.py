"""Data-rights pages run a fixed number of queries whatever the amount of data."""

from __future__ import annotations

import pytest
from django.urls import reverse

from groundswell.core.testing.factories import CommentFactory, StoryFactory
from groundswell.privacy import services
from groundswell.privacy.tests.factories import write_story
from groundswell.stories import services as story_services

pytestmark = pytest.mark.django_db


def populate(owner, n):
    for i in range(n):
        story = write_story(owner, title=f"Story {i}")
        CommentFactory(story=story, author=owner)
        if i % 3 == 0:
            story_services.story_withdraw(story=story, actor=owner)
    StoryFactory(author=owner, status="draft", published_at=None)


@pytest.mark.parametrize("size", [2, 20])
def test_pages_have_bounded_queries(size, owner, client_for, django_assert_max_num_queries):
    populate(owner, size)
    for _ in range(2):
        export, _ = services.export_request(user=owner)
        services.export_build(export_id=export.pk)
    client = client_for(owner)
    for url in (reverse("privacy:data"), reverse("privacy:consents"), reverse("privacy:delete")):
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200
    with django_assert_max_num_queries(3):
        assert client_for(None).get(reverse("privacy:deleted")).status_code == 200
