from __future__ import annotations

from typing import Any

import pytest

from groundswell.accounts.models import User
from groundswell.content.models import ContentItem
from groundswell.offers import services
from groundswell.offers.models import Offer, Response
from groundswell.privacy.signals import export_sections

pytestmark = pytest.mark.django_db


def test_the_export_has_my_posts_and_replies(need: Offer, offer: Offer, owner: User) -> None:
    services.response_create(post=offer, helper=owner, message="Could we walk Tuesdays?")
    _description, collect = export_sections()["offers_and_needs"]
    rows = collect(owner)
    assert {row["what"] for row in rows} == {"need", "reply"}
    assert any(row["body"] == "Could we walk Tuesdays?" for row in rows)
    # Nobody else's words: the offer the reply was on appears by title only.
    assert all(row.get("body") != offer.body for row in rows)


def test_deleting_an_account_erases_posts_and_replies(
    need: Offer, offer: Offer, owner: User, member: User
) -> None:
    services.response_create(post=need, helper=member, message="I can help")
    item_id = offer.item_id
    from groundswell.privacy.services import account_delete

    account_delete(user=member, mode="everything")
    assert not Offer.objects.filter(author_id=member.pk).exists()
    assert not Response.objects.exists()
    assert not ContentItem.objects.filter(pk=item_id).exists()
    assert Offer.objects.filter(pk=need.pk).exists()


def test_erasure_keeps_a_post_the_person_was_matched_with(
    need: Offer, owner: User, member: User, commit: Any
) -> None:
    response = services.response_create(post=need, helper=member, message="I can help")
    services.offer_mark_done(post=need, actor=owner, thanks="Thanks!", response=response)
    services.erase_for_user(member)
    need.refresh_from_db()
    assert need.matched_response is None
    assert need.status == "done"
