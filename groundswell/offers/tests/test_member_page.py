"""Signed-in members get the offers and needs list from a copy they share (member_page.py): each
must see exactly the page rendered for them, every change must show at once, and nothing made
for members may reach a visitor."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client, RequestFactory
from django.urls import reverse

from groundswell.accounts.models import User
from groundswell.content.models import Audience
from groundswell.core.testing.factories import UserFactory
from groundswell.moderation import services as moderation_services
from groundswell.offers import services
from groundswell.offers.models import Offer
from groundswell.offers.tests.conftest import make_input
from groundswell.organisations.models import Organisation

pytestmark = pytest.mark.django_db

TOKENS = [
    (
        re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'),
        'name="csrfmiddlewaretoken" value=""',
    ),
    (re.compile(r'nonce="[^"]+"'), 'nonce=""'),
]
QUERIES = ["", "?side=need", "?side=offer&topic=walking", "?place=manchester&status=open"]


def normalised(html: str) -> str:
    """The page without the per-request tokens (CSRF, CSP nonce)."""
    for pattern, repl in TOKENS:
        html = pattern.sub(repl, html)
    return html


def page(client: Client, query: str = "") -> tuple[str, str]:
    response = client.get(reverse("offers:list") + query)
    assert response.status_code == 200
    return response.content.decode(), response.get("X-Page-Cache", "")


@pytest.fixture
def posts(need: Offer, offer: Offer, owner: User, places: Any, topics: Any, commit: Any) -> Any:
    """The `need` and `offer` (members only), a public offer, and one posted as an organisation."""
    organisation = Organisation.objects.create(
        name="Levenshulme Walkers", slug="lev-walkers", kind="community_group"
    )
    with commit():
        public = services.offer_create(
            author=owner,
            data=make_input(
                places["levenshulme"],
                side="offer",
                title="Spare allotment space",
                category="space",
                audience=Audience.PUBLIC,
                topics=[topics["food"]],
            ),
        )
        from_org = services.offer_create(
            author=owner,
            data=make_input(places["moss_side"], title="Group walks on Sundays"),
        )
    Offer.objects.filter(pk=from_org.pk).update(organisation=organisation)
    return {"need": need, "offer": offer, "public": public, "organisation": organisation}


def test_every_member_sees_the_page_rendered_for_them(
    posts: Any, member: User, outsider: User, client_for: Any, settings: Any
) -> None:
    unverified = UserFactory(display_name="Una Unverified", verified=False)
    viewers = [outsider, member, unverified]
    shared: dict[tuple[int, str], str] = {}
    for query in QUERIES:
        for viewer in viewers:
            page(client_for(viewer), query)  # the first of each kind builds the copy
        for viewer in viewers:
            html, how = page(client_for(viewer), query)
            assert how == "member-hit"
            shared[viewer.pk, query] = html
    assert "Someone to walk with on Tuesdays" in shared[member.pk, ""]
    settings.MEMBER_PAGE_CACHE_SECONDS = 0  # now rendered for each viewer
    for query in QUERIES:
        for viewer in viewers:
            html, how = page(client_for(viewer), query)
            assert how == ""
            assert normalised(shared[viewer.pk, query]) == normalised(html), (viewer, query)


def test_the_header_is_each_members_own(posts: Any, member: User, client_for: Any) -> None:
    page(client_for(member))
    client = client_for(member)
    html, how = page(client)
    assert how == "member-hit"
    # The logout form carries this member's own CSRF token; no slot is left unfilled.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert token and token.group(1)
    assert "\x00" not in html
    assert client.cookies.get("csrftoken") is not None


@pytest.mark.parametrize(
    "change",
    ["edit", "new", "hide", "withdraw", "topics", "rename", "organisation", "audience"],
)
def test_a_change_shows_at_once(
    change: str,
    posts: Any,
    member: User,
    owner: User,
    outsider: User,
    moderator: User,
    places: Any,
    topics: Any,
    client_for: Any,
    commit: Any,
) -> None:
    need = posts["need"]
    client = client_for(outsider)
    page(client)
    html, how = page(client)
    assert how == "member-hit"
    assert "Olu Owner" in html and "Levenshulme Walkers" in html
    gone: str | None = None
    shown: str | None = None
    with commit():
        if change == "edit":
            services.offer_update(
                post=need,
                actor=owner,
                data=make_input(places["levenshulme"], title="A new title for the walk"),
            )
            gone, shown = "Someone to walk with on Tuesdays", "A new title for the walk"
        elif change == "new":
            services.offer_create(
                author=member, data=make_input(places["cardiff"], title="Help with a garden")
            )
            shown = "Help with a garden"
        elif change == "hide":
            moderation_services.item_hide(item=need, actor=moderator, reason="Spam")
            gone = "Someone to walk with on Tuesdays"
        elif change == "withdraw":
            services.offer_withdraw(post=need, actor=owner)
            gone = "Someone to walk with on Tuesdays"
        elif change == "topics":
            need.topics.set([topics["caring"]])
            shown = "Caring"
        elif change == "rename":
            # A member who renames themself for privacy must not stay listed under the old name.
            owner.display_name = "O. O."
            owner.save()
            gone, shown = "Olu Owner", "O. O."
        elif change == "organisation":
            organisation = posts["organisation"]
            organisation.name = "Moss Side Striders"
            organisation.save()
            gone, shown = "Levenshulme Walkers", "Moss Side Striders"
        elif change == "audience":
            services.offer_update(
                post=need,
                actor=owner,
                data=make_input(
                    places["levenshulme"], title="Open to all now", audience=Audience.PUBLIC
                ),
            )
            shown = "Open to all now"
    html, how = page(client)
    assert how == "member-miss"
    if gone:
        assert gone not in html
    if shown:
        assert shown in html


def test_staff_and_members_with_a_message_get_rendered_pages(
    posts: Any,
    member: User,
    moderator: User,
    organiser: User,
    admin_user: User,
    client_for: Any,
) -> None:
    page(client_for(member))  # a shared copy exists
    for person in (moderator, organiser, admin_user):
        client = client_for(person)
        for _ in range(2):
            html, how = page(client)
            assert how == "", person
    assert "Moderation" in page(client_for(moderator))[0]
    assert reverse("staff_places:list") in page(client_for(organiser))[0]
    assert reverse("staff_places:list") not in page(client_for(member))[0]

    # A member with a message waiting sees it, on a page rendered for them.
    client = client_for(member)
    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(constants.SUCCESS, "Your offer is posted.")
    response = client.get("/")  # any response to carry the cookie
    storage.update(response)
    client.cookies[CookieStorage.cookie_name] = response.cookies[CookieStorage.cookie_name].value
    html, how = page(client)
    assert how == ""
    assert "Your offer is posted." in html


def test_a_shared_copy_costs_few_queries(
    posts: Any, member: User, outsider: User, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    page(client_for(member), "?side=offer")
    client = client_for(outsider)
    # Session, user, the content version, email verified, the two header counts.
    with django_assert_max_num_queries(6):
        html, how = page(client, "?side=offer")
    assert how == "member-hit"


def test_a_members_only_post_never_reaches_a_visitor(
    posts: Any, member: User, client_for: Any
) -> None:
    html, _ = page(client_for(member))  # builds the members' shared copy
    assert "Someone to walk with on Tuesdays" in page(client_for(member))[0]
    visitor = Client()
    for expected in ("miss", "hit"):
        html, how = page(visitor)
        assert how == expected
        assert "Spare allotment space" in html
        assert "Someone to walk with on Tuesdays" not in html
        assert "Walking buddy, weekday mornings" not in html
    # And the other way round: a visitor's stored page is never a member's.
    html, how = page(client_for(member))
    assert how == "member-hit"
    assert "Someone to walk with on Tuesdays" in html
