"""Emails written under var/mail/ are files a person can read and copy links from
(groundswell/core/mail.py), and account emails speak in the site's name (accounts/adapter.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.core.mail import EmailMessage, EmailMultiAlternatives, mailers
from django.test import Client
from django.urls import reverse

from groundswell.accounts.adapter import site_name
from groundswell.accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase 42"  # noqa: S105 (tests only)
LINK = re.compile(r"https?://\S+")


@pytest.fixture
def mail_dir(settings, tmp_path) -> Path:
    folder = tmp_path / "mail"
    settings.MAILERS = {
        "default": {
            "BACKEND": "groundswell.core.mail.ReadableFileBackend",
            "OPTIONS": {"file_path": str(folder)},
        }
    }
    settings.SITE_URL = "http://testserver"
    return folder


def written(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.txt"))


def test_each_message_is_one_readable_file_named_by_time_and_subject(mail_dir):
    link = "http://testserver/accounts/confirm-email/" + "Mzk:1vQ2xK:" + "a" * 90 + "/"
    body = f"Hello Siân,\n\nOpen this link – it's long:\n\n{link}\n\nBest wishes,\nGroundswell\n"
    EmailMessage("Confirm your email address", body, "site@example.org", ["a@example.org"]).send()
    html = EmailMultiAlternatives(
        "Second: café", "Plain words", "site@example.org", ["b@example.org"]
    )
    html.attach_alternative("<p>Plain words</p>", "text/html")
    html.send()

    files = written(mail_dir)
    assert len(files) == 2
    assert re.fullmatch(r"\d{8}-\d{6}-\d{6}-confirm-your-email-address\.txt", files[0].name)
    assert files[1].name.endswith("-second-cafe.txt")
    text = files[0].read_text(encoding="utf-8")
    assert "Subject: Confirm your email address\n" in text
    assert "To: a@example.org\n" in text
    # Decoded, in UTF-8, the link on one line of its own, whole.
    assert "Hello Siân," in text and "–" in text
    assert f"\n{link}\n" in text
    assert "=\n" not in text and "=20" not in text and "Content-Transfer-Encoding" not in text
    assert "[Also sent as text/html, not written here]" in files[1].read_text(encoding="utf-8")


def test_two_messages_in_the_same_instant_get_two_files(mail_dir):
    messages = [EmailMessage("Same", "one", to=["a@example.org"]) for _ in range(3)]
    assert mailers["default"].send_messages(messages) == 3
    assert len(written(mail_dir)) == 3


def test_the_confirmation_link_copied_from_the_file_confirms_the_address(mail_dir):
    browser = Client()
    response = browser.post(
        reverse("account_signup"),
        {
            "email": "rowan@example.org",
            "display_name": "Rowan Reader",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    [file] = written(mail_dir)
    text = file.read_text(encoding="utf-8")
    assert file.name.endswith("-groundswell-confirm-your-email-address-to-finish-joining.txt")
    assert f"Subject: [{site_name()}] Confirm your email address to finish joining" in text
    assert "Hello Rowan Reader," in text
    links = LINK.findall(text)
    confirm = [link for link in links if "/accounts/confirm-email/" in link]
    assert len(confirm) == 1

    # Opened in the browser they signed up in, as most people do.
    page = browser.get(confirm[0])
    assert page.status_code == 200
    assert b"Is rowan@example.org the email address of Rowan Reader?" in page.content
    done = browser.post(confirm[0], follow=True)
    assert done.status_code == 200
    assert EmailAddress.objects.get(email="rowan@example.org").verified
    # ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION: the link signs them in, greeted by name.
    assert "You're signed in as Rowan Reader." in [str(m) for m in done.context["messages"]]
    assert done.context["user"] == User.objects.get(email="rowan@example.org")


def test_account_email_links_use_the_sites_own_address(mail_dir, settings, member):
    settings.SITE_URL = "https://health.example.org"
    Client().post(reverse("account_reset_password"), {"email": member.email})
    [file] = written(mail_dir)
    text = file.read_text(encoding="utf-8")
    links = LINK.findall(text)
    assert links and all(link.startswith("https://health.example.org") for link in links)
    assert "/accounts/password/reset/key/" in text
    assert "Hello Mina Member," in text
    assert "username" not in text.lower()
    assert text.rstrip().endswith(f"Best wishes,\n{site_name()}\nhttps://health.example.org")
