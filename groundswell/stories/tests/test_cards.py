"""Story cards (stories/_card.html, filled by selectors.with_card_data): what every list page shows
of a story, read in a fixed number of queries whatever the number of cards."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groundswell.core.testing.factories import (
    PlaceFactory,
    StoryFactory,
    TopicFactory,
    UserFactory,
)
from groundswell.organisations import services as org_services
from groundswell.stories.models import Audience, Identity

pytestmark = pytest.mark.django_db


def _card(html: str, title: str) -> str:
    """The one card whose title is `title`."""
    for card in re.findall(r'<article class="card story-card".*?</article>', html, re.S):
        if f">{title}</a></h3>" in card:
            return card
    raise AssertionError(f"no card titled {title!r}")


def test_a_card_shows_its_story_as_everyone_sees_it(client_for, member):
    place = PlaceFactory(name="Leeds", slug="leeds")
    pain, sleep = TopicFactory(name="Pain", slug="pain"), TopicFactory(name="Sleep", slug="sleep")
    author = UserFactory(display_name="Asha")
    named = StoryFactory(
        title="Named one",
        author=author,
        place=place,
        topics=[sleep, pain],
        audience=Audience.MEMBERS,
        experienced_count=3,
        helped_count=1,
        comment_count=1,
    )
    StoryFactory(
        title="Pseudonymous one", author=author, identity=Identity.PSEUDONYM, pseudonym="Wren"
    )
    org = org_services.organisation_create(
        creator=author,
        data=org_services.OrganisationInput(
            name="Carers Leeds", kind="community_group", description="Carers."
        ),
    )
    StoryFactory(
        title="Organisation one", author=author, identity=Identity.ORGANISATION, organisation=org
    )
    html = client_for(member).get("/").content.decode()

    card = _card(html, "Named one")
    assert f'href="{reverse("stories:detail", args=[named.pk])}"' in card
    assert "<span>Asha</span>" in card
    assert '<a href="/places/leeds/">Leeds</a>' in card
    assert "Members only" in card
    assert "3 experienced this too" in card
    assert "1 found it helpful" in card
    assert "1 comment</span>" in card
    # Topics in name order, each a link.
    assert re.search(r'/topics/pain/">Pain</a>.*/topics/sleep/">Sleep</a>', card)
    local = timezone.localtime(named.published_at)
    assert f'<time datetime="{local.isoformat()}">{local.day} {local:%b %Y}</time>' in card

    pseudonymous = _card(html, "Pseudonymous one")
    assert "<span>Wren</span>" in pseudonymous
    assert "Asha" not in pseudonymous
    assert "Members only" not in pseudonymous
    assert 'aria-label="Topics"' not in pseudonymous
    assert "<span>Carers Leeds</span>" in _card(html, "Organisation one")


def _queries(client, url: str) -> tuple[int, bytes]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content


@pytest.mark.parametrize("signed_in", [False, True])
def test_cards_cost_the_same_queries_for_2_stories_as_for_12(client_for, member, signed_in):
    """Nothing a card shows (byline, place, topics, organisation) is read story by story: a list
    page runs as many queries for 12 cards as for 2."""
    client = client_for(member if signed_in else None)
    place = PlaceFactory()
    pages = ["/", reverse("accounts:profile", args=[member.handle])]

    def add(n: int) -> None:
        for _ in range(n):
            org = org_services.organisation_create(
                creator=UserFactory(),
                data=org_services.OrganisationInput(
                    name="Group", kind="community_group", description="A group."
                ),
            )
            StoryFactory(author=UserFactory(), topics=[TopicFactory()], place=place)
            StoryFactory(
                author=member, topics=[TopicFactory(), TopicFactory()], place=PlaceFactory()
            )
            StoryFactory(identity=Identity.ORGANISATION, organisation=org, place=place)

    add(1)
    few = {url: _queries(client, url) for url in pages}
    add(3)
    many = {url: _queries(client, url) for url in pages}
    for url in pages:
        assert many[url][0] == few[url][0], url
        # The bigger page really shows more cards.
        assert many[url][1].count(b"story-card") > few[url][1].count(b"story-card"), url


def test_the_api_story_list_reads_topics_with_the_page(client_for):
    """The API's list serialises the topics with_card_data read (story.card_topics): as many
    queries for 12 stories as for 2, every story's topics and place listed."""
    client = client_for(None)

    def add(n: int) -> None:
        for _ in range(n):
            StoryFactory(topics=[TopicFactory(), TopicFactory()], place=PlaceFactory())

    add(2)
    few, _ = _queries(client, "/api/stories")
    add(10)
    many, _ = _queries(client, "/api/stories")
    assert many == few
    items = client.get("/api/stories").json()["items"]
    assert len(items) == 12
    assert all(len(item["topics"]) == 2 and item["place"] for item in items)
