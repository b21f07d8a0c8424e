"""Every URL and API route of the follows app, for every persona."""

from __future__ import annotations

import pytest

from groundswell.core.testing.factories import StoryFactory, TopicFactory
from groundswell.follows import services
from groundswell.follows.models import Connection, Follow

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "member", "owner", "blocked", "moderator", "admin"]


@pytest.fixture
def people(member, owner, outsider, moderator, admin_user):
    """owner is the followed person; outsider is someone owner blocked."""
    StoryFactory(author=owner, title="Olu's story")
    services.block_create(blocker=owner, blocked=outsider)
    return {
        "anonymous": None,
        "member": member,
        "owner": owner,
        "blocked": outsider,
        "moderator": moderator,
        "admin": admin_user,
    }


PAGES = [
    "/following/",
    "/following/manage/",
    "/following/settings/",
    "/following/connections/",
    "/following/blocks/",
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("path", PAGES)
def test_own_pages_need_sign_in(people, client_for, persona, path):
    response = client_for(people[persona]).get(path)
    if persona == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 200


@pytest.mark.parametrize(
    "persona,expected",
    [
        ("anonymous", 200),
        ("member", 200),
        ("owner", 200),
        ("blocked", 404),
        ("moderator", 200),
        ("admin", 200),
    ],
)
def test_blockers_profile_is_not_there_for_the_person_they_blocked(
    people, client_for, persona, expected
):
    response = client_for(people[persona]).get(f"/members/{people['owner'].handle}/")
    assert response.status_code == expected


@pytest.mark.parametrize(
    "choice,expected",
    [
        (
            "only_me",
            {
                "anonymous": 302,
                "member": 404,
                "owner": 200,
                "blocked": 404,
                "moderator": 404,
                "admin": 404,
            },
        ),
        (
            "members",
            {
                "anonymous": 302,
                "member": 200,
                "owner": 200,
                "blocked": 404,
                "moderator": 200,
                "admin": 200,
            },
        ),
        (
            "connections",
            {
                "anonymous": 302,
                "member": 200,
                "owner": 200,
                "blocked": 404,
                "moderator": 404,
                "admin": 404,
            },
        ),
    ],
)
def test_someones_connections_follow_their_choice(people, client_for, choice, expected):
    owner, member = people["owner"], people["member"]
    services.network_settings_update(
        user=owner, who_can_follow="members", connections_visible_to=choice
    )
    services.connection_request(sender=member, recipient=owner)
    services.connection_accept(user=owner, other=member)
    for persona, status in expected.items():
        response = client_for(people[persona]).get(f"/following/connections/{owner.handle}/")
        assert response.status_code == status, persona
        if status == 200:
            assert member.public_name in response.content.decode()


@pytest.mark.parametrize(
    "persona,status,follows",
    [
        ("anonymous", 302, False),
        ("member", 302, True),
        ("owner", 302, False),
        ("blocked", 404, False),
        ("moderator", 302, True),
        ("admin", 302, True),
    ],
)
def test_follow_a_person(people, client_for, persona, status, follows):
    owner = people["owner"]
    response = client_for(people[persona]).post(f"/following/person/{owner.handle}/follow/")
    assert response.status_code == status
    user = people[persona]
    made = user is not None and Follow.objects.filter(follower=user, target_id=owner.pk).exists()
    assert made is follows
    if persona == "anonymous":
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    "persona,status,asked",
    [
        ("anonymous", 302, False),
        ("member", 302, True),
        ("owner", 302, False),
        ("blocked", 404, False),
        ("moderator", 302, True),
        ("admin", 302, True),
    ],
)
def test_ask_to_connect(people, client_for, persona, status, asked):
    owner = people["owner"]
    response = client_for(people[persona]).post(f"/following/connections/{owner.handle}/request/")
    assert response.status_code == status
    user = people[persona]
    exists = user is not None and Connection.objects.filter(requested_by=user).exists()
    assert exists is asked


def test_blocked_person_cannot_follow_through_the_blockers_own_lists(people, client_for):
    """Not even by guessing the address of a follow button: 404, no row."""
    blocked, owner = people["blocked"], people["owner"]
    client = client_for(blocked)
    assert client.post(f"/following/person/{owner.handle}/follow/").status_code == 404
    assert client.post(f"/following/connections/{owner.handle}/request/").status_code == 404
    assert not Follow.objects.filter(follower=blocked).exists()


@pytest.mark.parametrize(
    "path",
    [
        "/following/topic/{topic}/follow/",
        "/following/topic/{topic}/unfollow/",
        "/following/person/{owner}/unfollow/",
        "/following/followers/{owner}/remove/",
        "/following/connections/{owner}/accept/",
        "/following/connections/{owner}/decline/",
        "/following/connections/{owner}/withdraw/",
        "/following/connections/{owner}/remove/",
        "/following/blocks/{owner}/block/",
        "/following/blocks/{owner}/unblock/",
    ],
)
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_action_is_post_only_and_needs_sign_in(people, client_for, path, persona):
    topic = TopicFactory(slug="carers")
    url = path.format(topic=topic.slug, owner=people["owner"].handle)
    client = client_for(people[persona])
    assert client.get(url).status_code == 405
    response = client.post(url)
    if persona == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif persona == "owner" and "{owner}" in path:
        assert response.status_code == 404  # yourself
    else:
        assert response.status_code == 302


@pytest.mark.parametrize(
    "url",
    [
        "/following/planet/mars/follow/",
        "/following/topic/no-such-topic/follow/",
        "/following/person/nobody-here/follow/",
        "/following/connections/nobody-here/request/",
        "/following/connections/{owner}/shout/",
        "/following/blocks/nobody-here/block/",
    ],
)
def test_bad_addresses_are_404_not_500(people, client_for, url):
    response = client_for(people["member"]).post(url.format(owner=people["owner"].handle))
    assert response.status_code == 404


def test_double_submit_follows_once_and_returns_to_the_page(people, client_for):
    topic = TopicFactory(slug="carers")
    client = client_for(people["member"])
    for _ in range(2):
        response = client.post("/following/topic/carers/follow/", {"next": "/topics/carers/"})
        assert response.status_code == 302 and response["Location"] == "/topics/carers/"
    assert Follow.objects.filter(target_kind="topic", target_id=topic.pk).count() == 1


def test_next_to_another_site_is_ignored(people, client_for):
    TopicFactory(slug="carers")
    response = client_for(people["member"]).post(
        "/following/topic/carers/follow/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == "/topics/carers/"


def test_settings_form_refuses_a_made_up_choice_and_keeps_the_other(people, client_for):
    client = client_for(people["member"])
    response = client.post(
        "/following/settings/",
        {"who_can_follow": "everyone-ever", "connections_visible_to": "members"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Select a valid choice" in html
    assert 'value="members" ' in html and "checked" in html
    response = client.post(
        "/following/settings/", {"who_can_follow": "nobody", "connections_visible_to": "members"}
    )
    assert response.status_code == 302


def test_followers_list_is_shown_to_the_person_alone(people, client_for):
    member, owner = people["member"], people["owner"]
    services.follow_create(follower=member, kind="person", target=owner)
    assert member.public_name in client_for(owner).get("/following/manage/").content.decode()
    assert (
        member.public_name
        not in client_for(people["admin"]).get("/following/manage/").content.decode()
    )


def test_follower_count_on_a_profile_follows_the_persons_choice(people, client_for):
    member, owner = people["member"], people["owner"]
    services.follow_create(follower=member, kind="person", target=owner)
    url = f"/members/{owner.handle}/"
    assert "1 follower" not in client_for(member).get(url).content.decode()
    services.network_settings_update(
        user=owner, who_can_follow="members", connections_visible_to="members"
    )
    assert "1 follower" in client_for(member).get(url).content.decode()
    assert "1 follower" not in client_for(None).get(url).content.decode()


def test_topic_page_follow_button_and_htmx_swap(people, client_for):
    TopicFactory(slug="carers", name="Carers")
    client = client_for(people["member"])
    assert "Sign in to follow" in client_for(None).get("/topics/carers/").content.decode()
    assert ">Follow<" in client.get("/topics/carers/").content.decode()
    response = client.post("/following/topic/carers/follow/", headers={"HX-Request": "true"})
    assert response.status_code == 200 and ">Unfollow<" in response.content.decode()
    assert ">Unfollow<" in client.get("/topics/carers/").content.decode()


# ---------------------------------------------------------------- API

API_READS = [
    "/api/me/follows",
    "/api/me/followers",
    "/api/me/connections",
    "/api/me/connection-requests",
    "/api/me/blocks",
    "/api/following",
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("path", API_READS)
def test_api_reads_are_for_members(people, api, persona, path):
    response = api(people[persona]).get(path)
    assert response.status_code == (401 if persona == "anonymous" else 200)


@pytest.mark.parametrize(
    "persona,status",
    [
        ("anonymous", 401),
        ("member", 200),
        ("owner", 403),
        ("blocked", 404),
        ("moderator", 200),
        ("admin", 200),
    ],
)
def test_api_follow_a_person(people, api, persona, status):
    owner = people["owner"]
    response = api(people[persona]).post(f"/api/follows/person/{owner.handle}")
    assert response.status_code == status


def test_api_read_token_cannot_follow_and_writes_work_with_a_write_token(people, api):
    topic = TopicFactory(slug="carers")
    member = people["member"]
    assert api(member, scope="read").post("/api/follows/topic/carers").status_code == 403
    client = api(member)
    assert client.post("/api/follows/topic/carers").json() == {
        "kind": "topic",
        "key": "carers",
        "following": True,
    }
    assert client.post("/api/follows/topic/carers").status_code == 200
    assert Follow.objects.filter(target_id=topic.pk).count() == 1
    items = client.get("/api/me/follows").json()["items"]
    assert [(i["kind"], i["key"]) for i in items] == [("topic", "carers")]
    assert client.delete("/api/follows/topic/carers").json()["following"] is False


def test_api_connections_and_blocks(people, api):
    member, owner = people["member"], people["owner"]
    assert (
        api(member).post(f"/api/connections/{owner.handle}/request").json()["status"] == "requested"
    )
    incoming = api(owner).get("/api/me/connection-requests").json()["incoming"]
    assert [p["handle"] for p in incoming] == [member.handle]
    assert (
        api(owner).post(f"/api/connections/{member.handle}/accept").json()["status"] == "connected"
    )
    assert api(member).delete(f"/api/connections/{owner.handle}").json()["status"] == "none"
    assert api(member).post(f"/api/blocks/{owner.handle}").json()["blocked"] is True
    assert [p["handle"] for p in api(member).get("/api/me/blocks").json()["items"]] == [
        owner.handle
    ]
    # member blocked owner: member's profile is not there for owner
    assert api(owner).post(f"/api/connections/{member.handle}/request").status_code == 404
    assert api(member).post(f"/api/connections/{owner.handle}/shout").status_code == 422
    assert api(member).post("/api/follows/planet/mars").status_code == 404


def test_api_following_feed_and_bad_cursor(people, api):
    member, owner = people["member"], people["owner"]
    services.follow_create(follower=member, kind="person", target=owner)
    body = api(member).get("/api/following").json()
    assert [s["title"] for s in body["items"]] == ["Olu's story"]
    assert api(member).get("/api/following", {"cursor": "bm90LWEtY3Vyc29y"}).status_code == 400
