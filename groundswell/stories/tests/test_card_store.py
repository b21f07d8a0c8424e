"""Rendered story cards kept per process (stories/cards.py): reused, and never stale. Every change
a member could notice on a card shows on the next page, however it was made (services or a plain
UPDATE that bumps no version)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db.models import Prefetch
from django.template.loader import get_template

from groundswell.core.testing.factories import (
    PlaceFactory,
    StoryFactory,
    TopicFactory,
    UserFactory,
)
from groundswell.organisations import services as org_services
from groundswell.stories import cards
from groundswell.stories.models import Identity, Status, Story
from groundswell.stories.selectors import with_card_data
from groundswell.topics.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_store() -> Iterator[None]:
    cards.forget_all()
    yield
    cards.forget_all()


@pytest.fixture
def home(client_for: Callable[..., Any], member: Any) -> Callable[[], str]:
    client = client_for(member)

    def get() -> str:
        response = client.get("/")
        assert response.status_code == 200
        return response.content.decode()

    return get


def card(html: str, story: Story) -> str:
    found = re.search(
        rf'<article class="card story-card" aria-labelledby="story-{story.pk}-title">.*?</article>',
        html,
        re.S,
    )
    assert found, f"no card for story {story.pk}"
    return found.group(0)


def fresh(story: Story) -> str:
    """The card rendered now from the database, without the store."""
    (loaded,) = with_card_data(Story.objects.filter(pk=story.pk))
    return get_template(cards.TEMPLATE).render({"story": loaded})


def test_a_card_is_rendered_once_then_reused(home: Callable[[], str], monkeypatch: Any) -> None:
    stories = StoryFactory.create_batch(3, topics=[TopicFactory()], place=PlaceFactory())
    first = home()
    renders: list[Any] = []
    real = cards._render

    def counted(story: Story) -> tuple[Any, bool]:
        renders.append(story)
        return real(story)

    monkeypatch.setattr(cards, "_render", counted)
    second = home()
    assert renders == []
    for story in stories:
        assert card(second, story) == card(first, story) == card(fresh(story), story)


def test_every_change_a_member_could_notice_shows_at_once(
    home: Callable[[], str], member: Any
) -> None:
    author = UserFactory(display_name="Asha")
    place = PlaceFactory(name="Leeds", slug="leeds")
    topic = TopicFactory(name="Sleep", slug="sleep")
    story = StoryFactory(title="Before", author=author, place=place, topics=[topic])
    org = org_services.organisation_create(
        creator=author,
        data=org_services.OrganisationInput(
            name="Carers Leeds", kind="community_group", description="Carers."
        ),
    )
    as_org = StoryFactory(identity=Identity.ORGANISATION, organisation=org, author=author)
    home()  # both cards stored

    changes: list[tuple[str, Callable[[], None], Story, str]] = [
        (
            "title",
            lambda: Story.objects.filter(pk=story.pk).update(title="After"),
            story,
            ">After</a>",
        ),
        (
            "excerpt",
            lambda: Story.objects.filter(pk=story.pk).update(excerpt="New words"),
            story,
            "New words",
        ),
        (
            "count",
            lambda: Story.objects.filter(pk=story.pk).update(helped_count=7),
            story,
            "7 found it helpful",
        ),
        (
            "comments",
            lambda: Story.objects.filter(pk=story.pk).update(comment_count=2),
            story,
            "2 comments",
        ),
        (
            "author's name",
            lambda: type(author).objects.filter(pk=author.pk).update(display_name="Asha B"),
            story,
            "<span>Asha B</span>",
        ),
        (
            "pseudonym",
            lambda: Story.objects.filter(pk=story.pk).update(
                identity=Identity.PSEUDONYM, pseudonym="Wren"
            ),
            story,
            "<span>Wren</span>",
        ),
        (
            "place's name",
            lambda: type(place).objects.filter(pk=place.pk).update(name="Leeds city"),
            story,
            ">Leeds city</a>",
        ),
        (
            "topic's name",
            lambda: Topic.objects.filter(pk=topic.pk).update(name="Rest"),
            story,
            ">Rest</a>",
        ),
        (
            "audience",
            lambda: Story.objects.filter(pk=story.pk).update(audience="members"),
            story,
            "Members only",
        ),
        (
            "organisation's name",
            lambda: type(org).objects.filter(pk=org.pk).update(name="Carers West Yorkshire"),
            as_org,
            "<span>Carers West Yorkshire</span>",
        ),
    ]
    for what, change, target, shown in changes:
        change()
        html = card(home(), target)
        assert shown in html, what
        assert html == card(fresh(target), target), what
    # A topic added to the story.
    story.topics.add(TopicFactory(name="Pain", slug="pain"))
    assert ">Pain</a>" in card(home(), story)
    # The byline back to the author's name: never the pseudonym left on a stored card.
    Story.objects.filter(pk=story.pk).update(identity=Identity.NAMED)
    html = card(home(), story)
    assert "<span>Asha B</span>" in html
    assert "Wren" not in html


def test_hidden_and_withdrawn_stories_leave_the_lists(home: Callable[[], str]) -> None:
    hidden, withdrawn = StoryFactory(title="To be hidden"), StoryFactory(title="To be withdrawn")
    html = home()
    assert "To be hidden" in html and "To be withdrawn" in html
    Story.objects.filter(pk=hidden.pk).update(is_hidden=True)
    Story.objects.filter(pk=withdrawn.pk).update(status=Status.WITHDRAWN)
    html = home()
    assert "To be hidden" not in html
    assert "To be withdrawn" not in html


def test_a_card_that_needed_a_query_is_not_kept(django_assert_num_queries: Any) -> None:
    """Read without with_card_data's joins (its author not loaded), the card still shows right,
    but it is not kept: what rendering read is not in its key."""
    story = StoryFactory(title="Read on its own", topics=[TopicFactory()])
    plain = Story.objects.prefetch_related(
        Prefetch("topics", queryset=Topic.objects.all(), to_attr="card_topics")
    ).get(pk=story.pk)
    html = cards.story_card(plain)
    assert "Read on its own" in html
    assert story.author.public_name in html
    assert cards._cards == {}
    (loaded,) = with_card_data(Story.objects.filter(pk=story.pk))
    with django_assert_num_queries(0):
        assert cards.story_card(loaded) == html
    assert len(cards._cards) == 1
