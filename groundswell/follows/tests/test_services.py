from __future__ import annotations

import pytest
from django.http import Http404

from groundswell.core.testing.factories import PlaceFactory, TopicFactory, UserFactory
from groundswell.follows import registry, selectors, services
from groundswell.follows.models import Block, Connection, Follow, WhoCanFollow
from groundswell.privacy.services import account_delete
from groundswell.privacy.signals import export_sections

pytestmark = pytest.mark.django_db


def test_following_twice_makes_one_row(member, owner):
    first = services.follow_create(follower=member, kind="person", target=owner)
    second = services.follow_create(follower=member, kind="person", target=owner)
    assert first.pk == second.pk
    assert Follow.objects.filter(follower=member).count() == 1


def test_follow_topic_and_place_and_unfollow(member):
    topic, place = TopicFactory(), PlaceFactory()
    services.follow_create(follower=member, kind="topic", target=topic)
    services.follow_create(follower=member, kind="place", target=place)
    assert {f.name for f in selectors.follows_of(member)} == {topic.name, place.name}
    assert services.follow_delete(follower=member, kind="topic", target_id=topic.pk)
    assert not services.follow_delete(follower=member, kind="topic", target_id=topic.pk)
    assert [f.name for f in selectors.follows_of(member)] == [place.name]


def test_unknown_kind_is_not_found(member):
    with pytest.raises(Http404):
        services.follow_create(follower=member, kind="planet", target=member)


def test_nobody_can_follow_someone_who_chose_nobody(member, owner):
    services.network_settings_update(
        user=owner, who_can_follow=WhoCanFollow.NOBODY, connections_visible_to="only_me"
    )
    with pytest.raises(services.NotAllowed):
        services.follow_create(follower=member, kind="person", target=owner)


def test_only_connections_can_follow_when_chosen(member, owner):
    services.network_settings_update(
        user=owner, who_can_follow=WhoCanFollow.CONNECTIONS, connections_visible_to="only_me"
    )
    with pytest.raises(services.NotAllowed):
        services.follow_create(follower=member, kind="person", target=owner)
    services.connection_request(sender=member, recipient=owner)
    services.connection_accept(user=owner, other=member)
    services.follow_create(follower=member, kind="person", target=owner)
    assert selectors.is_following(member, "person", owner.pk)


def test_you_cannot_follow_yourself(member):
    with pytest.raises(services.NotAllowed):
        services.follow_create(follower=member, kind="person", target=member)


def test_connection_request_accept_and_remove(member, owner):
    conn = services.connection_request(sender=member, recipient=owner)
    again = services.connection_request(sender=member, recipient=owner)
    assert conn.pk == again.pk and Connection.objects.count() == 1
    assert not selectors.are_connected(member, owner)
    assert selectors.requests_for(owner) == ([member], [])
    assert selectors.requests_for(member) == ([], [owner])
    with pytest.raises(services.NotAllowed):  # only the person asked can accept
        services.connection_accept(user=member, other=owner)
    services.connection_accept(user=owner, other=member)
    services.connection_accept(user=owner, other=member)  # twice: harmless
    assert selectors.are_connected(owner, member) and selectors.are_connected(member.pk, owner.pk)
    assert selectors.connections_of(member) == [owner]
    assert services.connection_remove(user=member, other=owner)
    assert not selectors.are_connected(member, owner)
    assert Connection.objects.count() == 0


def test_asking_someone_who_asked_you_connects_you(member, owner):
    services.connection_request(sender=member, recipient=owner)
    services.connection_request(sender=owner, recipient=member)
    assert selectors.are_connected(member, owner)


def test_decline_and_withdraw_remove_the_request(member, owner, outsider):
    services.connection_request(sender=member, recipient=owner)
    assert not services.connection_decline(user=member, other=owner)  # not theirs to decline
    assert services.connection_decline(user=owner, other=member)
    services.connection_request(sender=outsider, recipient=owner)
    assert not services.connection_withdraw(user=owner, other=outsider)
    assert services.connection_withdraw(user=outsider, other=owner)
    assert Connection.objects.count() == 0


def test_unverified_member_cannot_ask_to_connect(owner):
    unverified = UserFactory(verified=False)
    with pytest.raises(services.NotAllowed):
        services.connection_request(sender=unverified, recipient=owner)


def test_blocking_removes_follows_and_connections_both_ways(member, owner):
    services.follow_create(follower=member, kind="person", target=owner)
    services.follow_create(follower=owner, kind="person", target=member)
    services.connection_request(sender=member, recipient=owner)
    services.connection_accept(user=owner, other=member)
    services.block_create(blocker=owner, blocked=member)
    services.block_create(blocker=owner, blocked=member)  # twice: one row
    assert Block.objects.count() == 1
    assert Follow.objects.count() == 0 and Connection.objects.count() == 0
    assert selectors.is_blocked(member, owner) and selectors.is_blocked(owner, member)
    assert selectors.has_blocked(owner, member) and not selectors.has_blocked(member, owner)


def test_blocked_person_cannot_follow_or_connect_either_way(member, owner):
    services.block_create(blocker=owner, blocked=member)
    for follower, target in ((member, owner), (owner, member)):
        with pytest.raises(services.NotAllowed):
            services.follow_create(follower=follower, kind="person", target=target)
        with pytest.raises(services.NotAllowed):
            services.connection_request(sender=follower, recipient=target)
    assert Follow.objects.count() == 0 and Connection.objects.count() == 0


def test_a_pending_request_cannot_be_accepted_after_a_block(member, owner):
    services.connection_request(sender=member, recipient=owner)
    Block.objects.create(blocker=member, blocked=owner)  # a block written by another path
    with pytest.raises(services.NotAllowed):
        services.connection_accept(user=owner, other=member)
    assert not selectors.are_connected(owner, member)


def test_unblock_does_not_bring_back_follows(member, owner):
    services.follow_create(follower=member, kind="person", target=owner)
    services.block_create(blocker=owner, blocked=member)
    assert services.block_delete(blocker=owner, blocked=member)
    assert not selectors.is_blocked(member, owner)
    assert not selectors.is_following(member, "person", owner.pk)


def test_removing_a_follower(member, owner):
    services.follow_create(follower=member, kind="person", target=owner)
    assert selectors.followers_of(owner) == [member]
    assert services.follower_remove(user=owner, follower=member)
    assert selectors.followers_of(owner) == []


def test_deleting_a_topic_removes_its_follows(member):
    topic = TopicFactory()
    services.follow_create(follower=member, kind="topic", target=topic)
    topic.delete()
    assert not Follow.objects.exists()


@pytest.mark.parametrize("mode", ["everything", "anonymise"])
def test_erasing_an_account_removes_its_follows_connections_and_blocks(member, owner, mode):
    topic = TopicFactory()
    services.follow_create(follower=member, kind="topic", target=topic)
    services.follow_create(follower=member, kind="person", target=owner)
    services.follow_create(follower=owner, kind="person", target=member)
    services.connection_request(sender=owner, recipient=member)
    services.block_create(blocker=member, blocked=UserFactory())
    services.network_settings_update(
        user=member, who_can_follow="nobody", connections_visible_to="members"
    )
    account_delete(user=member, mode=mode)
    assert not Follow.objects.exists()
    assert not Connection.objects.exists()
    assert not Block.objects.exists()
    assert selectors.followers_of(owner) == []


def test_export_has_follows_connections_blocks_and_choices(member, owner, outsider):
    topic = TopicFactory(name="Long covid")
    services.follow_create(follower=member, kind="topic", target=topic)
    services.connection_request(sender=member, recipient=owner)
    services.connection_accept(user=owner, other=member)
    services.block_create(blocker=member, blocked=outsider)
    sections = export_sections()
    follows = sections["follows"][1](member)
    assert follows[0]["name"] == "Long covid" and follows[0]["kind"] == "topic"
    connections = sections["connections"][1](member)
    assert connections[0]["with"] == owner.public_name
    assert connections[0]["status"] == "accepted" and connections[0]["asked_by_you"] is True
    assert sections["blocks"][1](member)[0]["blocked"] == outsider.public_name
    assert (
        sections["network_settings"][1](member)[0]["who_can_follow_you"] == "Any signed-in member"
    )
    # Nothing of anyone else's: the person blocked sees no trace of the block in theirs.
    assert sections["blocks"][1](outsider) == []


def test_the_registry_takes_a_new_kind_without_a_column(member):
    from groundswell.places.models import Place

    entry = registry.get("place")
    assert entry.model is Place and registry.key_for(Place) == "place"
    with pytest.raises(ValueError):
        registry.register_followable("not a key!", Place, label="x")


def test_no_notification_passes_between_blocked_people(member, owner, outsider):
    from groundswell.notifications.registry import is_suppressed

    services.block_create(blocker=owner, blocked=member)
    assert is_suppressed(recipient=owner, actor=member, type_key="reaction")
    assert is_suppressed(recipient=member, actor=owner, type_key="reaction")
    assert not is_suppressed(recipient=owner, actor=outsider, type_key="reaction")


def test_person_state_reads_the_models_tables(member, owner):
    from groundswell.follows.models import NetworkSettings

    for model in (Block, Connection, Follow, NetworkSettings):
        assert model._meta.db_table in selectors._PERSON_STATE_SQL
    services.connection_request(sender=member, recipient=owner)
    services.follow_create(follower=member, kind="person", target=owner)
    services.network_settings_update(
        user=owner, who_can_follow="nobody", connections_visible_to="members"
    )
    state = selectors.person_state(member, owner)
    assert state.connection == ("pending", member.pk) and state.following
    assert (state.who_can_follow, state.connections_visible_to) == ("nobody", "members")
    services.block_create(blocker=owner, blocked=member)
    assert selectors.person_state(member, owner).blockers == {owner.pk}
