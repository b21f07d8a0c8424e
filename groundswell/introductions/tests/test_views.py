from __future__ import annotations

import pytest
from django.urls import reverse

from groundswell.introductions.models import Introduction, IntroductionStatus
from groundswell.introductions.tests.conftest import NOTE

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "member", "owner", "friend", "outsider", "moderator"]


def _user(request, persona):
    return None if persona == "anonymous" else request.getfixturevalue(persona)


# (url name, method, persona, expected status). member introduced owner and friend.
MATRIX = [
    ("list", "get", "anonymous", 302),
    ("list", "get", "outsider", 200),
    ("create", "get", "anonymous", 302),
    ("create", "get", "member", 200),
    ("detail", "get", "anonymous", 302),
    ("detail", "get", "member", 200),
    ("detail", "get", "owner", 200),
    ("detail", "get", "friend", 200),
    ("detail", "get", "outsider", 404),
    ("detail", "get", "moderator", 404),
    ("accept", "get", "owner", 405),
    ("accept", "post", "anonymous", 302),
    ("accept", "post", "outsider", 404),
    ("accept", "post", "moderator", 404),
    ("accept", "post", "member", 403),
    ("accept", "post", "owner", 302),
    ("decline", "post", "outsider", 404),
    ("decline", "post", "member", 403),
    ("decline", "post", "friend", 302),
    ("withdraw", "post", "outsider", 404),
    ("withdraw", "post", "owner", 403),
    ("withdraw", "post", "member", 302),
]


@pytest.mark.parametrize(("name", "method", "persona", "expected"), MATRIX)
def test_permission_matrix(request, client_for, intro, name, method, persona, expected):
    args = [] if name in ("list", "create") else [intro.pk]
    client = client_for(_user(request, persona))
    response = getattr(client, method)(reverse(f"introductions:{name}", args=args))
    assert response.status_code == expected


def test_missing_introduction_is_404(client_for, member):
    response = client_for(member).get(reverse("introductions:detail", args=[999999]))
    assert response.status_code == 404


def test_organisation_admin_sees_and_answers_a_plain_member_does_not(
    client_for, org_intro, org_admin, org_member
):
    url = reverse("introductions:detail", args=[org_intro.pk])
    assert client_for(org_member).get(url).status_code == 404
    page = client_for(org_admin).get(url)
    assert page.status_code == 200
    assert b"Accept" in page.content
    client_for(org_admin).post(reverse("introductions:accept", args=[org_intro.pk]))
    org_intro.refresh_from_db()
    assert org_intro.answer_b == "accepted"


def test_form_introduces_two_connections_once_on_double_submit(
    client_for, network, member, owner, friend
):
    client = client_for(member)
    page = client.get(reverse("introductions:create") + f"?to={owner.handle}")
    key = page.context["form"].initial["submission_key"]
    assert page.context["form"].initial["person"] == owner.handle
    data = {
        "person": owner.handle,
        "other_person": friend.handle,
        "note": NOTE,
        "submission_key": str(key),
    }
    first = client.post(reverse("introductions:create"), data)
    second = client.post(reverse("introductions:create"), data)
    assert Introduction.objects.count() == 1
    intro = Introduction.objects.get()
    assert (
        first["Location"] == second["Location"] == reverse("introductions:detail", args=[intro.pk])
    )


def test_bad_input_keeps_what_was_typed_with_errors_by_the_fields(
    client_for, network, member, owner, outsider
):
    response = client_for(member).post(
        reverse("introductions:create"),
        {"person": owner.handle, "other_person": outsider.handle, "note": ""},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "other_person" in form.errors
    assert "note" in form.errors
    assert b"There is a problem" in response.content
    assert form["person"].value() == owner.handle
    assert not Introduction.objects.exists()


def test_unknown_organisation_address_is_a_field_error(client_for, network, member, owner):
    response = client_for(member).post(
        reverse("introductions:create"),
        {"person": owner.handle, "organisation": "no-such-group", "note": NOTE},
    )
    assert "couldn't find an organisation" in response.context["form"].errors["organisation"][0]


def test_organisation_by_its_address(client_for, network, member, owner, org, org_admin):
    response = client_for(member).post(
        reverse("introductions:create"),
        {
            "person": owner.handle,
            "organisation": f"https://example.org/organisations/{org.slug}/",
            "note": NOTE,
        },
    )
    assert response.status_code == 302
    assert Introduction.objects.get().organisation == org


def test_decline_is_never_attributed_on_the_pages(client_for, intro, member, owner, friend):
    client_for(owner).post(reverse("introductions:accept", args=[intro.pk]))
    client_for(friend).post(reverse("introductions:decline", args=[intro.pk]))
    url = reverse("introductions:detail", args=[intro.pk])
    for viewer in (member, owner):
        text = client_for(viewer).get(url).content.decode()
        assert "Won't go ahead" in text or "Won&#x27;t go ahead" in text
        assert "declined" not in text.lower().replace("who declined", "")
    lists = client_for(member).get(reverse("introductions:list")).content.decode()
    assert "declined" not in lists.lower()
    # The one who declined sees their own answer.
    assert "You declined" in client_for(friend).get(url).content.decode()


def test_side_notes_are_shown_to_their_side_only(client_for, intro, owner, friend, member):
    url = reverse("introductions:detail", args=[intro.pk])
    owner_page = client_for(owner).get(url).content.decode()
    assert "Olu: Fri knows the routes." in owner_page
    assert "Fri: Olu is new here." not in owner_page
    assert "Fri: Olu is new here." in client_for(member).get(url).content.decode()


def test_both_accept_on_the_pages_links_the_conversation(client_for, intro, owner, friend):
    client_for(owner).post(reverse("introductions:accept", args=[intro.pk]))
    client_for(friend).post(reverse("introductions:accept", args=[intro.pk]))
    intro.refresh_from_db()
    assert intro.status == IntroductionStatus.CONNECTED
    page = client_for(owner).get(reverse("introductions:detail", args=[intro.pk]))
    assert reverse("messaging:conversation", args=[intro.conversation_id]).encode() in page.content


def test_list_and_detail_query_counts(
    client_for, django_assert_max_num_queries, network, member, owner, friend, org, org_admin
):
    from groundswell.follows.services import connection_make
    from groundswell.introductions import services

    services.introduction_create(introducer=member, person=owner, other_person=friend, note=NOTE)
    services.introduction_create(introducer=member, person=owner, organisation=org, note=NOTE)
    others = []
    for n in range(5):
        from groundswell.core.testing.factories import UserFactory

        other = UserFactory(display_name=f"Other {n}")
        connection_make(user=member, other=other)
        others.append(other)
        services.introduction_create(introducer=member, person=owner, other_person=other, note=NOTE)
    client = client_for(owner)
    client.get(reverse("introductions:list"))
    with django_assert_max_num_queries(14):
        assert client.get(reverse("introductions:list")).status_code == 200
    intro = Introduction.objects.first()
    with django_assert_max_num_queries(12):
        assert client.get(reverse("introductions:detail", args=[intro.pk])).status_code == 200
    introducer = client_for(member)
    introducer.get(reverse("introductions:list"))
    with django_assert_max_num_queries(14):
        assert introducer.get(reverse("introductions:list")).status_code == 200


def test_withdrawn_page_offers_no_answer(client_for, intro, member, owner):
    client_for(member).post(reverse("introductions:withdraw", args=[intro.pk]))
    page = client_for(owner).get(reverse("introductions:detail", args=[intro.pk]))
    assert b"Withdrawn" in page.content
    assert reverse("introductions:accept", args=[intro.pk]).encode() not in page.content


def test_unverified_member_is_sent_to_verify(client_for, network):
    from groundswell.core.testing.factories import UserFactory

    person = UserFactory(verified=False)
    response = client_for(person).get(reverse("introductions:create"))
    assert response.status_code == 302


def test_profile_links_to_introduce_only_for_a_connection(
    client_for, network, member, outsider, owner
):
    from groundswell.accounts.models import Profile

    Profile.objects.filter(user=owner).update(bio="I walk on Tuesdays.")
    link = (reverse("introductions:create") + f"?to={owner.handle}").encode()
    assert link in client_for(member).get(reverse("accounts:profile", args=[owner.handle])).content
    page = client_for(outsider).get(reverse("accounts:profile", args=[owner.handle]))
    assert link not in page.content


def test_organisation_page_links_to_introduce_except_for_its_staff(
    client_for, network, member, org, org_admin
):
    link = (reverse("introductions:create") + f"?org={org.slug}").encode()
    url = reverse("organisations:detail", args=[org.slug])
    assert link in client_for(member).get(url).content
    assert link not in client_for(org_admin).get(url).content
    assert link not in client_for(None).get(url).content
