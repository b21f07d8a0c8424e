"""Staff two-step sign-in walked as a person would, through the real forms (StaffMFAMiddleware,
allauth.mfa and the templates in templates/mfa/): one password prompt, one code prompt, then the
page they asked for; messages that agree with each other; a way on from the recovery codes.

Organisers are asked for two-step sign-in only on the staff pages they use (/staff/)."""

from __future__ import annotations

import html
import re

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client, RequestFactory
from django.urls import reverse

from groundswell.accounts.models import SiteRole, User
from groundswell.core import staff
from groundswell.core.testing.factories import UserFactory
from groundswell.moderation.middleware import AFTER_SETUP_KEY, StaffMFAMiddleware
from groundswell.moderation.testing import code_now, give_totp

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # UserFactory's
QUEUE = "/moderation/"


def messages_shown(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def asks_for_password(response) -> bool:
    return response.status_code == 200 and b'name="password"' in response.content


def asks_for_code(response) -> bool:
    return response.status_code == 200 and b'name="code"' in response.content


def paths(response) -> list[str]:
    return [url.split("?")[0] for url, _status in response.redirect_chain]


def test_moderator_with_an_app_types_the_password_once_and_a_code_once_then_lands_where_they_asked(
    moderator: User,
):
    client = Client()
    start = client.get(QUEUE, follow=True)
    assert asks_for_password(start)
    assert paths(start) == [reverse("account_login")]

    after_password = client.post(
        start.redirect_chain[-1][0], {"login": moderator.email, "password": PASSWORD}, follow=True
    )
    assert asks_for_code(after_password) and not asks_for_password(after_password)
    assert b"Enter the code from your authenticator app" in after_password.content
    assert messages_shown(after_password) == []

    after_code = client.post(reverse("mfa_authenticate"), {"code": code_now()}, follow=True)
    assert after_code.status_code == 200
    assert after_code.request["PATH_INFO"] == QUEUE
    # No loop back through a password or code prompt on the way.
    assert reverse("account_login") not in paths(after_code)
    assert reverse("mfa_reauthenticate") not in paths(after_code)
    assert reverse("account_reauthenticate") not in paths(after_code)
    # One message, in their name, and nothing telling them to sign in again.
    assert messages_shown(after_code) == ["You're signed in as Mo Moderator."]
    assert client.get(QUEUE).status_code == 200


def test_a_wrong_code_asks_again_without_going_back_to_the_password(moderator: User):
    client = Client()
    client.post(reverse("account_login"), {"login": moderator.email, "password": PASSWORD})
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"}, follow=True)
    assert asks_for_code(wrong) and not asks_for_password(wrong)
    assert b"There is a problem" in wrong.content
    right = client.post(reverse("mfa_authenticate"), {"code": code_now()}, follow=True)
    assert right.status_code == 200 and right.request["PATH_INFO"] == "/"


def test_moderator_without_an_app_is_sent_once_to_set_it_up_sees_recovery_codes_and_continues():
    moderator = UserFactory(
        site_role=SiteRole.MODERATOR, display_name="Nia Newmod", email="nia@example.org"
    )
    client = Client()
    login = client.get(QUEUE, follow=True).redirect_chain[-1][0]
    setup = client.post(login, {"login": moderator.email, "password": PASSWORD}, follow=True)

    # Straight to the set-up page (the password just typed counts: no second password prompt),
    # which says why and how; no "signed in" message above "you must set it up".
    assert paths(setup) == [QUEUE, reverse("mfa_activate_totp")]
    assert b"must use two-step sign-in" in setup.content
    assert b"Install an authenticator app" in setup.content
    assert messages_shown(setup) == []
    assert not asks_for_password(setup)

    secret = re.search(rb'id="authenticator_secret" type="text" value="([A-Z2-7]+)"', setup.content)
    assert secret is not None
    codes_page = client.post(
        reverse("mfa_activate_totp"), {"code": code_now(secret.group(1).decode())}, follow=True
    )
    assert codes_page.request["PATH_INFO"] == reverse("mfa_view_recovery_codes")
    assert b"Your recovery codes" in codes_page.content
    codes = re.search(rb'<textarea id="recovery_codes"[^>]*>([^<]*)</textarea>', codes_page.content)
    assert codes is not None and len(codes.group(1).split()) == 10
    onward = re.search(
        rb'<a class="button" href="([^"]+)">Continue to the page you were going to',
        codes_page.content,
    )
    assert onward is not None and html.unescape(onward.group(1).decode()) == QUEUE

    # Setting up the app was the second step: the queue opens with no further code.
    queue = client.get(QUEUE)
    assert queue.status_code == 200
    assert b"Moderation queue" in queue.content
    # Arrived: the recovery codes page now offers moderation as the way on, not the old page.
    assert AFTER_SETUP_KEY not in client.session
    again = client.get(reverse("mfa_view_recovery_codes"))
    assert b"Continue to moderation" in again.content


def test_a_password_only_session_is_asked_for_a_code_on_staff_pages_then_goes_on(
    client_for, moderator: User
):
    client = client_for(moderator, mfa=False)
    asked = client.get(QUEUE, follow=True)
    assert asks_for_code(asked) and not asks_for_password(asked)
    assert messages_shown(asked) == ["Staff pages need a code from your authenticator app."]
    done = client.post(
        asked.redirect_chain[-1][0], {"code": code_now(), "next": QUEUE}, follow=True
    )
    assert done.request["PATH_INFO"] == QUEUE and done.status_code == 200


# Organisers


@pytest.mark.parametrize("path", ["/staff/", "/staff/places/"])
def test_organiser_without_an_app_is_sent_to_set_it_up_only_on_staff_pages(organiser, path):
    client = Client()
    client.post(reverse("account_login"), {"login": organiser.email, "password": PASSWORD})
    assert client.get("/").status_code == 200
    response = client.get(path)
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    assert client.session[AFTER_SETUP_KEY] == path
    setup = client.get(reverse("mfa_activate_totp"))
    assert b"Staff pages need two-step sign-in" in setup.content


def test_organiser_with_an_app_but_a_password_only_session_is_asked_for_a_code(
    client_for, organiser
):
    give_totp(organiser)
    client = client_for(organiser, mfa=False)
    assert client.get("/").status_code == 200
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    assert "next=%2Fstaff%2F" in response["Location"]


def test_organiser_is_not_sent_to_set_up_two_step_sign_in_for_the_design_page(organiser):
    """/design/ is for moderators and administrators: an organiser gets its 404, not a detour
    through authenticator set-up that ends at a 404."""
    client = Client()
    client.post(reverse("account_login"), {"login": organiser.email, "password": PASSWORD})
    assert client.get("/design/").status_code == 404


@pytest.mark.parametrize("persona", ["member", "outsider"])
def test_members_are_never_sent_to_set_up_two_step_sign_in(request, client_for, persona):
    response = client_for(request.getfixturevalue(persona)).get("/staff/")
    assert response.status_code != 302 or "2fa" not in response["Location"]


def _through_middleware(user: User, *, mfa: bool) -> User:
    """The request's user after StaffMFAMiddleware has seen a page request from this session."""
    from groundswell.accounts.testing import record_sign_in
    from groundswell.moderation.testing import mark_session_mfa

    client = Client()
    client.force_login(user)
    if mfa:
        mark_session_mfa(client, user)
    else:
        record_sign_in(client, user)
    request = RequestFactory().get("/")
    request.session = client.session
    request.user = User.objects.get(pk=user.pk)
    StaffMFAMiddleware(lambda r: None).check(request)
    return request.user


def test_organiser_gets_staff_powers_on_a_two_step_session_only(organiser):
    give_totp(organiser)
    verified = _through_middleware(organiser, mfa=True)
    assert getattr(verified, staff._POWERS_ATTR, False) is True
    # Moderator-only powers (hidden content, reveals) still need the moderator role.
    assert not staff.has_staff_powers(verified)
    password_only = _through_middleware(organiser, mfa=False)
    assert getattr(password_only, staff._POWERS_ATTR, False) is False


def test_moderator_gets_staff_powers_on_a_two_step_session_only(moderator):
    assert staff.has_staff_powers(_through_middleware(moderator, mfa=True))
    assert not staff.has_staff_powers(_through_middleware(moderator, mfa=False))


def test_member_with_an_app_gets_no_staff_powers(member):
    give_totp(member)
    assert getattr(_through_middleware(member, mfa=True), staff._POWERS_ATTR, False) is False


def test_a_failed_set_up_code_counts_for_nothing():
    moderator = UserFactory(site_role=SiteRole.MODERATOR)
    client = Client()
    client.post(reverse("account_login"), {"login": moderator.email, "password": PASSWORD})
    failed = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert failed.status_code == 200  # the form again, with its error
    assert not Authenticator.objects.filter(user=moderator).exists()
    assert client.get(QUEUE)["Location"] == reverse("mfa_activate_totp")


def test_only_a_page_on_this_site_is_remembered_as_the_way_on(client_for):
    moderator = UserFactory(site_role=SiteRole.MODERATOR)
    client = client_for(moderator)
    client.get("http://testserver//elsewhere.example/moderation/")
    assert AFTER_SETUP_KEY not in client.session
    client.get("/moderation/?page=2")
    assert client.session[AFTER_SETUP_KEY] == "/moderation/?page=2"
