"""A member's profile links to their offers page (offers only: a need can say something about
its author's health). The profile page adds no query for it: the link is always there and the
offers page says when there is nothing open."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from groundswell.accounts.models import Profile, User, Visibility
from groundswell.offers.models import Offer

pytestmark = pytest.mark.django_db


def _with_bio(user: User, visibility: str = Visibility.MEMBERS) -> None:
    Profile.objects.update_or_create(
        user=user, defaults={"bio": "Walks, tea, allotments.", "bio_visibility": visibility}
    )


def test_a_profile_links_to_the_members_offers(
    client_for: Any, owner: User, member: User, offer: Offer
) -> None:
    _with_bio(member)
    page = client_for(owner).get(reverse("accounts:profile", args=[member.handle]))
    html = page.content.decode()
    assert f'href="{reverse("offers:person", args=[member.handle])}"' in html
    assert "Offers from Mina Member" in html
    offers_page = client_for(owner).get(reverse("offers:person", args=[member.handle]))
    assert offer.title in offers_page.content.decode()


def test_the_offers_page_never_lists_needs(client_for: Any, owner: User, need: Offer) -> None:
    _with_bio(owner)
    page = client_for(None).get(reverse("offers:person", args=[owner.handle]))
    # The profile is visible only to members: a visitor finds nothing.
    assert page.status_code == 404
    _with_bio(owner, Visibility.PUBLIC)
    page = client_for(None).get(reverse("offers:person", args=[owner.handle]))
    assert page.status_code == 200
    html = page.content.decode()
    assert need.title not in html
    assert "Olu Owner has no open offers just now." in html


def test_with_nothing_open_the_offers_page_is_there_for_whoever_sees_the_profile(
    client_for: Any, owner: User, outsider: User
) -> None:
    url = reverse("offers:person", args=[owner.handle])
    # Nothing filled in, nothing posted: no profile, so no offers page either.
    assert client_for(outsider).get(url).status_code == 404
    own = client_for(owner).get(url)
    assert own.status_code == 200
    assert "You have no open offers just now." in own.content.decode()
    _with_bio(owner)
    assert client_for(outsider).get(url).status_code == 200


def test_someone_who_blocked_the_viewer_has_no_offers_page_for_them(
    client_for: Any, member: User, outsider: User, offer: Offer
) -> None:
    from groundswell.follows import services as follows

    follows.block_create(blocker=member, blocked=outsider)
    url = reverse("offers:person", args=[member.handle])
    assert client_for(outsider).get(url).status_code == 404
