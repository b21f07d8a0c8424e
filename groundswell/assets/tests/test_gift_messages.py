"""Writing to the person behind a gift: the gift's pages never say who they are (unless they
chose their name), and the only way to reach them is the gift's own message page."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from groundswell.accounts.models import User
from groundswell.assets import services
from groundswell.assets.models import Asset, ShownAs
from groundswell.follows.services import block_create
from groundswell.messaging.models import Conversation, Message

pytestmark = pytest.mark.django_db


def _set_shown_as(gift: Asset, shown_as: str) -> None:
    Asset.objects.filter(pk=gift.pk).update(shown_as=shown_as)


@pytest.mark.parametrize("shown_as", [ShownAs.NEIGHBOUR, ShownAs.FIRST_NAME, ShownAs.NAME])
def test_gift_pages_never_show_the_handle_and_the_name_only_when_chosen(
    client_for: Any, gift: Asset, owner: User, member: User, shown_as: str
) -> None:
    _set_shown_as(gift, shown_as)
    client = client_for(member)
    pages = {
        "detail": client.get(f"/assets/{gift.slug}/").text,
        "list": client.get("/assets/").text,
        "message": client.get(f"/assets/{gift.slug}/message/").text,
    }
    for where, text in pages.items():
        assert gift.name in text, where
        assert owner.handle not in text, where
        if shown_as == ShownAs.NAME:
            continue
        assert owner.display_name not in text, where
        if shown_as == ShownAs.NEIGHBOUR:
            assert "Olu" not in text, where
    assert f"/assets/{gift.slug}/message/" in pages["detail"]
    assert "messaging/new" not in pages["detail"] and "?to=" not in pages["detail"]


def test_visitor_is_asked_to_sign_in_to_write(client_for: Any, gift: Asset) -> None:
    Asset.objects.filter(pk=gift.pk).update(audience="public")
    client = client_for(None)
    page = client.get(f"/assets/{gift.slug}/").text
    assert f"?next=/assets/{gift.slug}/message/" in page
    response = client.get(f"/assets/{gift.slug}/message/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("member", 200), ("outsider", 200), ("owner", 403), ("blocked", 403)],
)
def test_message_page_permission_matrix(
    request: Any,
    client_for: Any,
    gift: Asset,
    owner: User,
    member: User,
    persona: str,
    status: int,
) -> None:
    user: User | None
    if persona == "anonymous":
        user = None
    elif persona == "blocked":
        block_create(blocker=owner, blocked=member)
        user = member
    else:
        user = request.getfixturevalue(persona)
    response = client_for(user).get(f"/assets/{gift.slug}/message/")
    assert response.status_code == status
    if persona == "owner":
        assert "This is your own gift" in response.text
        assert 'name="body"' not in response.text
    if persona == "blocked":
        assert "send a message about this gift" in response.text
        assert owner.display_name not in response.text


def test_blocked_member_cannot_post_either(
    client_for: Any, gift: Asset, owner: User, member: User
) -> None:
    block_create(blocker=owner, blocked=member)
    response = client_for(member).post(f"/assets/{gift.slug}/message/", {"body": "Hello"})
    assert response.status_code == 403
    assert not Message.objects.exists()


def test_owner_cannot_write_to_themself(client_for: Any, gift: Asset, owner: User) -> None:
    response = client_for(owner).post(f"/assets/{gift.slug}/message/", {"body": "Hello"})
    assert response.status_code == 403
    assert not Message.objects.exists()


def test_listings_and_withdrawn_gifts_have_no_message_page(
    client_for: Any, gift: Asset, listing: Asset, owner: User, member: User
) -> None:
    client = client_for(member)
    assert client.get(f"/assets/{listing.slug}/message/").status_code == 404
    services.asset_withdraw(asset=gift, actor=owner)
    assert client.get(f"/assets/{gift.slug}/message/").status_code == 404


def test_member_writes_and_the_person_behind_the_gift_can_answer(
    client_for: Any, gift: Asset, owner: User, member: User
) -> None:
    key = str(uuid.uuid4())
    data = {"body": "Hello, could you help me with a PIP form?", "submission_key": key}
    client = client_for(member)
    first = client.post(f"/assets/{gift.slug}/message/", data)
    again = client.post(f"/assets/{gift.slug}/message/", data)
    assert first.status_code == again.status_code == 302
    assert Message.objects.count() == 1  # a double submit sends one message
    conversation = Conversation.objects.get()
    assert first["Location"].startswith(f"/messages/{conversation.pk}/")
    assert set(conversation.participants.values_list("user_id", flat=True)) == {
        owner.pk,
        member.pk,
    }
    # They are not connected, yet the person behind the gift may answer.
    reply = client_for(owner).post(
        f"/messages/{conversation.pk}/", {"body": "Yes, happy to. When suits you?"}
    )
    assert reply.status_code == 302
    assert Message.objects.count() == 2


def test_empty_message_is_refused_next_to_the_field(
    client_for: Any, gift: Asset, member: User
) -> None:
    response = client_for(member).post(f"/assets/{gift.slug}/message/", {"body": "  "})
    assert response.status_code == 200
    assert "Write a message before sending." in response.text
    assert not Message.objects.exists()


def test_gift_form_says_plainly_which_name_people_who_write_will_see(
    client_for: Any, owner: User
) -> None:
    text = client_for(owner).get("/assets/add/gift/").text
    assert "When someone writes to you" in text
    assert "Olu Owner" in text
