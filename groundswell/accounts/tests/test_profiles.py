"""Profile pages: found by a random handle, and only when they show the viewer something."""

from __future__ import annotations

import os

import pytest
from django.urls import reverse

from groundswell.accounts.models import HANDLE_LENGTH, Profile, Visibility
from groundswell.core.testing.factories import (
    CommentFactory,
    StoryFactory,
    TopicFactory,
    UserFactory,
)
from groundswell.stories.models import Audience, Identity

pytestmark = pytest.mark.django_db


def profile_url(user) -> str:
    return reverse("accounts:profile", args=[user.handle])


def status(client, user) -> int:
    return client.get(profile_url(user)).status_code


@pytest.fixture
def quiet(db):
    """A member who has only read: nothing posted, nothing filled in."""
    return UserFactory(display_name="Quinn Quiet")


def test_a_sequential_id_reveals_nothing(client_for, owner, member):
    StoryFactory(author=owner)
    for viewer in (None, member):
        response = client_for(viewer).get(f"/members/{owner.pk}/")
        assert response.status_code == 404
        assert "Olu Owner" not in response.content.decode()


def test_handles_are_random_not_a_sequence():
    users = UserFactory.create_batch(5)
    handles = [u.handle for u in users]
    assert len(set(handles)) == 5
    assert all(len(h) == HANDLE_LENGTH and h[0].isalpha() and h.isalnum() for h in handles)
    # Consecutive accounts share no leading run, as counters and timestamps would.
    assert len(os.path.commonprefix(handles)) < 3


def test_a_member_with_nothing_public_is_not_found(client_for, quiet, member):
    assert status(client_for(None), quiet) == 404
    assert status(client_for(member), quiet) == 404


def test_a_member_always_sees_their_own_profile(client_for, quiet):
    response = client_for(quiet).get(profile_url(quiet))
    assert response.status_code == 200
    assert "This is how your profile looks to you" in response.content.decode()


def test_a_named_public_story_makes_the_profile_public(client_for, quiet, member):
    story = StoryFactory(author=quiet, title="What the waiting room taught me")
    for viewer in (None, member):
        response = client_for(viewer).get(profile_url(quiet))
        assert response.status_code == 200
        assert story.title in response.content.decode()


def test_a_members_only_story_shows_the_profile_to_members_only(client_for, quiet, member):
    StoryFactory(author=quiet, audience=Audience.MEMBERS)
    assert status(client_for(None), quiet) == 404
    assert status(client_for(member), quiet) == 200


@pytest.mark.parametrize("identity", [Identity.PSEUDONYM, Identity.ANONYMOUS])
def test_stories_not_under_their_name_do_not_make_a_profile(client_for, quiet, member, identity):
    story = StoryFactory(author=quiet, identity=identity, pseudonym="Quiet Heron")
    # Their own replies under that story carry the story's byline, not their name.
    CommentFactory(story=story, author=quiet)
    assert status(client_for(None), quiet) == 404
    assert status(client_for(member), quiet) == 404


def test_a_comment_under_their_name_makes_the_profile_visible_to_its_readers(
    client_for, quiet, owner, member
):
    story = StoryFactory(author=owner, audience=Audience.MEMBERS)
    comment = CommentFactory(story=story, author=quiet)
    assert status(client_for(None), quiet) == 404  # can't read the story, so not the comment
    assert status(client_for(member), quiet) == 200
    comment.is_hidden = True
    comment.save(update_fields=["is_hidden"])
    assert status(client_for(member), quiet) == 404


def test_a_field_open_to_everyone_makes_the_profile_public(client_for, quiet, member):
    Profile.objects.filter(user=quiet).update(
        bio="I look after my mum.", bio_visibility=Visibility.PUBLIC
    )
    for viewer in (None, member):
        response = client_for(viewer).get(profile_url(quiet))
        assert response.status_code == 200 and "I look after my mum." in response.text


def test_an_empty_field_open_to_everyone_shows_nothing(client_for, quiet, member):
    Profile.objects.filter(user=quiet).update(
        bio="", bio_visibility=Visibility.PUBLIC, topics_visibility=Visibility.PUBLIC
    )
    assert status(client_for(None), quiet) == 404
    assert status(client_for(member), quiet) == 404


def test_a_member_without_a_profile_row_is_not_found_and_none_is_made(client_for, member):
    person = UserFactory()
    Profile.objects.filter(user=person).delete()
    assert status(client_for(None), person) == 404
    assert status(client_for(member), person) == 404
    assert not Profile.objects.filter(user=person).exists()


def test_a_closed_account_is_not_found_even_with_stories(client_for, quiet, member):
    StoryFactory(author=quiet)
    quiet.is_active = False
    quiet.save(update_fields=["is_active"])
    assert status(client_for(member), quiet) == 404


def test_new_profiles_keep_interests_bio_roles_and_pronouns_to_members(client_for, member):
    person = UserFactory(display_name="Nia New")
    StoryFactory(author=person)  # so the page itself is public
    topic = TopicFactory(name="Long covid")
    profile = person.profile
    profile.bio, profile.pronouns, profile.roles = "Carer for my dad.", "she/her", ["carer"]
    profile.save()
    profile.topics.set([topic])
    assert {
        profile.topics_visibility,
        profile.bio_visibility,
        profile.roles_visibility,
        profile.pronouns_visibility,
    } == {Visibility.MEMBERS}

    anonymous = client_for(None).get(profile_url(person)).content.decode()
    for private in ("Long covid", "Carer for my dad.", "she/her", "Cares about", "Takes part as"):
        assert private not in anonymous
    signed_in = client_for(member).get(profile_url(person)).content.decode()
    for shown in ("Long covid", "Carer for my dad.", "she/her", "Cares about", "Takes part as"):
        assert shown in signed_in


def test_profile_page_queries_stay_bounded(
    client_for, quiet, member, django_assert_max_num_queries
):
    """The check that a page shows something must not cost a query per story or comment."""
    story = StoryFactory(author=member)
    for _ in range(15):
        CommentFactory(story=story, author=quiet)
    client = client_for(member)
    # 12, and 2 for whether the viewer may message them (messaging.permissions: block, connection).
    with django_assert_max_num_queries(14):
        assert client.get(profile_url(quiet)).status_code == 200


def test_bylines_link_to_the_profile_by_handle(client_for, owner, member):
    story = StoryFactory(author=owner)
    CommentFactory(story=story, author=member)
    html = client_for(None).get(reverse("stories:detail", args=[story.pk])).content.decode()
    assert f'href="{profile_url(owner)}"' in html and f'href="{profile_url(member)}"' in html
    assert f"/members/{owner.pk}/" not in html


def test_report_form_for_a_profile_the_reporter_cannot_see_is_not_found(client_for, quiet, member):
    url = reverse("moderation:report_member", args=[quiet.handle])
    assert client_for(member).get(url).status_code == 404
