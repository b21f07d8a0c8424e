from __future__ import annotations

import pytest

from groundswell.accounts.models import User
from groundswell.core.testing.factories import (
    CommentFactory,
    PlaceFactory,
    StoryFactory,
    TopicFactory,
)
from groundswell.places.models import Place
from groundswell.stories.models import Comment, Story
from groundswell.topics.models import Topic


@pytest.fixture
def topic(db: None) -> Topic:
    return TopicFactory.create(name="Long covid", slug="long-covid")


@pytest.fixture
def region(db: None) -> Place:
    nation = PlaceFactory(name="England", slug="england")
    return PlaceFactory.create(name="North West", slug="north-west", level="region", parent=nation)


@pytest.fixture
def story(owner: User, topic: Topic, region: Place) -> Story:
    return StoryFactory.create(
        author=owner,
        title="Waiting lists and what got me through",
        body="Pacing and a peer group helped most.",
        topics=[topic],
        place=region,
    )


@pytest.fixture
def comment(story: Story, owner: User) -> Comment:
    return CommentFactory.create(
        story=story, author=owner, body="Thanks, this is my own follow-up note."
    )
