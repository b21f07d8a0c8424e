from __future__ import annotations

import io
import uuid

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from groundswell.core.staff import grant_staff_powers
from groundswell.core.testing.factories import PlaceFactory, UserFactory
from groundswell.organisations import services
from groundswell.organisations.models import Membership, Organisation, Role
from groundswell.organisations.tests.conftest import make_input


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "name": "Moss Side Men's Shed",
        "kind": "community_group",
        "description": "Tools, tea and company on Thursdays.",
        "contact_email": "shed@example.org",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_create_then_page_shows_not_yet_verified(client_for, member):
    client = client_for(member)
    response = client.post(reverse("organisations:create"), _form())
    org = Organisation.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(
        f"/organisations/{org.slug}/"
    )
    page = client.get(response["Location"]).content.decode()
    assert "Moss Side Men&#x27;s Shed" in page
    assert "Not yet verified" in page
    assert "shed@example.org" in page
    assert member.email not in page


def test_double_submit_through_the_form_creates_one(client_for, member):
    client = client_for(member)
    data = _form()
    first = client.post(reverse("organisations:create"), data)
    second = client.post(reverse("organisations:create"), data)
    assert Organisation.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_bad_input_keeps_what_was_typed(client_for, member):
    response = client_for(member).post(
        reverse("organisations:create"),
        _form(
            name="",
            website="not a url at all",
            contact_phone="call me maybe",
            description="We knit.",
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter the organisation&#x27;s name." in html
    assert 'value="call me maybe"' in html
    assert "We knit." in html
    assert 'href="#id_name"' in html and 'aria-describedby="id_name_error' in html
    assert Organisation.objects.count() == 0


def test_logo_without_description_keeps_the_words(client_for, member):
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(out, format="PNG")
    upload = SimpleUploadedFile("l.png", out.getvalue(), content_type="image/png")
    response = client_for(member).post(reverse("organisations:create"), {**_form(), "logo": upload})
    html = response.content.decode()
    assert "Describe the logo so people using screen readers" in html
    assert "Tools, tea and company" in html


def test_unverified_member_is_sent_to_verify_email(client_for):
    person = UserFactory(verified=False)
    response = client_for(person).get(reverse("organisations:create"))
    assert response.status_code == 302 and response["Location"] == reverse("account_email")


def test_nonsense_query_strings_never_500(client_for, member):
    client = client_for(member)
    for query in ("?page=abc", "?page=-1", "?kind=evil", "?place=%00", "?q=" + "x" * 500):
        assert client.get(reverse("organisations:list") + query).status_code == 200


def test_list_filters_by_kind_place_and_name(client_for, owner, city, region):
    leeds = PlaceFactory(name="Leeds", slug="leeds", level="county", parent=region.parent)
    services.organisation_create(
        creator=owner, data=make_input(name="Leeds Carers", kind="charity", places=[leeds])
    )
    services.organisation_create(
        creator=owner, data=make_input(name="Hulme Care Home", kind="care_home", places=[city])
    )
    client = client_for(None)
    url = reverse("organisations:list")
    assert "Hulme Care Home" in client.get(url + "?kind=care_home").content.decode()
    assert "Leeds Carers" not in client.get(url + "?kind=care_home").content.decode()
    by_region = client.get(url + "?place=north-west").content.decode()
    assert "Hulme Care Home" in by_region and "Leeds Carers" not in by_region
    assert "Leeds Carers" in client.get(url + "?q=leeds").content.decode()


def test_list_query_count_is_fixed(
    client_for, owner, city, django_assert_max_num_queries, monkeypatch
):
    monkeypatch.setattr(services, "CREATE_LIMIT", (100, 3600))
    for n in range(25):
        services.organisation_create(
            creator=owner, data=make_input(name=f"Group {n:02}", places=[city])
        )
    client = client_for(None)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("organisations:list"))
    assert response.content.decode().count('class="card org-card"') == 20


def test_page_query_count_is_fixed(org, client_for, org_member, django_assert_max_num_queries):
    from groundswell.core.testing.factories import StoryFactory, TopicFactory
    from groundswell.stories.models import Identity

    for i in range(5):  # its posts: one query for them and one for their topics, however many
        StoryFactory(
            author=org.memberships.get(role="owner").user,
            identity=Identity.ORGANISATION,
            organisation=org,
            title=f"Post {i}",
            topics=[TopicFactory()],
        )
    client = client_for(org_member)
    client.get(reverse("organisations:detail", args=[org.slug]))  # warm the session
    # 8 for the page as before, 2 for the posts and their topics, 1 for the follow button.
    with django_assert_max_num_queries(11):
        response = client.get(reverse("organisations:detail", args=[org.slug]))
    html = response.content.decode()
    assert "You are a member" in html and "Post 4" in html


def test_members_page_query_count_is_fixed(org, client_for, owner, django_assert_max_num_queries):
    for _ in range(15):
        Membership.objects.create(organisation=org, user=UserFactory(), role=Role.MEMBER)
    client = client_for(owner)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("organisations:members", args=[org.slug]))
    assert response.content.decode().count("<tr>") == 17  # header + owner + 15


def test_invitation_flow_through_pages(
    org, client_for, owner, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://groundswell.example"
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(owner).post(
            reverse("organisations:invite", args=[org.slug]),
            {"email": "friend@example.org", "role": "member"},
        )
    assert response.status_code == 302
    link = next(
        line for line in mail.outbox[0].body.splitlines() if "/organisations/invitations/" in line
    )
    assert link.strip().startswith("https://groundswell.example/organisations/invitations/")
    path = "/" + link.split("/", 3)[3].strip()
    anonymous = client_for(None).get(path).content.decode()
    assert "Sign in to accept" in anonymous
    friend = UserFactory(email="friend@example.org")
    client = client_for(friend)
    assert client.post(path).status_code == 302
    assert Membership.objects.filter(organisation=org, user=friend).exists()
    reused = client_for(UserFactory(email="friend2@example.org")).get(path)
    assert reused.status_code == 410
    assert "already been used" in reused.content.decode()


def test_invite_bad_email_keeps_it(org, client_for, owner):
    response = client_for(owner).post(
        reverse("organisations:invite", args=[org.slug]),
        {"email": "not-an-email", "role": "member"},
    )
    html = response.content.decode()
    assert "Enter an email address like name@example.org." in html
    assert 'value="not-an-email"' in html


def test_detail_contact_is_the_organisations_never_a_members(org, client_for, owner):
    html = client_for(None).get(reverse("organisations:detail", args=[org.slug])).content.decode()
    assert "walks@example.org" in html
    assert owner.email not in html
    assert "Olu Owner" not in html  # who belongs is for members to see


def test_logo_is_served_with_its_alt_text(owner, client_for):
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(out, format="PNG")
    upload = SimpleUploadedFile("l.png", out.getvalue(), content_type="image/png")
    org = services.organisation_create(
        creator=owner, data=make_input(logo=upload, logo_alt="A red square")
    )
    client = client_for(None)
    html = client.get(reverse("organisations:detail", args=[org.slug])).content.decode()
    assert 'alt="A red square"' in html
    response = client.get(reverse("organisations:logo", args=[org.slug]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    response.close()


def test_moderators_find_organisations_waiting_for_verification(
    client_for, owner, moderator, django_assert_max_num_queries
):
    waiting = services.organisation_create(creator=owner, data=make_input(name="Brook Surgery"))
    checked = services.organisation_create(creator=owner, data=make_input(name="Hill Care Home"))
    grant_staff_powers(moderator)  # signed in with two steps
    services.organisation_verify(org=checked, actor=moderator)
    client = client_for(moderator)
    queue = client.get(reverse("moderation:queue")).content.decode()
    assert f'href="{reverse("organisations:to_verify")}"' in queue  # in the moderators' menu
    with django_assert_max_num_queries(12):
        page = client.get(reverse("organisations:to_verify")).content.decode()
    assert "Brook Surgery" in page and "Hill Care Home" not in page
    assert "1 organisation is waiting" in page
    services.organisation_verify(org=waiting, actor=moderator)
    assert "Nothing is waiting" in client.get(reverse("organisations:to_verify")).content.decode()


def test_members_do_not_see_the_verification_list(client_for, member):
    client = client_for(member)
    assert client.get(reverse("organisations:to_verify")).status_code == 404
    assert (
        "Organisations to verify" not in client.get(reverse("organisations:list")).content.decode()
    )


def test_own_members_are_not_offered_follow_but_others_are(client_for, org, owner, member):
    """Its members see its posts already: no Follow button for them (and following is refused)."""
    from groundswell.follows import services as follow_services

    url = reverse("organisations:detail", args=[org.slug])
    follow_button = '<button type="submit" class="button button-small">Follow'
    assert follow_button not in client_for(owner).get(url).text
    assert follow_button in client_for(member).get(url).text
    with pytest.raises(follow_services.NotAllowed):
        follow_services.follow_create(follower=owner, kind="organisation", target=org)
