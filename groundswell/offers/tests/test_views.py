from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.urls import reverse

from groundswell.accounts.models import User
from groundswell.core.testing.factories import UserFactory
from groundswell.offers import services
from groundswell.offers.models import Offer, Response, Status
from groundswell.offers.tests.conftest import make_input
from groundswell.places.models import Place
from groundswell.topics.models import Topic

pytestmark = pytest.mark.django_db


def _form(where: Place, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "side": "need",
        "category": "lifts",
        "title": "A lift to the eye clinic",
        "body": "Every other Thursday morning, from Levenshulme to the Royal Eye Hospital.",
        "place": where.pk,
        "days": ["3"],
        "times": ["0"],
        "reach": "in_person",
        "travel_km": "8",
        "audience": "members",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_posting_a_need_through_the_form(
    client_for: Any, owner: User, places: dict[str, Place]
) -> None:
    response = client_for(owner).post(reverse("offers:create"), _form(places["levenshulme"]))
    post = Offer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("offers:detail", args=[post.pk])
    assert post.is_need
    assert post.days == 0b1000
    assert post.availability_label == "Thursdays: mornings"


def test_a_double_submit_makes_one_post(
    client_for: Any, owner: User, places: dict[str, Place]
) -> None:
    client = client_for(owner)
    data = _form(places["levenshulme"])
    client.post(reverse("offers:create"), data)
    client.post(reverse("offers:create"), data)
    assert Offer.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"travel_km": "500"}, "Enter a distance from 0 to 100 kilometres."),
        ({"travel_km": "far"}, "Enter a whole number of kilometres"),
        ({"travel_km": ""}, "Say how far you can travel"),
        ({"days": ["9"]}, "Choose days from the list."),
        ({"title": ""}, "Give it a short title."),
        ({"place": ""}, "Choose the place it is in or near."),
    ],
)
def test_bad_input_is_explained_and_kept(
    client_for: Any, owner: User, places: dict[str, Place], overrides: dict[str, Any], message: str
) -> None:
    response = client_for(owner).post(
        reverse("offers:create"), _form(places["levenshulme"], **overrides)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Every other Thursday morning" in page  # what they typed is kept
    assert not Offer.objects.exists()


def test_online_only_needs_no_distance_in_the_form(
    client_for: Any, owner: User, places: dict[str, Place]
) -> None:
    client_for(owner).post(
        reverse("offers:create"), _form(places["levenshulme"], reach="online", travel_km="")
    )
    assert Offer.objects.get().travel_km is None


def test_i_can_help_then_matched_then_done_with_thanks(
    client_for: Any, need: Offer, owner: User, member: User, commit: Any
) -> None:
    helper = client_for(member)
    with commit():
        sent = helper.post(
            reverse("offers:respond", args=[need.pk]),
            {"message": "I walk on Tuesdays", "submission_key": str(uuid.uuid4())},
        )
    response = Response.objects.get()
    assert sent["Location"] == reverse("messaging:conversation", args=[response.conversation_id])
    # Back on the need, the helper is sent to the conversation, not asked again.
    again = helper.get(reverse("offers:respond", args=[need.pk]))
    assert again.status_code == 302
    poster = client_for(owner)
    detail = poster.get(reverse("offers:detail", args=[need.pk])).content.decode()
    assert "Mina Member" in detail
    poster.post(reverse("offers:matched", args=[need.pk]), {"response": response.pk})
    need.refresh_from_db()
    assert need.status == Status.MATCHED
    with commit():
        poster.post(
            reverse("offers:done", args=[need.pk]),
            {"response": response.pk, "thanks": "You made Tuesdays lovely."},
        )
    need.refresh_from_db()
    assert need.status == Status.DONE
    helper.post(reverse("offers:thanks", args=[need.pk]), {"shown": "1"})
    page = client_for(UserFactory.create(username="reader")).get(
        reverse("offers:person", args=[member.handle])
    )
    assert "You made Tuesdays lovely." in page.content.decode()


def test_the_poster_sees_suggestions(
    client_for: Any, need: Offer, offer: Offer, owner: User
) -> None:
    page = client_for(owner).get(reverse("offers:detail", args=[need.pk])).content.decode()
    assert "Suggested for you" in page
    assert offer.title in page


def test_the_list_filters(
    client_for: Any, need: Offer, offer: Offer, member: User, topics: dict[str, Topic]
) -> None:
    client = client_for(member)
    page = client.get(reverse("offers:list"), {"side": "need"}).content.decode()
    assert need.title in page
    assert offer.title not in page
    page = client.get(reverse("offers:list"), {"category": "lifts"}).content.decode()
    assert need.title not in page
    page = client.get(reverse("offers:list"), {"place": "cardiff"}).content.decode()
    assert need.title not in page
    page = client.get(reverse("offers:list"), {"place": "manchester"}).content.decode()
    assert need.title in page and offer.title in page
    page = client.get(reverse("offers:list"), {"topic": "walking"}).content.decode()
    assert need.title in page


def test_visitors_see_only_public_posts(client_for: Any, need: Offer, offer: Offer) -> None:
    Offer.objects.filter(pk=offer.pk).update(audience="public")
    page = client_for(None).get(reverse("offers:list")).content.decode()
    assert offer.title in page
    assert need.title not in page


def test_the_list_pages_by_keyset(
    client_for: Any, owner: User, places: dict[str, Place], settings: Any
) -> None:
    settings.FEED_PAGE_SIZE = 20
    for n in range(25):
        services.offer_create(
            author=owner,
            data=make_input(places["levenshulme"], title=f"Need number {n:02d}"),
            check_limit=False,
        )
    client = client_for(owner)
    first = client.get(reverse("offers:list"))
    assert len(first.context["page"].items) == 20
    cursor = first.context["page"].next_cursor
    second = client.get(reverse("offers:list"), {"after": cursor})
    assert len(second.context["page"].items) == 5
    assert "Need number 00" in second.content.decode()
    assert client.get(reverse("offers:list"), {"after": "!!nonsense"}).status_code == 200


def test_the_list_costs_a_fixed_number_of_queries(
    client_for: Any,
    owner: User,
    places: dict[str, Place],
    topics: dict[str, Topic],
    django_assert_max_num_queries: Any,
) -> None:
    for n in range(20):
        author = UserFactory.create(username=f"poster{n}")
        services.offer_create(
            author=author,
            data=make_input(
                places["levenshulme"], title=f"Need {n}", topics=[topics["walking"], topics["food"]]
            ),
            check_limit=False,
        )
    client = client_for(owner)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("offers:list"), {"side": "need", "topic": "walking"})
    assert len(response.context["page"].items) == 20


def test_the_detail_page_costs_a_fixed_number_of_queries(
    client_for: Any,
    need: Offer,
    offer: Offer,
    owner: User,
    django_assert_max_num_queries: Any,
) -> None:
    for n in range(5):
        services.response_create(
            post=need, helper=UserFactory.create(username=f"helper{n}"), message="I can help"
        )
    client = client_for(owner)
    with django_assert_max_num_queries(20):
        client.get(reverse("offers:detail", args=[need.pk]))


def test_reporting_reaches_moderation(client_for: Any, need: Offer, outsider: User) -> None:
    from groundswell.moderation.models import Report

    client_for(outsider).post(
        reverse("offers:report", args=[need.pk]), {"reason": "spam", "details": ""}
    )
    assert Report.objects.filter(item=need.item).count() == 1


def test_the_list_filters_are_drawn_with_their_labels_and_kind_errors(
    client_for: Any, need: Offer, member: User, topics: dict[str, Topic]
) -> None:
    client = client_for(member)
    page = client.get(reverse("offers:list"), {"topic": "walking"}).content.decode()
    for name in ("side", "category", "topic", "place", "status"):
        assert f'<label for="id_{name}">' in page
        assert f'<select name="{name}" id="id_{name}">' in page
    assert '<option value="walking" selected>' in page
    assert '<option value="manchester">Manchester</option>' in page
    page = client.get(reverse("offers:list"), {"topic": "nope", "side": "x"}).content.decode()
    assert "Choose a topic from the list." in page
    assert "Choose offers, needs or both." in page
    assert 'aria-describedby="id_topic_error"' in page
