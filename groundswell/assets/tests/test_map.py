"""The asset map: its page (with and without JavaScript), its data endpoint, and that nothing on
it comes from another site."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from groundswell.accounts.models import User
from groundswell.assets import mapping
from groundswell.assets.models import Asset, AssetLocation, Location
from groundswell.core.testing.factories import TopicFactory
from groundswell.places.models import Place
from groundswell.places.testing import Tree, make_tree
from groundswell.topics.models import Topic

MAP = "/assets/map/"
DATA = "/assets/map/data.json"
UK = "-9,49,2,61"


def make_asset(
    name: str,
    place: Place,
    *,
    kind: str = "space",
    at: tuple[float, float] | None = None,
    topics: tuple[Topic, ...] = (),
    **fields: object,
) -> Asset:
    """An asset as the services leave it, with a location at `at` (latitude, longitude)."""
    if kind == "gift":
        fields.setdefault("consent_at", timezone.now())
        fields.setdefault("shown_as", "neighbour")
    asset = Asset.objects.create(
        name=name,
        slug=re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-"),
        kind=kind,
        description=f"About {name}.",
        place=place,
        **fields,
    )
    if topics:
        asset.topics.set(topics)
    if at is not None:
        location = Location.objects.create(
            name=name, address_1="1 High Street", latitude=at[0], longitude=at[1], place=place
        )
        AssetLocation.objects.create(asset=asset, location=location)
    return asset


@pytest.fixture
def tree(db: None) -> Tree:
    """England > North West > Manchester > Levenshulme, Wythenshawe; England > Yorkshire > Leeds."""
    return make_tree()


@pytest.fixture
def walking(db: None) -> Topic:
    return TopicFactory.create(name="Walking", slug="walking")


@pytest.fixture
def assets(tree: Tree, walking: Topic) -> dict[str, Asset]:
    return {
        "cafe": make_asset("Leeds Community Cafe", tree.leeds, at=(53.8, -1.55), topics=(walking,)),
        "surgery": make_asset(
            "Levenshulme Surgery", tree.levenshulme, kind="institution", at=(53.44, -2.19)
        ),
        "members_only": make_asset(
            "Members Walking Club", tree.leeds, at=(53.81, -1.56), audience="members"
        ),
        "hidden": make_asset("Hidden Hall", tree.leeds, at=(53.79, -1.54), is_hidden=True),
        "withdrawn": make_asset(
            "Withdrawn Garden", tree.leeds, at=(53.78, -1.53), status="withdrawn"
        ),
        "no_point": make_asset("Manchester Choir", tree.manchester),
    }


def data(client: Client, query: str = "") -> dict:
    response = client.get(f"{DATA}?bbox={UK}&zoom=6{query}")
    assert response.status_code == 200, response.content
    return response.json()


def names(payload: dict) -> set[str]:
    return {point["name"] for point in payload["points"]}


# The data endpoint --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("zoom=6", "bbox="),
        ("bbox=1,2,3&zoom=6", "four numbers"),
        ("bbox=a,b,c,d&zoom=6", "four numbers in degrees"),
        ("bbox=nan,1,2,3&zoom=6", "four numbers in degrees"),
        ("bbox=1,2,3,inf&zoom=6", "four numbers in degrees"),
        ("bbox=2,49,-9,61&zoom=6", "west must not be east"),
        ("bbox=-9,61,2,49&zoom=6", "south must not be north"),
        (f"bbox={UK}", "zoom="),
        (f"bbox={UK}&zoom=far", "whole number"),
        (f"bbox={UK}&zoom=99", "whole number"),
        (f"bbox={UK}&zoom=-1", "whole number"),
    ],
)
def test_junk_viewport_gets_400_with_a_clear_message(
    client: Client, db: None, query: str, words: str
) -> None:
    response = client.get(f"{DATA}?{query}")
    assert response.status_code == 400
    assert words in response.json()["error"]


def test_viewport_past_the_edge_of_the_world_is_brought_back(
    client: Client, assets: dict[str, Asset]
) -> None:
    response = client.get(f"{DATA}?bbox=-250,-100,250,100&zoom=1")
    assert response.status_code == 200
    assert "Leeds Community Cafe" in names(response.json())


def test_points_link_to_their_asset_pages(client: Client, assets: dict[str, Asset]) -> None:
    payload = data(client)
    cafe = next(p for p in payload["points"] if p["name"] == "Leeds Community Cafe")
    assert cafe["url"] == reverse("assets:detail", args=[assets["cafe"].slug])
    assert (cafe["lat"], cafe["lon"]) == (53.8, -1.55)
    assert cafe["kind"] == "space"
    assert cafe["kind_label"] == "Places and spaces"
    assert payload["clusters"] == []
    assert payload["total"] == 2


def test_only_points_inside_the_viewport(client: Client, assets: dict[str, Asset]) -> None:
    around_leeds = "-1.7,53.7,-1.4,53.9"
    payload = client.get(f"{DATA}?bbox={around_leeds}&zoom=11").json()
    assert names(payload) == {"Leeds Community Cafe"}


def test_hidden_withdrawn_and_members_only_assets_are_never_sent_to_visitors(
    client: Client, assets: dict[str, Asset]
) -> None:
    assert names(data(client)) == {"Leeds Community Cafe", "Levenshulme Surgery"}


def test_members_see_members_only_assets_but_never_hidden_or_withdrawn(
    client_for, member: User, assets: dict[str, Asset]
) -> None:
    assert names(data(client_for(member))) == {
        "Leeds Community Cafe",
        "Levenshulme Surgery",
        "Members Walking Club",
    }


def test_gifts_are_never_mapped_even_with_a_location(
    client_for,
    member: User,
    tree: Tree,
) -> None:
    # The services never give a gift a location; if a row ever did, the map still leaves it out.
    make_asset("Dog walking with Sam", tree.leeds, kind="gift", at=(53.8, -1.55))
    payload = data(client_for(member))
    assert payload["points"] == [] and payload["total"] == 0


def test_the_lists_filters_narrow_the_map_too(
    client: Client,
    assets: dict[str, Asset],
    walking: Topic,
    tree: Tree,
) -> None:
    assert names(data(client, "&kind=institution")) == {"Levenshulme Surgery"}
    assert names(data(client, "&place=manchester")) == {"Levenshulme Surgery"}
    assert names(data(client, "&topic=walking")) == {"Leeds Community Cafe"}
    assert names(data(client, "&q=cafe")) == {"Leeds Community Cafe"}
    # A filter the form can't read is left out, as on the list: never a 500.
    assert names(data(client, "&kind=spaceship")) == {
        "Leeds Community Cafe",
        "Levenshulme Surgery",
    }


def test_fit_gives_the_box_around_every_matching_point(
    client: Client, assets: dict[str, Asset]
) -> None:
    payload = data(client, "&fit=1")
    assert payload["extent"] == [-2.19, 53.44, -1.55, 53.8]
    assert data(client, "&fit=1&q=nothing-matches")["extent"] is None


def _many(place: Place, count: int) -> None:
    """`count` mapped assets on a grid around Leeds, in a few queries."""
    assets = Asset.objects.bulk_create(
        [
            Asset(
                name=f"Group {n}",
                slug=f"group-{n}",
                kind="association",
                description="A group.",
                place=place,
            )
            for n in range(count)
        ]
    )
    locations = Location.objects.bulk_create(
        [
            Location(latitude=53.5 + (n % 20) * 0.03, longitude=-2.0 + (n // 20) * 0.03)
            for n in range(count)
        ]
    )
    AssetLocation.objects.bulk_create(
        [AssetLocation(asset=a, location=loc) for a, loc in zip(assets, locations, strict=True)]
    )


def test_many_points_are_sent_as_clusters_when_zoomed_out(
    client: Client,
    tree: Tree,
    django_assert_max_num_queries,
) -> None:
    _many(tree.leeds, mapping.MAX_POINTS_UNCLUSTERED + 100)
    with django_assert_max_num_queries(3):
        payload = data(client)
    assert payload["total"] == mapping.MAX_POINTS_UNCLUSTERED + 100
    assert payload["clusters"], "zoomed out, the points come grouped"
    assert sum(c["count"] for c in payload["clusters"]) + len(payload["points"]) == payload["total"]
    assert len(payload["clusters"]) + len(payload["points"]) < 50
    for cluster in payload["clusters"]:
        assert 53.4 < cluster["lat"] < 54.2 and -2.1 < cluster["lon"] < -1.2

    # Zoomed right in, points as they are, only those in view.
    street = "-2.005,53.495,-1.995,53.505"
    close = client.get(f"{DATA}?bbox={street}&zoom=16").json()
    assert close["clusters"] == []
    assert names(close) == {"Group 0"}


def test_zoomed_out_cells_are_kept_but_names_are_always_read_afresh(
    client_for, member: User, tree: Tree
) -> None:
    _many(tree.leeds, mapping.MAX_POINTS_UNCLUSTERED + 1)
    lone = make_asset("Camborne Lunch Club", tree.leeds, at=(50.21, -5.30))
    club = make_asset("Truro Members Club", tree.leeds, at=(50.26, -5.05), audience="members")
    anonymous = client_for(None)
    first = data(anonymous)
    assert "Camborne Lunch Club" in names(first)
    assert first["total"] == mapping.MAX_POINTS_UNCLUSTERED + 2
    # Who is asking is part of what is kept: a member's view has the members-only listing.
    seen = data(client_for(member))
    assert "Truro Members Club" in names(seen)
    assert seen["total"] == mapping.MAX_POINTS_UNCLUSTERED + 3
    # Hidden by a moderator: gone from the map at once, though the kept counts lag a minute.
    Asset.objects.filter(pk__in=[lone.pk, club.pk]).update(is_hidden=True)
    assert "Camborne Lunch Club" not in names(data(anonymous))
    assert "Truro Members Club" not in names(data(client_for(member)))


def test_points_are_capped_when_zoomed_in(client: Client, tree: Tree, monkeypatch) -> None:
    _many(tree.leeds, 30)
    monkeypatch.setattr(mapping, "MAX_POINTS", 10)
    payload = client.get(f"{DATA}?bbox={UK}&zoom=15").json()
    assert len(payload["points"]) == 10
    assert payload["truncated"] is True


def test_data_query_count_does_not_grow_with_points(
    client: Client,
    tree: Tree,
    django_assert_max_num_queries,
) -> None:
    _many(tree.leeds, 120)
    with django_assert_max_num_queries(3):
        payload = data(client, "&fit=1")
    assert payload["total"] == 120


# The page -----------------------------------------------------------------------------------


def test_without_javascript_the_page_is_the_filters_and_the_list(
    client: Client, assets: dict[str, Asset]
) -> None:
    response = client.get(MAP)
    assert response.status_code == 200
    html = response.content.decode()
    # The same filters as the list, each with a label.
    for name in ("q", "kind", "topic", "place", "open", "access"):
        assert f'name="{name}"' in html
        assert f'for="id_{name}"' in html
    # The list with links to each asset's page, and the note about the map.
    assert f'href="{reverse("assets:detail", args=[assets["cafe"].slug])}"' in html
    assert "Manchester Choir" in html and "not on the map" in html
    assert "Hidden Hall" not in html and "Withdrawn Garden" not in html
    assert "Members Walking Club" not in html
    assert "The map needs JavaScript" in html
    # The map box stays hidden until the script shows it.
    assert re.search(r'<div id="asset-map"[^>]*\shidden\b', html)
    assert 'href="#asset-list"' in html and 'id="asset-list"' in html


def test_the_page_keeps_the_filters_for_the_map_and_the_list(
    client: Client, assets: dict[str, Asset]
) -> None:
    html = client.get(f"{MAP}?kind=institution&page=3").content.decode()
    assert "Levenshulme Surgery" in html and "Leeds Community Cafe" not in html
    assert 'data-url="/assets/map/data.json?kind=institution"' in html
    assert 'data-fit="1"' in html
    # Empty fields, as a form sends them, are left out; no filter means the whole UK.
    html = client.get(f"{MAP}?q=&kind=&topic=&place=&open=&access=").content.decode()
    assert 'data-url="/assets/map/data.json"' in html
    assert 'data-fit="0"' in html


def test_members_see_members_only_assets_in_the_list(
    client_for, member: User, assets: dict[str, Asset]
) -> None:
    assert "Members Walking Club" in client_for(member).get(MAP).content.decode()


def test_map_page_query_count(
    client: Client, assets: dict[str, Asset], django_assert_max_num_queries
) -> None:
    with django_assert_max_num_queries(12):
        assert client.get(MAP).status_code == 200


class _Sources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.sources: list[str] = []
        self.inline_scripts = 0
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "video", "audio") and found.get("src"):
            self.sources.append(found["src"] or "")
        if tag == "link" and found.get("href"):
            self.sources.append(found["href"] or "")
        if tag == "script" and not found.get("src") and "nonce" not in found:
            self.inline_scripts += 1


def test_nothing_on_the_map_page_comes_from_another_site(
    client: Client, assets: dict[str, Asset]
) -> None:
    response = client.get(MAP)
    parser = _Sources()
    parser.feed(response.content.decode())
    assert parser.sources, "the page loads its style sheet and scripts"
    for source in parser.sources:
        assert source.startswith("/") and not source.startswith("//"), source
    assert "/static/vendor/leaflet/leaflet.js" in parser.sources
    assert "/static/vendor/leaflet/leaflet.css" in parser.sources
    assert "/static/js/asset-map.js" in parser.sources
    assert parser.inline_scripts == 0
    box = re.search(r'data-outlines="([^"]*)"', response.content.decode())
    assert box is not None
    outlines = json.loads(box.group(1).replace("&quot;", '"'))
    assert outlines and all(url.startswith("/static/vendor/uk-outlines/") for url in outlines)
    assert 'data-tile-url=""' in response.content.decode()


def test_the_map_script_asks_no_other_site_for_anything() -> None:
    script = (Path(settings.BASE_DIR) / "static" / "js" / "asset-map.js").read_text()
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", script)
    assert "innerHTML" not in script  # names are people's words: text only


def test_leaflet_and_the_outlines_are_served_from_the_installed_packages() -> None:
    for name in (
        "vendor/leaflet/leaflet.js",
        "vendor/leaflet/leaflet.css",
        *(f"vendor/uk-outlines/{outline}.json" for outline in mapping.OUTLINES),
    ):
        found = finders.find(name)
        assert found and "node_modules" in str(found), name
    england = json.loads(Path(finders.find("vendor/uk-outlines/england.json")).read_text())
    assert england["type"] == "FeatureCollection" and england["features"]


def test_csp_is_intact_on_the_map_page(client: Client, db: None) -> None:
    response = client.get(MAP)
    policy = response.headers["Content-Security-Policy"]
    directives = dict(
        (part.split(" ", 1) + [""])[:2] for part in (p.strip() for p in policy.split(";"))
    )
    assert directives["default-src"] == "'self'"
    assert directives["script-src"].startswith("'self' 'nonce-")
    assert "unsafe-inline" not in policy
    assert directives["img-src"] == "'self' data:"  # no tile server unless the site names one


def test_a_configured_tile_server_is_passed_to_the_map(client: Client, db: None, settings) -> None:
    settings.MAP_TILE_URL = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "Tiles by Example"
    html = client.get(MAP).content.decode()
    assert 'data-tile-url="https://{s}.tiles.example.org/{z}/{x}/{y}.png"' in html
    assert 'data-tile-attribution="Tiles by Example"' in html


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://{s}.tiles.example.org/{z}/{x}/{y}.png", "https://*.tiles.example.org"),
        ("https://maps.example.org:8443/t/{z}/{x}/{y}.png", "https://maps.example.org:8443"),
    ],
)
def test_a_tile_servers_host_is_what_the_csp_allows(url: str, origin: str) -> None:
    from config.settings import map_tile_origin

    assert map_tile_origin(url) == origin


@pytest.mark.parametrize(
    "url", ["tiles/{z}/{x}/{y}.png", "ftp://example.org/{z}", "https://{z}.x/"]
)
def test_a_tile_url_that_is_not_a_web_address_is_refused(url: str) -> None:
    from django.core.exceptions import ImproperlyConfigured

    from config.settings import map_tile_origin

    with pytest.raises(ImproperlyConfigured):
        map_tile_origin(url)


# Who may open what --------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["anonymous", "member", "organiser", "moderator"])
@pytest.mark.parametrize("url", [MAP, f"{DATA}?bbox={UK}&zoom=6"])
def test_permission_matrix_everyone_may_use_the_map(
    request, client_for, db: None, persona: str, url: str
) -> None:
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    assert client_for(user).get(url).status_code == 200


def test_the_map_only_answers_get(client: Client, db: None) -> None:
    assert client.post(f"{DATA}?bbox={UK}&zoom=6").status_code == 405
