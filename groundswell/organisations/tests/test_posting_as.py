"""Members with a role post stories, resources and updates *as the organisation*: its name is
the byline everywhere, only people who may post for it can, and followers see it in Following."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from groundswell.core.testing.factories import StoryFactory, TopicFactory
from groundswell.follows import services as follow_services
from groundswell.stories import services as story_services
from groundswell.stories.models import Identity, Kind, Status, Story
from groundswell.stories.searching import index_story

pytestmark = pytest.mark.django_db


def post_data(topic, **overrides):
    data = {
        "kind": "update",
        "title": "Walks restart on Tuesday",
        "body": "The Tuesday walk from the library is back, 10am. Step-free route.",
        "topics": [str(topic.pk)],
        "place": "",
        "identity": "organisation",
        "pseudonym": "",
        "audience": "public",
        "image_alt": "",
        "submission_key": str(uuid.uuid4()),
        "action": "publish",
    }
    data.update(overrides)
    return data


def test_an_admin_posts_an_update_as_the_organisation(client_for, org, org_admin) -> None:
    topic = TopicFactory()
    client = client_for(org_admin)
    form_page = client.get(reverse("stories:create") + f"?organisation={org.slug}")
    html = form_page.content.decode()
    assert "For an organisation, under its name" in html and org.name in html
    assert f'value="{org.pk}" selected' in html  # the link from its page chooses it
    response = client.post(reverse("stories:create"), post_data(topic, organisation=org.pk))
    story = Story.objects.get(author=org_admin)
    assert response.status_code == 302
    client.post(reverse("stories:publish", args=[story.pk]), {"consent": "on"})
    story.refresh_from_db()
    assert (story.status, story.identity, story.organisation, story.kind) == (
        Status.PUBLISHED,
        Identity.ORGANISATION,
        org,
        Kind.UPDATE,
    )
    # Its name, never the person's, on the story, the organisation's page and the lists.
    page = client_for(None).get(reverse("stories:detail", args=[story.pk])).content.decode()
    assert org.name in page and org_admin.display_name not in page
    org_page = client_for(None).get(reverse("organisations:detail", args=[org.slug]))
    assert "Walks restart on Tuesday" in org_page.content.decode()
    listing = client_for(None).get("/browse/updates/").content.decode()
    assert "Walks restart on Tuesday" in listing and org_admin.display_name not in listing


def test_someone_without_a_role_cannot_post_as_it(client_for, org, member) -> None:
    topic = TopicFactory()
    client = client_for(member)
    assert "For an organisation" not in client.get(reverse("stories:create")).content.decode()
    response = client.post(reverse("stories:create"), post_data(topic, organisation=org.pk))
    assert response.status_code == 200  # the form again, with what was typed
    assert "Walks restart on Tuesday" in response.content.decode()
    assert not Story.objects.exists()
    with pytest.raises(ValidationError):
        story_services.story_save_draft(
            author=member,
            data=story_services.StoryInput(
                kind="story",
                title="Sneaky",
                body="Words",
                topics=[topic],
                identity=Identity.ORGANISATION,
                organisation=org,
            ),
        )


def test_a_plain_member_posts_only_when_the_organisation_allows_it(org, org_member) -> None:
    topic = TopicFactory()
    data = story_services.StoryInput(
        kind="resource",
        title="Our walking map",
        body="Routes under two miles.",
        topics=[topic],
        identity=Identity.ORGANISATION,
        organisation=org,
    )
    with pytest.raises(ValidationError):
        story_services.story_save_draft(author=org_member, data=data)
    org.members_may_post = True
    org.save(update_fields=["members_may_post"])
    story = story_services.story_save_draft(author=org_member, data=data)
    assert story.byline == org.name


def test_an_update_is_only_ever_posted_for_an_organisation(org, org_admin) -> None:
    with pytest.raises(ValidationError) as exc:
        story_services.story_save_draft(
            author=org_admin,
            data=story_services.StoryInput(
                kind=Kind.UPDATE, title="News", body="Words", topics=[TopicFactory()]
            ),
        )
    assert "kind" in exc.value.message_dict


def test_followers_of_the_organisation_see_its_posts_in_following(
    client_for, org, org_admin, member
) -> None:
    follow_services.follow_create(follower=member, kind="organisation", target=org)
    StoryFactory(title="Someone else's story")
    StoryFactory(
        author=org_admin,
        identity=Identity.ORGANISATION,
        organisation=org,
        kind=Kind.UPDATE,
        title="New dates for the autumn walks",
    )
    html = client_for(member).get("/following/").content.decode()
    assert "New dates for the autumn walks" in html and "Someone else" not in html


def test_the_api_reads_posts_made_as_an_organisation(client, org, org_admin) -> None:
    story = StoryFactory(
        author=org_admin,
        identity=Identity.ORGANISATION,
        organisation=org,
        kind=Kind.UPDATE,
        title="New dates for the autumn walks",
        body="We walk on Tuesdays from October.",
    )
    listed = client.get("/api/stories")
    assert listed.status_code == 200
    [card] = [s for s in listed.json()["items"] if s["id"] == story.pk]
    assert card["kind"] == "update" and card["identity"] == "organisation"
    assert card["byline"] == org.name and card["author"] is None
    assert card["organisation"] == {"slug": org.slug, "name": org.name}
    one = client.get(f"/api/stories/{story.pk}")
    assert one.status_code == 200 and one.json()["organisation"]["slug"] == org.slug
    index_story(story.pk)  # as publishing does
    found = client.get("/api/search", {"q": "autumn walks"})
    assert found.status_code == 200
    assert [(r["story_id"], r["kind"]) for r in found.json()["results"]] == [(story.pk, "update")]
