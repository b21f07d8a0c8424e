"""Pages run a fixed number of queries whatever the data size."""

from __future__ import annotations

import pytest
from django.urls import reverse

from groundswell.core.testing.factories import (
    CommentFactory,
    PlaceFactory,
    StoryFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def populate(n: int, topic, place):
    for _ in range(n):
        story = StoryFactory(topics=[topic, TopicFactory()], place=place, author=UserFactory())
        parent = None
        for _ in range(3):
            parent = CommentFactory(story=story, parent=parent)


@pytest.mark.parametrize("size", [3, 25])
@pytest.mark.parametrize("signed_in", [False, True])
def test_list_pages_have_bounded_queries(
    size, signed_in, client_for, member, django_assert_max_num_queries, settings
):
    settings.FEED_PAGE_SIZE = 20
    topic = TopicFactory(slug="health")
    nation = PlaceFactory(slug="england")
    city = PlaceFactory(slug="leeds", level="county", parent=nation)
    populate(size, topic, city)
    # The profile page lists stories, and is only found when it shows something.
    StoryFactory.create_batch(size, author=member, topics=[topic, TopicFactory()], place=city)
    client = client_for(member if signed_in else None)
    urls = [
        "/",
        "/?sort=popular",
        reverse("stories:kind_list", args=["stories"]),
        reverse("topics:detail", args=["health"]),
        reverse("places:detail", args=["england"]),
        reverse("topics:index"),
        reverse("places:index"),
        reverse("stories:feed_site"),
        reverse("accounts:profile", args=[member.handle]),
    ]
    for url in urls:
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("comments", [2, 60])
def test_story_page_has_bounded_queries(
    comments, client_for, member, django_assert_max_num_queries
):
    place = PlaceFactory(slug="wales")
    story = StoryFactory(
        topics=[TopicFactory(), TopicFactory()], place=PlaceFactory(level="county", parent=place)
    )
    parent = None
    for i in range(comments):
        parent = CommentFactory(story=story, parent=parent if i % 3 else None, author=UserFactory())
    for i in range(6):
        other = StoryFactory(topics=list(story.topics.all()))
        story.relations.create(related=other, score=1.0 - i / 10)
    for viewer in (None, member):
        client = client_for(viewer)
        with django_assert_max_num_queries(14):
            response = client.get(reverse("stories:detail", args=[story.pk]))
            assert response.status_code == 200
            assert "Related stories" in response.content.decode()


@pytest.mark.parametrize("comments", [2, 60])
def test_member_story_page_from_the_shared_copy_has_four_queries(
    comments, client_for, member, outsider, django_assert_num_queries
):
    """Session, member, content version, one for the member's marks, counts and email, and one
    for each count of their own in the navigation (unread notifications, messages)."""
    from groundswell.core.marks import personal_count_keys

    assert "count:notifications" in personal_count_keys()
    story = StoryFactory(topics=[TopicFactory()], place=PlaceFactory(slug="wales"))
    for i in range(comments):
        CommentFactory(story=story, author=member if i % 2 else UserFactory())
    url = reverse("stories:detail", args=[story.pk])
    client_for(outsider).get(url)  # builds the shared copy
    client = client_for(member)
    with django_assert_num_queries(4 + len(personal_count_keys())):
        response = client.get(url)
    assert response["X-Page-Cache"] == "member-hit"
