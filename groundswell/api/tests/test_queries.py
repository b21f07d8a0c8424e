"""Each list and detail costs a fixed number of queries, however many rows it shows."""

from __future__ import annotations

import pytest

from groundswell.core.testing.factories import (
    CommentFactory,
    PlaceFactory,
    StoryFactory,
    TopicFactory,
)
from groundswell.stories import searching as search_services
from groundswell.stories.models import Status

pytestmark = pytest.mark.django_db

# Token lookup (1) + the rate-limit counts, all in one statement (1) + at most: last-used write
# (1), and the endpoint's own reads.
ENDPOINTS = {
    "/api/stories?limit=50": 6,
    "/api/stories?limit=50&sort=popular&topic=t-0&place=place-nation": 8,
    "/api/stories/{story}": 5,
    "/api/stories/{story}/comments?limit=50": 5,
    "/api/topics?limit=100": 3,
    "/api/places?limit=100&within=place-nation": 4,
    "/api/search?q=diagnosis": 9,
    "/api/me": 3,
    "/api/me/stories?limit=50": 5,
}


@pytest.fixture
def many(owner):
    topics = [TopicFactory(slug=f"t-{i}", name=f"Topic {i}") for i in range(5)]
    nation = PlaceFactory(slug="place-nation", name="Nation")
    places = [PlaceFactory(parent=nation, level="region") for _ in range(5)]
    stories = [
        StoryFactory(
            author=owner,
            topics=topics[:3],
            place=places[i % 5],
            identity=["named", "anonymous"][i % 2],
        )
        for i in range(25)
    ]
    StoryFactory(author=owner, status=Status.DRAFT, published_at=None)
    for _ in range(25):
        CommentFactory(story=stories[0])
    for story in stories:
        search_services.index_story(story.pk)
    return stories[0]


@pytest.mark.parametrize("path", list(ENDPOINTS))
def test_query_count_does_not_grow_with_rows(api, owner, many, path, django_assert_max_num_queries):
    client = api(owner, scope="read")
    client.get("/api/me")  # the first use writes last_used_at; later uses don't
    url = path.format(story=many.pk)
    with django_assert_max_num_queries(ENDPOINTS[path]):
        response = client.get(url)
    assert response.status_code == 200
    body = response.json()
    rows = body.get("items") or body.get("results") or [body]
    assert len(rows) >= 1


def test_anonymous_reads_need_no_session_or_token_queries(api, many, django_assert_max_num_queries):
    # The rate-limit counts (1) and the endpoint's reads: no session, user or token lookups.
    with django_assert_max_num_queries(4):
        assert api().get("/api/stories?limit=50").status_code == 200
