"""The organisers' gap view: places where stories raise a topic and no asset serves it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from groundswell.accounts.models import User
from groundswell.assets import gaps
from groundswell.assets.tests.test_map import make_asset
from groundswell.core.staffscreens import staff_screens_for
from groundswell.core.testing.factories import StoryFactory, TopicFactory
from groundswell.places.models import Place
from groundswell.places.testing import Tree, make_organiser, make_tree
from groundswell.search import services as search_services
from groundswell.topics.models import Topic

GAPS = "/staff/gaps/"


def story(place: Place, *topics: Topic, **fields: object) -> None:
    """A story as the site leaves it: in the search index when it may be found."""
    made = StoryFactory.create(place=place, topics=list(topics), **fields)
    search_services.index_items([made.item_id])


@pytest.fixture
def tree(db: None) -> Tree:
    """England > North West > Manchester > Levenshulme, Wythenshawe; England > Yorkshire > Leeds."""
    return make_tree()


@pytest.fixture
def organiser_here(tree: Tree) -> User:
    """Looks after Manchester and everything in it."""
    return make_organiser("organiser_here", tree.manchester)


@pytest.fixture
def organiser_elsewhere(tree: Tree) -> User:
    """Looks after Leeds."""
    return make_organiser("organiser_elsewhere", tree.leeds)


@pytest.fixture
def topics(db: None) -> dict[str, Topic]:
    return {
        "loneliness": TopicFactory.create(name="Loneliness", slug="loneliness"),
        "transport": TopicFactory.create(name="Getting about", slug="transport"),
        "carers": TopicFactory.create(name="Carers", slug="carers"),
    }


@pytest.fixture
def stories(tree: Tree, topics: dict[str, Topic]) -> None:
    lonely, transport, carers = topics["loneliness"], topics["transport"], topics["carers"]
    story(tree.levenshulme, lonely, title="My secret about the long evenings")
    story(tree.levenshulme, lonely, audience="members", title="Members-only evenings")
    story(tree.wythenshawe, carers, kind="idea")
    story(tree.leeds, lonely)
    story(tree.leeds, transport)
    # Not counted: a resource (itself an answer), a withdrawn story, a hidden one.
    story(tree.leeds, carers, kind="resource")
    story(tree.leeds, carers, status="withdrawn")
    story(tree.leeds, carers, is_hidden=True)
    # Served: a bus service in Leeds answers transport for Leeds, Yorkshire and England.
    make_asset("Leeds Community Bus", tree.leeds, at=(53.8, -1.55), topics=(transport,))
    # A carers' group for all of the North West serves Wythenshawe too.
    make_asset("North West Carers", tree.north_west, topics=(carers,))
    # These serve nothing: withdrawn, and hidden by a moderator.
    make_asset("Old Lunch Club", tree.leeds, topics=(lonely,), status="withdrawn")
    make_asset("Hidden Lunch Club", tree.leeds, topics=(lonely,), is_hidden=True)


def rows(response) -> list[tuple[str, str, int]]:
    return [(g.place.name, g.topic.name, g.stories) for g in response.context["gaps"]]


def test_moderators_see_every_gap_largest_first(client_for, moderator: User, stories: None) -> None:
    response = client_for(moderator).get(GAPS)
    assert response.status_code == 200
    assert rows(response) == [
        ("England", "Loneliness", 3),
        ("North West", "Loneliness", 2),
        ("Manchester", "Loneliness", 2),
        ("Levenshulme", "Loneliness", 2),
        ("Yorkshire", "Loneliness", 1),
        ("Leeds", "Loneliness", 1),
    ]


def test_an_asset_in_a_wider_place_serves_the_places_within_it(
    client_for, admin_user: User, stories: None
) -> None:
    found = rows(client_for(admin_user).get(GAPS))
    assert not [row for row in found if row[1] in ("Carers", "Getting about")]


def test_organisers_see_only_the_places_they_look_after(
    client_for,
    organiser_here: User,
    stories: None,
) -> None:
    response = client_for(organiser_here).get(GAPS)
    assert response.status_code == 200
    assert rows(response) == [("Manchester", "Loneliness", 2), ("Levenshulme", "Loneliness", 2)]


def test_a_new_asset_closes_the_gap(
    client_for,
    organiser_here: User,
    stories: None,
    tree: Tree,
    topics,
) -> None:
    make_asset("Levenshulme Lunch Club", tree.levenshulme, topics=(topics["loneliness"],))
    gaps.caches["local"].delete(gaps.CACHE_KEY)
    assert rows(client_for(organiser_here).get(GAPS)) == []


def test_members_only_assets_serve_too(
    client_for,
    organiser_here: User,
    stories: None,
    tree: Tree,
    topics,
) -> None:
    make_asset(
        "Members Lunch Club", tree.manchester, topics=(topics["loneliness"],), audience="members"
    )
    assert rows(client_for(organiser_here).get(GAPS)) == []


def test_filter_by_place(client_for, moderator: User, stories: None, tree: Tree) -> None:
    response = client_for(moderator).get(GAPS, {"place": tree.yorkshire.pk})
    assert rows(response) == [("Yorkshire", "Loneliness", 1), ("Leeds", "Loneliness", 1)]
    assert "Topics raised in Yorkshire" in response.content.decode()


def test_a_place_outside_their_own_is_refused_next_to_the_field(
    client_for,
    organiser_here: User,
    stories: None,
    tree: Tree,
) -> None:
    response = client_for(organiser_here).get(GAPS, {"place": tree.leeds.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Choose one of the places you look after from the list." in html
    assert rows(response) == []
    junk = client_for(organiser_here).get(GAPS, {"place": "'; drop table"})
    assert junk.status_code == 200


def test_only_counts_are_shown_never_titles_or_authors(
    client_for, moderator: User, stories: None
) -> None:
    html = client_for(moderator).get(GAPS).content.decode()
    assert "secret about the long evenings" not in html
    assert "Members-only evenings" not in html
    assert "<caption>" in html


def test_each_gap_links_to_add_an_asset_with_place_and_topic(
    client_for,
    moderator: User,
    stories: None,
    tree: Tree,
    topics,
) -> None:
    html = client_for(moderator).get(GAPS).content.decode()
    add = reverse("assets:add")
    assert f'href="{add}?place={tree.levenshulme.pk}&amp;topics={topics["loneliness"].pk}"' in html


def test_gap_view_query_count(
    client_for, moderator: User, stories: None, django_assert_max_num_queries
) -> None:
    client = client_for(moderator)
    client.get(GAPS)  # works out the table once; kept for a few minutes
    with django_assert_max_num_queries(20):
        assert client.get(GAPS).status_code == 200


def test_the_table_is_worked_out_once_and_kept(
    client_for, moderator: User, stories: None, django_assert_max_num_queries
) -> None:
    client = client_for(moderator)
    first = rows(client.get(GAPS))
    assert gaps.caches["local"].get(gaps.CACHE_KEY) is not None
    assert rows(client.get(GAPS)) == first


def test_an_organiser_without_places_is_told_so(client_for, db: None) -> None:
    nobody = make_organiser("organiser_nowhere")
    html = client_for(nobody).get(GAPS).content.decode()
    assert "look after any places yet" in html


def test_the_screen_is_in_the_staff_menu_for_organisers_and_moderators(
    organiser_here: User,
    moderator: User,
    member: User,
) -> None:
    def keys(user: User) -> set[str]:
        return {screen.key for screen in staff_screens_for(user)}

    assert "asset_gaps" in keys(organiser_here)
    assert "asset_gaps" in keys(moderator)
    assert "asset_gaps" not in keys(member)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", 302),  # to sign in
        ("member", 403),
        ("outsider", 403),
        ("organiser_here", 200),
        ("organiser_elsewhere", 200),
        ("moderator", 200),
        ("admin_user", 200),
    ],
)
def test_permission_matrix(request, client_for, stories: None, persona: str, expected: int) -> None:
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    response = client_for(user).get(GAPS)
    assert response.status_code == expected
    if persona == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))


def test_a_password_only_session_is_asked_for_the_second_step(
    client_for,
    organiser_here: User,
    stories: None,
) -> None:
    response = client_for(organiser_here, mfa=False).get(GAPS)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
