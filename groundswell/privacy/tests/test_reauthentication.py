"""Deleting the account and getting a copy of one's data need a recent sign-in or reauthentication,
with the code from an authenticator app where the person has one (accounts/reauthentication.py)."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse
from django.utils import timezone

from groundswell.accounts.models import User
from groundswell.accounts.testing import age_sign_in
from groundswell.api import services as api_services
from groundswell.moderation.testing import TEST_TOTP_SECRET, give_totp
from groundswell.privacy import services
from groundswell.privacy.models import DataExport
from groundswell.privacy.tests.helpers import read_zip

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # UserFactory's
TEN_MINUTES = 10 * 60
DELETE_FORM = {"mode": "everything", "confirm": "on"}


def current_code() -> str:
    return format_hotp_value(hotp_value(TEST_TOTP_SECRET, int(timezone.now().timestamp()) // 30))


def reauthenticate_with_password(client, next_url: str):
    url = f"{reverse('account_reauthenticate')}?{urlencode({'next': next_url})}"
    return client.post(url, {"password": PASSWORD})


def reauthenticate_with_code(client, next_url: str, code: str | None = None):
    url = f"{reverse('mfa_reauthenticate')}?{urlencode({'next': next_url})}"
    return client.post(url, {"code": code or current_code()})


def asks_for(response, page: str, next_url: str) -> bool:
    """The response sends the person to reauthenticate on `page`, to come back to `next_url`."""
    return response.status_code == 302 and response["Location"] == (
        f"{reverse(page)}?{urlencode({'next': next_url})}"
    )


@pytest.fixture
def stale(member, client_for):
    """The member signed in with their password ten minutes ago."""
    client = client_for(member)
    age_sign_in(client, seconds=TEN_MINUTES)
    return client


# Deleting the account


def test_fresh_sign_in_opens_the_delete_page_and_deletes_directly(member, client_for):
    client = client_for(member)
    assert client.get(reverse("privacy:delete")).status_code == 200
    response = client.post(reverse("privacy:delete"), DELETE_FORM)
    assert response.status_code == 302 and response["Location"] == reverse("privacy:deleted")
    assert not User.objects.filter(pk=member.pk).exists()


def test_member_signed_in_ten_minutes_ago_is_asked_for_their_password_first(stale):
    delete_url = reverse("privacy:delete")
    assert asks_for(stale.get(delete_url), "account_reauthenticate", delete_url)


def test_after_the_password_the_delete_page_opens(stale):
    delete_url = reverse("privacy:delete")
    response = reauthenticate_with_password(stale, delete_url)
    assert response.status_code == 302 and response["Location"] == delete_url
    page = stale.get(delete_url)
    assert page.status_code == 200 and "Delete my account" in page.content.decode()


def test_a_wrong_password_keeps_the_delete_page_closed(stale, member):
    delete_url = reverse("privacy:delete")
    stale.post(reverse("account_reauthenticate"), {"password": "not my password"})
    assert asks_for(stale.get(delete_url), "account_reauthenticate", delete_url)
    assert User.objects.filter(pk=member.pk).exists()


def test_a_delete_sent_after_five_minutes_is_kept_and_done_after_the_password(stale, member):
    delete_url = reverse("privacy:delete")
    response = stale.post(delete_url, DELETE_FORM)
    assert asks_for(response, "account_reauthenticate", delete_url)
    assert User.objects.filter(pk=member.pk).exists()

    # The choices they made come back with them: no need to fill the form in again.
    done = reauthenticate_with_password(stale, delete_url)
    assert done.status_code == 302 and done["Location"] == reverse("privacy:deleted")
    assert not User.objects.filter(pk=member.pk).exists()


def test_a_kept_form_with_mistakes_is_shown_again_and_posts_to_the_delete_page(stale, member):
    delete_url = reverse("privacy:delete")
    stale.post(delete_url, {"mode": "everything"})  # the box is not ticked
    page = reauthenticate_with_password(stale, delete_url)
    html = page.content.decode()
    assert page.status_code == 400 and "Tick the box" in html
    assert f'action="{delete_url}"' in html
    assert User.objects.filter(pk=member.pk).exists()


def test_the_delete_page_asks_for_no_password_of_its_own(member, client_for):
    html = client_for(member).get(reverse("privacy:delete")).content.decode()
    assert 'type="password"' not in html


# Two-step sign-in


def test_member_with_an_authenticator_app_is_asked_for_the_code(member, client_for):
    give_totp(member)
    client = client_for(member)  # signed in with password and code
    age_sign_in(client, seconds=TEN_MINUTES)
    delete_url = reverse("privacy:delete")
    assert asks_for(client.get(delete_url), "mfa_reauthenticate", delete_url)

    # The password page sends them on to the code; a password alone opens nothing.
    password_page = client.get(
        f"{reverse('account_reauthenticate')}?{urlencode({'next': delete_url})}"
    )
    assert asks_for(password_page, "mfa_reauthenticate", delete_url)
    reauthenticate_with_password(client, delete_url)
    assert asks_for(client.get(delete_url), "mfa_reauthenticate", delete_url)

    page = client.get(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': delete_url})}")
    assert page.status_code == 200 and 'name="code"' in page.content.decode()
    response = reauthenticate_with_code(client, delete_url)
    assert response.status_code == 302 and response["Location"] == delete_url
    assert client.get(delete_url).status_code == 200


def test_a_wrong_code_keeps_the_delete_page_closed(member, client_for):
    give_totp(member)
    client = client_for(member)
    age_sign_in(client, seconds=TEN_MINUTES)
    delete_url = reverse("privacy:delete")
    wrong = f"{(int(current_code()) + 1) % 1_000_000:06d}"
    assert reauthenticate_with_code(client, delete_url, code=wrong).status_code == 200
    assert asks_for(client.get(delete_url), "mfa_reauthenticate", delete_url)


def test_a_fresh_sign_in_with_only_a_password_is_not_enough_with_an_app(member, client_for):
    give_totp(member)
    client = client_for(member, mfa=False)
    delete_url = reverse("privacy:delete")
    assert asks_for(client.get(delete_url), "mfa_reauthenticate", delete_url)


def test_staff_reach_the_code_page_from_the_delete_page(moderator, client_for):
    client = client_for(moderator)
    age_sign_in(client, seconds=TEN_MINUTES)
    delete_url = reverse("privacy:delete")
    assert asks_for(client.get(delete_url), "mfa_reauthenticate", delete_url)
    page = client.get(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': delete_url})}")
    assert page.status_code == 200
    assert reauthenticate_with_code(client, delete_url)["Location"] == delete_url


def test_reauthentication_attempts_are_limited(stale, member):
    for _ in range(5):
        stale.post(reverse("account_reauthenticate"), {"password": "guess"})
    response = reauthenticate_with_password(stale, reverse("privacy:delete"))
    assert response.status_code == 429
    assert asks_for(
        stale.get(reverse("privacy:delete")), "account_reauthenticate", reverse("privacy:delete")
    )


# A copy of my data


def test_asking_for_a_copy_after_five_minutes_needs_the_password_then_goes_ahead(
    stale, member, django_capture_on_commit_callbacks
):
    data_url = reverse("privacy:data")
    assert stale.get(data_url).status_code == 200  # the status page (and its polling) stays open
    response = stale.post(data_url)
    assert asks_for(response, "account_reauthenticate", data_url)
    assert not DataExport.objects.filter(user=member).exists()

    with django_capture_on_commit_callbacks(execute=True):
        done = reauthenticate_with_password(stale, data_url)
    assert done.status_code == 302 and done["Location"] == data_url
    assert DataExport.objects.filter(user=member).count() == 1
    assert "Download your data</a>" in stale.get(data_url).content.decode()


def test_downloading_after_five_minutes_needs_the_password_then_downloads(
    member, client_for, django_capture_on_commit_callbacks
):
    client = client_for(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("privacy:data"))
    export = DataExport.objects.get(user=member)
    export_id, _, token = client.cookies["gs_export"].value.partition(":")
    download_url = reverse("privacy:download", args=[export.pk, token])
    age_sign_in(client, seconds=TEN_MINUTES)

    assert asks_for(client.get(download_url), "account_reauthenticate", download_url)
    response = reauthenticate_with_password(client, download_url)
    assert response["Location"] == download_url
    download = client.get(download_url)
    assert download.status_code == 200
    data, _ = read_zip(b"".join(download.streaming_content))
    assert data["account"]["email"] == member.email


def test_asking_for_a_copy_with_an_app_needs_the_code(
    member, client_for, django_capture_on_commit_callbacks
):
    give_totp(member)
    client = client_for(member)
    age_sign_in(client, seconds=TEN_MINUTES)
    data_url = reverse("privacy:data")
    assert asks_for(client.post(data_url), "mfa_reauthenticate", data_url)
    with django_capture_on_commit_callbacks(execute=True):
        reauthenticate_with_code(client, data_url)
    assert DataExport.objects.filter(user=member).count() == 1


def test_a_personal_access_token_opens_no_data_rights_page(member, client_for):
    """The API offers no export or erasure, and its tokens don't sign anyone in to the site: a
    token acts without the second factor, so it must not reach what needs one."""
    _, secret = api_services.token_create(
        user=member, name="Script", scope="write", expires_in_days=30
    )
    services.export_request(user=member)
    anonymous = client_for(None)
    headers = {"Authorization": f"Bearer {secret}"}
    for url, method in (
        (reverse("privacy:data"), "post"),
        (reverse("privacy:delete"), "get"),
        (reverse("privacy:delete"), "post"),
    ):
        response = getattr(anonymous, method)(url, DELETE_FORM, headers=headers)
        assert response.status_code == 302 and response["Location"].startswith(
            reverse("account_login")
        )
    assert User.objects.filter(pk=member.pk).exists()
    assert DataExport.objects.filter(user=member).count() == 1
