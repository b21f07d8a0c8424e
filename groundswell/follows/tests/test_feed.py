from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from groundswell.core.testing.factories import (
    PlaceFactory,
    StoryFactory,
    TopicFactory,
    UserFactory,
)
from groundswell.follows import selectors, services
from groundswell.organisations import services as org_services
from groundswell.stories.models import Identity

pytestmark = pytest.mark.django_db


def _titles(user, **kwargs):
    return [s.title for s in selectors.following_feed(user, **kwargs).items]


def test_person_follow_shows_only_what_they_share_under_their_own_name(member, owner):
    services.follow_create(follower=member, kind="person", target=owner)
    StoryFactory(author=owner, title="Named")
    StoryFactory(author=owner, title="Pseudonymous", identity="pseudonym", pseudonym="Quiet Fox")
    StoryFactory(author=owner, title="Anonymous", identity="anonymous")
    StoryFactory(title="Someone else's")
    assert _titles(member) == ["Named"]


def test_pseudonymous_story_in_a_followed_topic_is_shown_without_the_person(member, owner):
    topic = TopicFactory()
    services.follow_create(follower=member, kind="person", target=owner)
    services.follow_create(follower=member, kind="topic", target=topic)
    StoryFactory(
        author=owner,
        title="Hidden name",
        identity="pseudonym",
        pseudonym="Quiet Fox",
        topics=[topic],
    )
    page = selectors.following_feed(member)
    assert [s.byline for s in page.items] == ["Quiet Fox"]


def test_topics_and_places_including_places_within(member):
    topic = TopicFactory()
    region = PlaceFactory()
    city = PlaceFactory(parent=region, level="region")
    services.follow_create(follower=member, kind="topic", target=topic)
    services.follow_create(follower=member, kind="place", target=region)
    StoryFactory(title="In topic", topics=[topic])
    StoryFactory(title="In the city", place=city)
    StoryFactory(title="Elsewhere", place=PlaceFactory())
    assert sorted(_titles(member)) == ["In the city", "In topic"]


def test_feed_follows_the_visibility_rule(member, owner):
    services.follow_create(follower=member, kind="person", target=owner)
    StoryFactory(author=owner, title="Members only", audience="members")
    StoryFactory(author=owner, title="Draft", status="draft")
    StoryFactory(author=owner, title="Withdrawn", status="withdrawn")
    StoryFactory(author=owner, title="Hidden", is_hidden=True)
    assert _titles(member) == ["Members only"]


def test_named_stories_of_blocked_people_never_appear(member, owner):
    topic = TopicFactory()
    services.follow_create(follower=member, kind="topic", target=topic)
    StoryFactory(author=owner, title="By the blocker", topics=[topic])
    StoryFactory(title="By someone else", topics=[topic])
    services.block_create(blocker=owner, blocked=member)
    assert _titles(member) == ["By someone else"]


def test_nothing_followed_is_an_empty_page(member):
    StoryFactory()
    page = selectors.following_feed(member)
    assert page.items == [] and page.next_cursor is None


def test_newest_first_with_a_keyset_cursor(member, owner):
    services.follow_create(follower=member, kind="person", target=owner)
    now = timezone.now()
    for i in range(5):
        StoryFactory(author=owner, title=f"Story {i}", published_at=now - dt.timedelta(hours=i))
    first = selectors.following_feed(member, size=2)
    assert [s.title for s in first.items] == ["Story 0", "Story 1"]
    second = selectors.following_feed(member, size=2, cursor=first.next_cursor)
    assert [s.title for s in second.items] == ["Story 2", "Story 3"]
    assert not second.is_first


def _follow_many(user, people: int, organisations: int, topics: int, places: int) -> None:
    for _ in range(people):
        person = UserFactory()
        services.follow_create(follower=user, kind="person", target=person)
        StoryFactory(author=person)
    for n in range(organisations):
        creator = UserFactory()
        org = org_services.organisation_create(
            creator=creator,
            data=org_services.OrganisationInput(
                name=f"Carers group {n}", kind="community_group", description="Carers."
            ),
        )
        services.follow_create(follower=user, kind="organisation", target=org)
        StoryFactory(author=creator, identity=Identity.ORGANISATION, organisation=org)
    for _ in range(topics):
        topic = TopicFactory()
        services.follow_create(follower=user, kind="topic", target=topic)
        StoryFactory(topics=[topic])
    for _ in range(places):
        place = PlaceFactory()
        services.follow_create(follower=user, kind="place", target=place)
        StoryFactory(place=place)


def _following_page(client) -> tuple[int, int]:
    """(queries, story cards) of one visit to the Following page."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/following/")
    assert response.status_code == 200
    return len(queries), response.content.count(b'class="card story-card"')


def test_following_page_query_count_does_not_grow_with_follows(member, client_for):
    client = client_for(member)
    _follow_many(member, people=5, organisations=1, topics=1, places=1)
    few, cards = _following_page(client)
    assert cards == 8
    # As many as the benchmark's member: 50 people, 10 organisations, 10 topics, 5 places.
    _follow_many(member, people=45, organisations=9, topics=9, places=4)
    many, cards = _following_page(client)
    assert cards == 20
    assert few == many <= 12


def test_signed_in_home_puts_what_you_follow_first(
    member, client_for, django_assert_max_num_queries
):
    topic = TopicFactory(name="Carers")
    services.follow_create(follower=member, kind="topic", target=topic)
    StoryFactory(title="From my topic", topics=[topic])
    client = client_for(member)
    with django_assert_max_num_queries(20):
        html = client.get("/").content.decode()
    assert "From what you follow" in html
    assert html.index("From what you follow") < html.index("From my topic")
    assert "From what you follow" not in client_for(None).get("/").content.decode()


def test_an_empty_following_page_says_whether_you_follow_anything(member, client_for):
    client = client_for(member)
    assert "You don't follow anything yet." in client.get("/following/").content.decode()
    services.follow_create(follower=member, kind="topic", target=TopicFactory())
    html = client.get("/following/").content.decode()
    assert "Nothing new from what you follow yet." in html
    assert "You don't follow anything yet." not in html


def test_signed_in_home_puts_the_topics_and_place_on_your_profile_first(
    member, client_for, settings
):
    """Without following anything, the topics and home place on the person's profile bring
    their stories to the top of the home page."""
    settings.FEED_PAGE_SIZE = 5
    carers, elsewhere = TopicFactory(name="Carers"), TopicFactory(name="Gardening")
    town = PlaceFactory(name="Splott")
    a_month_ago = timezone.now() - dt.timedelta(days=30)
    StoryFactory(title="Respite at last", topics=[carers], published_at=a_month_ago)
    StoryFactory(
        title="Splott's new bench", topics=[elsewhere], place=town, published_at=a_month_ago
    )
    StoryFactory(title="Tomatoes in pots", topics=[elsewhere], published_at=a_month_ago)
    StoryFactory.create_batch(6, topics=[elsewhere])  # newer: they fill the main list
    profile = member.profile
    profile.home_place = town
    profile.save(update_fields=["home_place"])
    profile.topics.set([carers])
    html = client_for(member).get("/").content.decode()
    assert "From your topics, your place and what you follow" in html
    assert "Respite at last" in html and "Splott&#x27;s new bench" in html
    assert "Tomatoes in pots" not in html  # neither theirs nor among the newest
