"""What following tells people: new followers, connection requests and acceptances, and the
"new in what you follow" fan-out when a story is published."""

from __future__ import annotations

import pytest
from django.urls import reverse

from groundswell.core.testing.factories import (
    PlaceFactory,
    StoryFactory,
    TopicFactory,
    UserFactory,
)
from groundswell.follows import notifying
from groundswell.follows import services as follow_services
from groundswell.notifications import preferences
from groundswell.notifications import services as notification_services
from groundswell.notifications.models import EmailDelivery, Notification
from groundswell.notifications.selectors import entries
from groundswell.stories import services as story_services
from groundswell.stories.models import Audience, Identity, Status

pytestmark = pytest.mark.django_db


def lines(user) -> list[str]:
    rows = Notification.objects.filter(recipient=user).in_inbox()
    return [f"{e.text} | {e.title} | {e.url}" for e in entries(rows, user)]


def of_type(type_key: str):
    return Notification.objects.filter(type_key=type_key)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the services' after-commit signals, as a real request would."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


# --- new followers -----------------------------------------------------------------------------


def test_following_a_person_tells_them_once_by_the_followers_public_name(
    owner, member, commit
) -> None:
    with commit():
        follow_services.follow_create(follower=member, kind="person", target=owner)
    profile = reverse("accounts:profile", args=[member.handle])
    assert lines(owner) == [f"Mina Member started following you | Mina Member | {profile}"]
    # Stopping and following again does not notify a second time.
    with commit():
        follow_services.follow_delete(follower=member, kind="person", target_id=owner.pk)
        follow_services.follow_create(follower=member, kind="person", target=owner)
    assert of_type(notifying.NEW_FOLLOWER).count() == 1
    assert lines(member) == []


def test_following_a_topic_or_place_notifies_nobody(member, commit) -> None:
    with commit():
        follow_services.follow_create(follower=member, kind="topic", target=TopicFactory())
        follow_services.follow_create(follower=member, kind="place", target=PlaceFactory())
    assert not Notification.objects.exists()


def test_the_same_signal_twice_makes_one_notification(owner, member, commit) -> None:
    with commit():
        follow = follow_services.follow_create(follower=member, kind="person", target=owner)
    notifying.followed(sender=None, follow=follow, target=owner)
    assert of_type(notifying.NEW_FOLLOWER).count() == 1


def test_a_blocked_person_following_again_is_refused_and_tells_nobody(
    owner, member, commit
) -> None:
    follow_services.block_create(blocker=owner, blocked=member)
    with pytest.raises(follow_services.NotAllowed):
        follow_services.follow_create(follower=member, kind="person", target=owner)
    follow = follow_services.Follow(follower=member, target_kind="person", target_id=owner.pk)
    notifying.followed(sender=None, follow=follow, target=owner)  # even if the signal came
    assert not Notification.objects.exists()


def test_choosing_never_for_new_followers_stops_them(owner, member, commit) -> None:
    notification_services.preferences_save(
        user=owner,
        choices={
            notifying.NEW_FOLLOWER: preferences.Choice(in_site=False, email=EmailDelivery.NEVER)
        },
    )
    with commit():
        follow_services.follow_create(follower=member, kind="person", target=owner)
    assert not Notification.objects.exists()


# --- connections ------------------------------------------------------------------------------


def test_a_connection_request_links_to_the_connections_page(owner, member, commit) -> None:
    with commit():
        follow_services.connection_request(sender=member, recipient=owner)
        follow_services.connection_request(sender=member, recipient=owner)  # asked twice
    assert lines(owner) == [
        f"Mina Member asked to connect | Your connections | {reverse('follows:connections')}"
    ]
    assert lines(member) == []


def test_accepting_tells_the_person_who_asked(owner, member, commit) -> None:
    with commit():
        follow_services.connection_request(sender=member, recipient=owner)
        follow_services.connection_accept(user=owner, other=member)
        follow_services.connection_accept(user=owner, other=member)  # twice
    profile = reverse("accounts:profile", args=[owner.handle])
    assert lines(member) == [f"Olu Owner accepted your request to connect | Olu Owner | {profile}"]
    assert of_type(notifying.CONNECTION_ACCEPTED).count() == 1


def test_declining_a_request_stays_quiet(owner, member, commit) -> None:
    with commit():
        follow_services.connection_request(sender=member, recipient=owner)
        follow_services.connection_decline(user=owner, other=member)
    assert of_type(notifying.CONNECTION_ACCEPTED).count() == 0
    assert lines(member) == []


# --- new in what you follow --------------------------------------------------------------------


def draft(author, **kwargs):
    return StoryFactory(author=author, status=Status.DRAFT, published_at=None, **kwargs)


def publish(story, commit):
    with commit():
        story_services.story_publish(story=story, actor=story.author, consented=True)


def following_new(user) -> list[str]:
    return [line for line in lines(user) if "shared something new" in line]


def test_followers_of_a_named_author_hear_of_a_new_story_once(owner, member, commit) -> None:
    follow_services.follow_create(follower=member, kind="person", target=owner)
    story = draft(owner, title="Waiting for results")
    publish(story, commit)
    url = reverse("stories:detail", args=[story.pk])
    assert following_new(member) == [
        f"Olu Owner shared something new in what you follow | Waiting for results | {url}"
    ]
    # The signal again (an approval after a hold, a retried task): still one.
    assert notifying.notify_story_followers(story.pk) == 0
    assert of_type(notifying.FOLLOWING_NEW).count() == 1
    assert following_new(owner) == []


def test_only_people_following_when_it_was_published_hear_of_it(owner, member, commit) -> None:
    """Following someone later shows their past posts on the Following page, not as a burst of
    "new" notifications (the fan-out task can run after the follow)."""
    story = draft(owner, title="Before you followed")
    publish(story, commit)
    Notification.objects.all().delete()
    follow_services.follow_create(follower=member, kind="person", target=owner)
    assert notifying.notify_story_followers(story.pk) == 0
    assert following_new(member) == []
    later = draft(owner, title="After you followed")
    publish(later, commit)
    assert [line.split(" | ")[1] for line in following_new(member)] == ["After you followed"]


def test_a_pseudonymous_story_never_reaches_the_authors_followers(owner, member, commit) -> None:
    follow_services.follow_create(follower=member, kind="person", target=owner)
    for identity, pseudonym in ((Identity.PSEUDONYM, "Quiet Heron"), (Identity.ANONYMOUS, "")):
        publish(draft(owner, identity=identity, pseudonym=pseudonym), commit)
    assert not of_type(notifying.FOLLOWING_NEW).exists()


def test_a_pseudonymous_story_reaches_topic_followers_under_its_pseudonym_only(
    owner, member, commit
) -> None:
    topic = TopicFactory()
    follow_services.follow_create(follower=member, kind="topic", target=topic)
    publish(
        draft(owner, identity=Identity.PSEUDONYM, pseudonym="Quiet Heron", topics=[topic]), commit
    )
    found = of_type(notifying.FOLLOWING_NEW).get()
    assert found.recipient == member
    assert found.actor is None  # nothing stored links the author to it
    assert found.actor_label == "Quiet Heron"
    assert "Olu Owner" not in " ".join(lines(member))


def test_topic_place_and_wider_place_followers_each_hear_once(owner, commit) -> None:
    topic = TopicFactory()
    region = PlaceFactory(level="nation")
    town = PlaceFactory(parent=region, level="county")
    everything, topic_only, region_only, elsewhere = UserFactory.create_batch(4)
    for kind, target in (("topic", topic), ("place", region), ("person", owner)):
        follow_services.follow_create(follower=everything, kind=kind, target=target)
    follow_services.follow_create(follower=topic_only, kind="topic", target=topic)
    follow_services.follow_create(follower=region_only, kind="place", target=region)
    follow_services.follow_create(follower=elsewhere, kind="topic", target=TopicFactory())
    follow_services.follow_create(follower=owner, kind="topic", target=topic)  # the author
    publish(draft(owner, topics=[topic], place=town), commit)
    told = sorted(of_type(notifying.FOLLOWING_NEW).values_list("recipient_id", flat=True))
    assert told == sorted([everything.pk, topic_only.pk, region_only.pk])


def test_nobody_blocked_either_way_hears_of_a_named_story(owner, commit) -> None:
    topic = TopicFactory()
    blocked_by_author, blocked_author, fine = UserFactory.create_batch(3)
    for person in (blocked_by_author, blocked_author, fine):
        follow_services.follow_create(follower=person, kind="topic", target=topic)
    follow_services.block_create(blocker=owner, blocked=blocked_by_author)
    follow_services.block_create(blocker=blocked_author, blocked=owner)
    publish(draft(owner, topics=[topic]), commit)
    told = list(of_type(notifying.FOLLOWING_NEW).values_list("recipient_id", flat=True))
    assert told == [fine.pk]


def test_a_held_story_notifies_nobody_until_it_is_shown(owner, member, commit) -> None:
    follow_services.follow_create(follower=member, kind="person", target=owner)
    story = draft(owner)
    story.is_hidden = True
    story.save(update_fields=["is_hidden"])
    assert notifying.notify_story_followers(story.pk) == 0
    story.status = Status.WITHDRAWN
    story.is_hidden = False
    story.save(update_fields=["status", "is_hidden"])
    assert notifying.notify_story_followers(story.pk) == 0
    assert not Notification.objects.exists()


def test_a_members_only_story_reaches_followers_but_its_title_only_while_visible(
    owner, member, commit
) -> None:
    follow_services.follow_create(follower=member, kind="person", target=owner)
    story = draft(owner, audience=Audience.MEMBERS, title="Members only title")
    publish(story, commit)
    assert "Members only title" in following_new(member)[0]
    story.status = Status.WITHDRAWN
    story.save(update_fields=["status"])
    assert "Members only title" not in " ".join(lines(member))


def test_never_for_following_new_is_respected_in_the_fanout(owner, commit) -> None:
    topic = TopicFactory()
    quiet, keen = UserFactory.create_batch(2)
    for person in (quiet, keen):
        follow_services.follow_create(follower=person, kind="topic", target=topic)
    notification_services.preferences_save(
        user=quiet,
        choices={
            notifying.FOLLOWING_NEW: preferences.Choice(in_site=False, email=EmailDelivery.NEVER)
        },
    )
    publish(draft(owner, topics=[topic]), commit)
    assert list(of_type(notifying.FOLLOWING_NEW).values_list("recipient_id", flat=True)) == [
        keen.pk
    ]
    row = of_type(notifying.FOLLOWING_NEW).get()
    assert row.in_site and row.email_delivery == EmailDelivery.DAILY


def test_the_fanout_for_many_followers_uses_a_bounded_number_of_queries(
    owner, commit, django_assert_max_num_queries
) -> None:
    topic = TopicFactory()
    people = UserFactory.create_batch(30, verified=False)
    from groundswell.follows.models import Follow

    Follow.objects.bulk_create(
        [Follow(follower=p, target_kind="topic", target_id=topic.pk) for p in people]
    )
    story = StoryFactory(author=owner, topics=[topic])
    with django_assert_max_num_queries(12):
        told = notifying.notify_story_followers(story.pk)
    assert told == 30
    assert of_type(notifying.FOLLOWING_NEW).count() == 30


def test_a_story_posted_as_an_organisation_reaches_its_followers_not_the_authors(
    owner, commit
) -> None:
    from groundswell.organisations import services as org_services

    org = org_services.organisation_create(
        creator=owner,
        data=org_services.OrganisationInput(
            name="Riverside Carers", kind="community_group", description="Carers meeting weekly."
        ),
    )
    org_follower, person_follower = UserFactory.create_batch(2)
    follow_services.follow_create(follower=org_follower, kind="organisation", target=org)
    follow_services.follow_create(follower=person_follower, kind="person", target=owner)
    publish(draft(owner, identity=Identity.ORGANISATION, organisation=org), commit)
    found = of_type(notifying.FOLLOWING_NEW).get()
    assert found.recipient == org_follower
    assert found.actor is None and found.actor_label == "Riverside Carers"
