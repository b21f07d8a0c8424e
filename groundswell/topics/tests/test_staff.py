"""The topics staff screen: administrators add, edit, retire and merge topics."""

from __future__ import annotations

import pytest
from django.urls import reverse

from groundswell.accounts.models import User
from groundswell.audit.models import AuditEvent
from groundswell.core.testing.factories import StoryFactory, TopicFactory
from groundswell.follows.models import Follow
from groundswell.places.testing import make_organiser
from groundswell.topics.models import Topic


@pytest.fixture
def topics(db: None) -> tuple[Topic, Topic]:
    return (
        TopicFactory(name="Long covid", slug="long-covid"),
        TopicFactory(name="Post-covid fatigue", slug="post-covid-fatigue"),
    )


@pytest.fixture
def organiser(db: None) -> User:
    from groundswell.places.testing import make_tree

    return make_organiser("organiser_here", make_tree().manchester)


@pytest.mark.parametrize(
    ("persona", "mfa", "expected"),
    [
        ("anonymous", True, {302}),
        ("member", True, {403}),
        ("organiser", True, {403}),
        ("moderator", True, {403}),
        ("admin_user", True, {200}),
        ("admin_user", False, {302, 403}),
    ],
)
def test_permission_matrix(
    persona: str,
    mfa: bool,
    expected: set[int],
    topics: tuple[Topic, Topic],
    client_for,
    request: pytest.FixtureRequest,
) -> None:
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    client = client_for(user, mfa=mfa)
    source, target = topics
    assert client.get(reverse("staff_topics:list")).status_code in expected
    assert client.get(reverse("staff_topics:add")).status_code in expected
    assert client.get(reverse("staff_topics:edit", args=[source.pk])).status_code in expected
    allowed = expected == {200}
    retire = client.post(reverse("staff_topics:retire", args=[target.pk]))
    merge = client.post(reverse("staff_topics:merge", args=[source.pk]), {"target": target.pk})
    assert retire.status_code in ({302} if allowed else expected)
    # The target was retired just now, so an administrator's merge is refused (400), not done.
    assert merge.status_code in ({400} if allowed else expected)
    source.refresh_from_db()
    target.refresh_from_db()
    assert target.is_retired is allowed
    assert source.merged_into_id is None


def test_list_query_count(
    client_for, admin_user: User, topics: tuple[Topic, Topic], django_assert_max_num_queries
) -> None:
    for n in range(20):
        StoryFactory(topics=[TopicFactory(name=f"Extra {n}", slug=f"extra-{n}")])
    client = client_for(admin_user)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("staff_topics:list")).content.decode()
    assert "Extra 19" in page and "Long covid" in page


def test_create_a_topic_with_a_made_up_address(client_for, admin_user: User) -> None:
    response = client_for(admin_user).post(
        reverse("staff_topics:add"),
        {"name": "Menopause", "slug": "", "description": "Perimenopause and after."},
    )
    assert response.status_code == 302
    topic = Topic.objects.get(name="Menopause")
    assert topic.slug == "menopause"
    assert AuditEvent.objects.filter(action="topic_changed", target_id=str(topic.pk)).exists()
    assert client_for(None).get(reverse("topics:detail", args=["menopause"])).status_code == 200


def test_duplicate_address_is_refused_beside_the_field_and_keeps_what_was_typed(
    client_for, admin_user: User, topics: tuple[Topic, Topic]
) -> None:
    response = client_for(admin_user).post(
        reverse("staff_topics:add"),
        {"name": "Long COVID support", "slug": "long-covid", "description": "Typed words"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Another topic already has the address long-covid." in page
    assert "Long COVID support" in page and "Typed words" in page
    assert Topic.objects.count() == 2


def test_duplicate_name_is_refused(
    client_for, admin_user: User, topics: tuple[Topic, Topic]
) -> None:
    source, _ = topics
    response = client_for(admin_user).post(
        reverse("staff_topics:edit", args=[source.pk]),
        {"name": "post-covid FATIGUE", "slug": "long-covid", "description": ""},
    )
    assert response.status_code == 400
    assert "There is already a topic called post-covid FATIGUE." in response.content.decode()


def test_address_that_makes_no_slug_is_refused(client_for, admin_user: User) -> None:
    response = client_for(admin_user).post(
        reverse("staff_topics:add"), {"name": "Sleep", "slug": "!!!", "description": ""}
    )
    assert response.status_code == 400
    assert "letters, numbers and hyphens" in response.content.decode()


def test_merge_moves_stories_followers_and_profiles_and_the_old_address_leads_there(
    client_for, admin_user: User, member: User, outsider: User, topics: tuple[Topic, Topic]
) -> None:
    source, target = topics
    only_source = StoryFactory(topics=[source])
    both = StoryFactory(topics=[source, target])
    Follow.objects.create(follower=member, target_kind="topic", target_id=source.pk)
    Follow.objects.create(follower=outsider, target_kind="topic", target_id=source.pk)
    Follow.objects.create(follower=outsider, target_kind="topic", target_id=target.pk)
    member.profile.topics.add(source)

    response = client_for(admin_user).post(
        reverse("staff_topics:merge", args=[source.pk]), {"target": target.pk}
    )
    assert response.status_code == 302

    assert list(only_source.topics.all()) == [target]
    assert list(both.topics.all()) == [target]
    assert list(member.profile.topics.all()) == [target]
    assert Follow.objects.filter(target_kind="topic", target_id=target.pk).count() == 2
    assert not Follow.objects.filter(target_kind="topic", target_id=source.pk).exists()
    source.refresh_from_db()
    assert source.merged_into == target and source.is_retired
    old = client_for(None).get(reverse("topics:detail", args=["long-covid"]))
    assert old.status_code == 301 and old["Location"].endswith("/topics/post-covid-fatigue/")
    event = AuditEvent.objects.get(action="topic_changed", details__change="merged")
    assert event.details["stories"] == 2


def test_merge_into_itself_is_refused(
    client_for, admin_user: User, topics: tuple[Topic, Topic]
) -> None:
    source, _ = topics
    response = client_for(admin_user).post(
        reverse("staff_topics:merge", args=[source.pk]), {"target": source.pk}
    )
    assert response.status_code == 400
    assert "Choose a topic from the list." in response.content.decode()


def test_retired_topic_keeps_its_stories_and_leaves_the_index(
    client_for, admin_user: User, topics: tuple[Topic, Topic]
) -> None:
    source, _ = topics
    story = StoryFactory(topics=[source])
    client_for(admin_user).post(reverse("staff_topics:retire", args=[source.pk]))
    assert list(story.topics.all()) == [source]
    assert "Long covid" not in client_for(None).get(reverse("topics:index")).content.decode()
    assert client_for(None).get(reverse("topics:detail", args=["long-covid"])).status_code == 200
    assert source not in Topic.objects.current()
    client_for(admin_user).post(reverse("staff_topics:retire", args=[source.pk]), {"restore": "1"})
    assert source in Topic.objects.current()
