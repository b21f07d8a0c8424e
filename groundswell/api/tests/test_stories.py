"""Stories through the API: drafts, edits, consent to publish, withdrawal, lists and filters."""

from __future__ import annotations

import uuid

import pytest
from django.conf import settings

from groundswell.api.tests.conftest import ApiClient
from groundswell.core.testing.factories import PlaceFactory, StoryFactory, TopicFactory
from groundswell.stories.models import ConsentAction, Status, Story, StoryConsent

pytestmark = pytest.mark.django_db

CONSENT = {"consent": True, "notice_version": settings.CONSENT_NOTICE_VERSION}


@pytest.fixture
def topic():
    return TopicFactory(slug="mental-health", name="Mental health")


def new_story(**fields: object) -> dict[str, object]:
    return {
        "title": "Waiting for a diagnosis",
        "body": "It took **months**.",
        "topics": ["mental-health"],
        "identity": "named",
        "audience": "public",
        **fields,
    }


@pytest.mark.parametrize("missing", ["identity", "audience"])
def test_create_without_choosing_identity_or_audience_is_refused(api, owner, topic, missing):
    """Privacy by default: the API, like the share form, has no default for either choice."""
    fields = new_story()
    del fields[missing]
    response = api(owner).post("/api/stories", fields)
    assert response.status_code == 422
    assert missing in str(response.json())
    assert not Story.objects.filter(author=owner).exists()


def test_create_saves_a_private_draft(api, owner, outsider, topic):
    response = api(owner).post("/api/stories", new_story())
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "draft"
    assert data["body_html"] == "<p>It took <strong>months</strong>.</p>\n"
    assert data["is_mine"] and data["can_edit"]
    assert data["topics"][0]["slug"] == "mental-health"
    assert api(outsider).get(f"/api/stories/{data['id']}").status_code == 404
    assert api().get(f"/api/stories/{data['id']}").status_code == 404


def test_create_with_a_submission_key_twice_gives_one_draft(api, owner, topic):
    client = api(owner)
    key = str(uuid.uuid4())
    first = client.post("/api/stories", new_story(submission_key=key)).json()
    second = client.post("/api/stories", new_story(submission_key=key)).json()
    assert first["id"] == second["id"]
    assert Story.objects.filter(author=owner).count() == 1


@pytest.mark.parametrize(
    ("fields", "where"),
    [
        ({"topics": ["no-such-topic"]}, ["body", "topics"]),
        ({"topics": []}, ["body", "topics"]),
        ({"place": "atlantis"}, ["body", "place"]),
        ({"identity": "pseudonym"}, ["body", "pseudonym"]),
        ({"identity": "pseudonym", "pseudonym": "Olu Owner"}, ["body", "pseudonym"]),
        ({"identity": "pseudonym", "pseudonym": "OWNER@example.org"}, ["body", "pseudonym"]),
        ({"title": ""}, ["body", "title"]),
        ({"title": "   \x00\t "}, ["body", "title"]),
        ({"title": "x" * 161}, ["body", "title"]),
        ({"body": "y" * (settings.STORY_BODY_MAX_CHARS + 1)}, ["body", "body"]),
        ({"title": "Lone surrogate \ud800"}, ["body", "title"]),
        ({"title": 12}, ["body", "title"]),
        ({"kind": "poem"}, ["body", "kind"]),
        ({"audience": "everyone"}, ["body", "audience"]),
        ({"topics": "mental-health"}, ["body", "topics"]),
        ({"submission_key": "not-a-uuid"}, ["body", "submission_key"]),
    ],
)
def test_create_refuses_bad_input_with_422_and_the_field(api, owner, topic, fields, where):
    response = api(owner).post("/api/stories", new_story(**fields))
    assert response.status_code == 422, response.content
    assert where in [issue["loc"] for issue in response.json()["detail"]]
    assert not Story.objects.filter(author=owner).exists()


def test_odd_text_is_cleaned_not_rejected(api, owner, topic):
    response = api(owner).post(
        "/api/stories",
        new_story(title="Caf\u0065\u0301 \u202eevil\u202c and 🌱", body="Line\x00one\r\nline two"),
    )
    assert response.status_code == 201
    data = response.json()
    assert data["title"] == "Café evil and 🌱"
    assert data["body"] == "Lineone\nline two"


def test_a_body_that_is_not_json_is_a_400(owner, token_for):
    client = ApiClient(token_for(owner))
    response = client.client.post(
        "/api/stories", data="{not json", content_type="application/json", headers=client._headers()
    )
    assert response.status_code == 400
    assert response.json()["detail"]


def test_mass_assignment_is_refused_and_changes_nothing(api, owner, member, topic):
    sneaky = {
        "author": member.pk,
        "author_id": member.pk,
        "is_staff": True,
        "is_superuser": True,
        "verified": True,
        "trust_level": 4,
        "site_role": "admin",
        "status": "published",
        "is_hidden": False,
        "published_at": "2020-01-01T00:00:00Z",
        "score": 1000,
        "comment_count": 99,
        "id": 12345,
    }
    client = api(owner)
    for field, value in sneaky.items():
        response = client.post("/api/stories", new_story(**{field: value}))
        assert response.status_code == 422, field
        assert ["body", field] in [issue["loc"] for issue in response.json()["detail"]]
    assert not Story.objects.exists()

    draft = client.post("/api/stories", new_story()).json()
    for field, value in sneaky.items():
        response = client.patch(f"/api/stories/{draft['id']}", {field: value})
        assert response.status_code == 422, field
    story = Story.objects.get(pk=draft["id"])
    assert (story.author_id, story.status, story.score, story.comment_count) == (
        owner.pk,
        Status.DRAFT,
        0,
        0,
    )
    owner.refresh_from_db()
    assert not owner.is_staff and not owner.is_superuser and owner.site_role == "member"


def test_patch_changes_only_what_is_sent(api, owner, topic):
    place = PlaceFactory(slug="leeds", name="Leeds")
    client = api(owner)
    draft = client.post("/api/stories", new_story(place="leeds", kind="idea")).json()
    response = client.patch(f"/api/stories/{draft['id']}", {"title": "A better title"})
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "A better title"
    assert (data["body"], data["kind"], data["place"]["id"]) == (
        "It took **months**.",
        "idea",
        place.pk,
    )
    removed = client.patch(f"/api/stories/{draft['id']}", {"place": None}).json()
    assert removed["place"] is None
    assert client.patch(f"/api/stories/{draft['id']}", {"title": None}).status_code == 422


def test_publishing_needs_explicit_consent_with_the_notice_version(api, owner, topic):
    client = api(owner)
    draft = client.post("/api/stories", new_story(audience="members")).json()
    url = f"/api/stories/{draft['id']}/publish"
    for body in (
        {},
        {"consent": False, "notice_version": settings.CONSENT_NOTICE_VERSION},
        {"consent": True},
        {"consent": True, "notice_version": "2019-01-v0"},
    ):
        response = client.post(url, body)
        assert response.status_code == 400, body
        refusal = response.json()
        assert refusal["notice_version"] == settings.CONSENT_NOTICE_VERSION
        assert "signed-in members of this community only" in refusal["statement"]
    assert not StoryConsent.objects.exists()
    assert Story.objects.get(pk=draft["id"]).status == Status.DRAFT

    notice = client.get(f"/api/stories/{draft['id']}/consent").json()
    response = client.post(url, {"consent": True, "notice_version": notice["notice_version"]})
    assert response.status_code == 200
    assert response.json()["status"] == "published"
    consent = StoryConsent.objects.get()
    assert (consent.action, consent.user, consent.notice_version, consent.statement) == (
        ConsentAction.GIVEN,
        owner,
        settings.CONSENT_NOTICE_VERSION,
        notice["statement"],
    )


def test_a_wrongly_typed_consent_is_refused(api, owner, topic):
    client = api(owner)
    draft = client.post("/api/stories", new_story()).json()
    response = client.post(f"/api/stories/{draft['id']}/publish", {"consent": "maybe"})
    assert response.status_code == 422
    assert Story.objects.get(pk=draft["id"]).status == Status.DRAFT


def test_changing_who_can_see_a_published_story_unpublishes_it_until_consent(api, owner, topic):
    client = api(owner)
    story = StoryFactory(author=owner, topics=[topic])
    response = client.patch(f"/api/stories/{story.pk}", {"audience": "members"})
    assert response.json()["status"] == "draft"
    assert api().get(f"/api/stories/{story.pk}").status_code == 404
    assert client.post(f"/api/stories/{story.pk}/publish", CONSENT).json()["status"] == "published"


def test_editing_the_text_of_a_published_story_keeps_it_published(api, owner, topic):
    story = StoryFactory(author=owner, topics=[topic])
    data = api(owner).patch(f"/api/stories/{story.pk}", {"body": "Updated words."}).json()
    assert data["status"] == "published" and data["edited_at"] is not None
    assert story.revisions.count() == 1


def test_withdraw_unpublishes_at_once_and_deleting_a_draft_removes_it(api, owner, topic):
    client = api(owner)
    story = StoryFactory(author=owner, topics=[topic])
    assert client.post(f"/api/stories/{story.pk}/withdraw").json() == {
        "id": story.pk,
        "status": "withdrawn",
    }
    assert api().get(f"/api/stories/{story.pk}").status_code == 404
    assert client.get(f"/api/stories/{story.pk}").json()["status"] == "withdrawn"
    assert client.post(f"/api/stories/{story.pk}/withdraw").json()["status"] == "withdrawn"

    draft = client.post("/api/stories", new_story()).json()
    assert client.post(f"/api/stories/{draft['id']}/withdraw").json()["status"] == "deleted"
    assert not Story.objects.filter(pk=draft["id"]).exists()


def test_list_filters_by_kind_topic_and_place(api, topic):
    england = PlaceFactory(slug="england", name="England")
    leeds = PlaceFactory(slug="leeds", name="Leeds", level="county", parent=england)
    other = TopicFactory(slug="carers", name="Carers")
    in_leeds = StoryFactory(kind="idea", place=leeds, topics=[topic], title="Leeds idea")
    StoryFactory(kind="story", topics=[other], title="Carers story")
    client = api()

    def titles(query: str) -> list[str]:
        return [s["title"] for s in client.get(f"/api/stories?{query}").json()["items"]]

    assert titles("kind=idea") == ["Leeds idea"]
    assert titles("topic=mental-health") == ["Leeds idea"]
    assert titles("place=england") == [in_leeds.title]
    assert titles("place=leeds&kind=story") == []
    assert client.get("/api/stories?topic=nope").status_code == 422
    assert client.get("/api/stories?kind=poem").status_code == 422


@pytest.mark.parametrize("sort", ["recent", "popular"])
def test_cursor_pagination_walks_every_story_once(api, sort):
    made = {StoryFactory(score=i % 3).pk for i in range(7)}
    client = api()
    seen: list[int] = []
    cursor = None
    for _ in range(10):
        params = {"limit": 3, "sort": sort, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/stories", params).json()
        seen += [s["id"] for s in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(made) and len(seen) == len(made)


@pytest.mark.parametrize(
    "cursor",
    [
        "abc",
        "fHw",
        "MjAyNi0wMS0wMXwx",
        "bm90LWEtZGF0ZXwx",
        "MjAyNi0wMS0wMVQwMDowMDowMHw5OTk5OTk5OTk5OTk5OTk5OTk5OTk5",
    ],
)
def test_a_broken_cursor_is_a_400_not_a_restart(api, cursor):
    StoryFactory()
    response = api().get("/api/stories", {"cursor": cursor})
    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"] == ["query", "cursor"]


def test_my_stories_lists_drafts_and_withdrawn_ones_for_me_only(api, owner, member):
    StoryFactory(author=owner, status=Status.DRAFT, published_at=None, title="My draft")
    StoryFactory(author=owner, status=Status.WITHDRAWN, title="My withdrawn")
    StoryFactory(author=member, title="Someone else's")
    titles = {s["title"] for s in api(owner).get("/api/me/stories").json()["items"]}
    assert titles == {"My draft", "My withdrawn"}


def test_me_says_who_the_token_belongs_to(api, owner):
    data = api(owner, scope="read").get("/api/me").json()
    assert (data["handle"], data["display_name"], data["email_verified"]) == (
        owner.handle,
        "Olu Owner",
        True,
    )
    assert data["token"]["scope"] == "read"
    assert "email" not in data


def test_huge_ids_are_refused_cleanly(api):
    client = api()
    assert client.get(f"/api/stories/{2**63}").status_code == 422
    assert client.get(f"/api/stories/{2**63 - 1}").status_code == 404
    assert client.get("/api/stories/-1").status_code in (404, 422)


def test_a_body_over_the_upload_limit_is_a_413(settings, owner, token_for):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = ApiClient(token_for(owner))
    response = client.post("/api/stories", new_story(body="x" * 2000))
    assert response.status_code == 413
    assert response.json()["detail"]
