"""Offers and needs in the shared apps: search, moderation, follows and the staff menu."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from groundswell.accounts.models import User
from groundswell.core.staffscreens import staff_screens_for
from groundswell.moderation import services as moderation_services
from groundswell.offers.models import Offer
from groundswell.search.models import SearchDocument

pytestmark = pytest.mark.django_db


def test_a_post_is_found_by_its_words_on_the_search_page(
    need: Offer, client_for: Any, member: User
) -> None:
    assert SearchDocument.objects.filter(item=need.item).exists()
    page = client_for(member).get(reverse("search:search"), {"q": "confidence"}).content.decode()
    assert need.title in page


def test_members_only_posts_are_not_found_by_visitors(need: Offer, client_for: Any) -> None:
    page = client_for(None).get(reverse("search:search"), {"q": "confidence"}).content.decode()
    assert need.title not in page


def test_a_moderator_hides_a_post_and_it_leaves_lists_and_search(
    need: Offer, moderator: User, commit: Any, client_for: Any, member: User
) -> None:
    from groundswell.core.staff import grant_staff_powers

    grant_staff_powers(moderator)
    with commit():
        moderation_services.item_hide(item=need, actor=moderator, reason="Spam")
    need.refresh_from_db()
    assert need.is_hidden
    assert not SearchDocument.objects.filter(item=need.item).exists()
    assert client_for(member).get(reverse("offers:detail", args=[need.pk])).status_code == 404
    owner_page = client_for(need.author).get(reverse("offers:detail", args=[need.pk]))
    assert "A moderator hid this" in owner_page.content.decode()


def test_a_post_can_be_followed(need: Offer, client_for: Any, member: User) -> None:
    from groundswell.follows.models import Follow

    response = client_for(member).post(reverse("follows:follow", args=["offer", need.pk]))
    assert response.status_code in (200, 302)
    assert Follow.objects.filter(target_kind="offer", target_id=need.pk).exists()


def test_the_waiting_screen_is_in_the_staff_menu(moderator: User, member: User) -> None:
    assert "offers_waiting" in {s.key for s in staff_screens_for(moderator)}
    assert "offers_waiting" not in {s.key for s in staff_screens_for(member)}
