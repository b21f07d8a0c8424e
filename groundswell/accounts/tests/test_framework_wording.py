"""No framework wording on any account page, message or email.

Every page allauth's account and two-step sign-in apps can show is opened as the person who would
see it (a visitor, a member, a moderator partway through signing in), every email they can send
is sent through the site's adapter, and every message is rendered; the text a person reads is
checked against FRAMEWORK_WORDING. Every template allauth ships for those apps must have been
rendered on the way, unless NOT_REACHABLE says why this site can't show it (and
test_features_behind_the_unreachable_templates_are_off keeps that true).

test_the_check_catches_allauths_own_wording proves the check can fail: allauth's own templates,
rendered with the same contexts, are caught.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import allauth
import pytest
from allauth.account import app_settings as account_settings
from allauth.account.adapter import get_adapter
from allauth.core.context import request_context
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.template import Context, Engine, Origin, Template
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import timezone

from groundswell.accounts.adapter import AccountAdapter
from groundswell.accounts.allauth_forms import SITE_ACCOUNT_FORMS
from groundswell.accounts.models import SiteRole, User
from groundswell.accounts.testing import framework_wording
from groundswell.core.testing.factories import UserFactory
from groundswell.moderation.testing import code_now

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # UserFactory's
NEW_PASSWORD = "a different long passphrase 77"  # noqa: S105 (tests only)
ALLAUTH_TEMPLATES = Path(allauth.__file__).parent / "templates"


# Templates allauth ships that this site cannot show, and why (kept true by
# test_features_behind_the_unreachable_templates_are_off).
BY_CODE = "codes by email are off (ACCOUNT_LOGIN_BY_CODE_ENABLED, *_BY_CODE_ENABLED)"
PHONE = "no phone numbers (ACCOUNT_SIGNUP_FIELDS)"
PASSKEYS = "no passkeys or security keys (MFA_SUPPORTED_TYPES has no webauthn)"
NOT_REACHABLE = {
    "account/base_confirm_code.html": BY_CODE,
    "account/confirm_email_verification_code.html": BY_CODE,
    "account/confirm_login_code.html": BY_CODE,
    "account/confirm_password_reset_code.html": BY_CODE,
    "account/request_login_code.html": BY_CODE,
    "account/confirm_phone_verification_code.html": PHONE,
    "account/phone_change.html": PHONE,
    "account/base_manage_phone.html": PHONE,
    "account/signup_by_passkey.html": PASSKEYS,
    "account/email_change.html": "one page lists every address (ACCOUNT_CHANGE_EMAIL is off)",
    "mfa/trust.html": "'trust this browser' is off (MFA_TRUST_ENABLED)",
}


def reachable_shipped_templates() -> set[str]:
    names = set()
    for app in ("account", "mfa"):
        for path in (ALLAUTH_TEMPLATES / app).rglob("*"):
            name = path.relative_to(ALLAUTH_TEMPLATES).as_posix()
            if path.is_file() and not name.startswith("mfa/webauthn/"):
                names.add(name)
    names |= {"allauth/layouts/base.html", "allauth/layouts/entrance.html"}
    names |= {"allauth/layouts/manage.html", "allauth/elements/fields.html"}
    return names - set(NOT_REACHABLE)


class _ReadText(HTMLParser):
    """The text a person reads or hears in the page's <main> and <title>."""

    HEARD = ("alt", "title", "placeholder", "aria-label", "value")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._depth = {"main": 0, "title": 0, "script": 0, "style": 0}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._depth:
            self._depth[tag] += 1
        if self._reading:
            values = dict(attrs)
            for name in self.HEARD:
                if name == "value" and values.get("type") not in ("submit", "button"):
                    continue
                if values.get(name):
                    self.parts.append(str(values[name]))

    def handle_endtag(self, tag: str) -> None:
        if tag in self._depth and self._depth[tag]:
            self._depth[tag] -= 1

    @property
    def _reading(self) -> bool:
        return bool(self._depth["main"] or self._depth["title"]) and not (
            self._depth["script"] or self._depth["style"]
        )

    def handle_data(self, data: str) -> None:
        if self._reading:
            self.parts.append(data)


def read_text(html: str) -> str:
    parser = _ReadText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


class Walk:
    """What a person was shown: pages' text, emails and messages, by where they came from."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []
        self.rendered: set[str] = set()

    def record(self, sender: object, template: Template, **kwargs: object) -> None:
        if template.name:
            self.rendered.add(template.name)

    def page(self, client: Client, url: str, *, method: str = "get", **data: object) -> object:
        response = getattr(client, method)(url, data or None, follow=True)
        assert response.status_code == 200, (url, response.status_code)
        where = response.redirect_chain[-1][0] if response.redirect_chain else url
        self.shown.append((f"page {where}", read_text(response.content.decode())))
        for message in response.context.get("messages", []) if response.context else []:
            self.shown.append((f"message on {where}", str(message)))
        return response

    def emails(self) -> None:
        for message in mail.outbox:
            self.shown.append((f"email {message.subject!r}", f"{message.subject}\n{message.body}"))
        mail.outbox.clear()

    def problems(self) -> list[str]:
        return [
            f"{where}: {found}" for where, text in self.shown for found in framework_wording(text)
        ]


@pytest.fixture
def walk(settings) -> Iterator[Walk]:
    # The forms allauth is to use (SITE_ACCOUNT_FORMS, for settings.ACCOUNT_FORMS).
    settings.ACCOUNT_FORMS = SITE_ACCOUNT_FORMS
    recorder = Walk()
    template_rendered.connect(recorder.record)
    try:
        yield recorder
    finally:
        template_rendered.disconnect(recorder.record)


def request_for(user: User | None = None) -> object:
    request = RequestFactory().get("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request.user = user  # type: ignore[assignment]
    return request


def walk_visitor_pages(walk: Walk) -> None:
    visitor = Client()
    walk.page(visitor, reverse("account_login"))
    walk.page(visitor, reverse("account_signup"))
    walk.page(
        visitor,
        reverse("account_signup"),
        method="post",
        email="sam@example.org",
        display_name="Sam Someone",
        password1=NEW_PASSWORD,
        password2=NEW_PASSWORD,
    )  # "Check your email"
    confirm_link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body)
    assert confirm_link is not None
    walk.emails()
    walk.page(visitor, confirm_link.group(0))
    walk.page(visitor, confirm_link.group(0), method="post")  # signed in, by name
    walk.page(Client(), reverse("account_confirm_email", args=["no-such-key"]))
    walk.page(Client(), reverse("account_inactive"))


def walk_password_reset(walk: Walk, member: User) -> None:
    visitor = Client()
    walk.page(visitor, reverse("account_reset_password"))
    walk.page(visitor, reverse("account_reset_password"), method="post", email=member.email)
    walk.page(
        Client(), reverse("account_reset_password"), method="post", email="nobody@example.org"
    )
    link = re.search(r"http://\S+/accounts/password/reset/key/\S+/", mail.outbox[0].body)
    assert link is not None
    walk.emails()
    form = walk.page(visitor, link.group(0))
    walk.page(
        visitor,
        form.redirect_chain[-1][0],
        method="post",
        password1=NEW_PASSWORD,
        password2=NEW_PASSWORD,
    )
    walk.page(Client(), "/accounts/password/reset/key/1-no-such-key/")


def walk_member_pages(walk: Walk, client_for, member: User) -> None:
    member.refresh_from_db()  # the password reset above changed the password
    client = client_for(member)
    for name in ("account_email", "account_change_password", "account_logout"):
        walk.page(client, reverse(name))
    walk.page(client, reverse("account_reset_password"))  # "You're already signed in as ..."
    walk.page(client, reverse("account_reauthenticate"))
    walk.page(client, reverse("mfa_index"))
    walk.page(client, reverse("mfa_activate_totp"))  # asks for the password first
    walk.page(
        client,
        reverse("account_email"),
        method="post",
        action_add="",
        email="mina.two@example.org",
    )
    walk.page(
        client, reverse("account_email"), method="post", action_primary="", email=member.email
    )
    walk.emails()
    walk.page(client, reverse("account_logout"), method="post")

    no_password = UserFactory(display_name="Pat Nopassword")
    no_password.set_unusable_password()
    no_password.save()
    walk.page(client_for(no_password), reverse("account_set_password"))
    no_address = UserFactory(display_name="Ned Noaddress", email="", verified=False)
    walk.page(client_for(no_address), reverse("account_email"))


def walk_two_step(walk: Walk, moderator: User) -> None:
    newcomer = UserFactory(site_role=SiteRole.MODERATOR, display_name="Nia Newmod")
    walk.page(
        Client(), reverse("account_login"), method="post", login=newcomer.email, password=PASSWORD
    )  # straight on to setting up the app
    RecoveryCodes.activate(moderator)
    client = Client()
    walk.page(
        client, reverse("account_login"), method="post", login=moderator.email, password=PASSWORD
    )  # the code prompt
    walk.page(client, reverse("mfa_authenticate"), method="post", code=code_now())
    walk.page(client, reverse("mfa_index"))
    walk.page(client, reverse("mfa_view_recovery_codes"))
    assert client.get(reverse("mfa_download_recovery_codes")).status_code == 200
    # A sign-in counts as confirming who you are for a few minutes; then these ask for a code.
    from groundswell.accounts.testing import age_sign_in

    age_sign_in(client, seconds=10 * 60)
    walk.page(client, reverse("mfa_generate_recovery_codes"))  # the code prompt
    walk.page(
        client,
        reverse("mfa_reauthenticate"),
        method="post",
        code=str(
            RecoveryCodes(
                moderator.authenticator_set.get(type="recovery_codes")
            ).get_unused_codes()[0]
        ),
        next=reverse("mfa_generate_recovery_codes"),
    )
    walk.page(client, reverse("mfa_generate_recovery_codes"), method="post")
    walk.page(client, reverse("mfa_deactivate_totp"))


def render_messages(walk: Walk, member: User) -> None:
    context = {
        "user": member,
        "email": "mina@example.org",
        "phone": "+44 7700 900123",
        "recipient": "mina@example.org",
    }
    for app in ("account", "mfa"):
        for path in sorted((ALLAUTH_TEMPLATES / app / "messages").glob("*.txt")):
            name = f"{app}/messages/{path.name}"
            walk.shown.append((f"message {name}", render_to_string(name, context)))


def send_every_email(walk: Walk, settings, member: User) -> None:
    """Each email allauth can send, through the site's adapter, with the context allauth gives."""
    settings.ACCOUNT_EMAIL_NOTIFICATIONS = True
    request = request_for(member)
    context = {
        "user": member,
        "activate_url": "http://testserver/accounts/confirm-email/KEY/",
        "key": "KEY",
        "code": "ABC-123",
        "password_reset_url": "http://testserver/accounts/password/reset/key/1-a/",
        "signup_url": "http://testserver/accounts/signup/",
        "from_email": "old@example.org",
        "to_email": "new@example.org",
        "deleted_email": "old@example.org",
        "ip": "192.0.2.1",
        "user_agent": "Firefox",
        "timestamp": timezone.now(),
    }
    with request_context(request):
        adapter = get_adapter(request)
        assert isinstance(adapter, AccountAdapter)
        for app in ("account", "mfa"):
            for path in sorted((ALLAUTH_TEMPLATES / app / "email").glob("*_subject.txt")):
                prefix = f"{app}/email/{path.name.removesuffix('_subject.txt')}"
                adapter.send_mail(prefix, member.email, context)
                walk.emails()


def test_every_account_page_message_and_email_speaks_in_the_sites_voice(
    walk, settings, client_for, member, moderator
):
    walk_visitor_pages(walk)
    walk_password_reset(walk, member)
    walk_member_pages(walk, client_for, member)
    walk_two_step(walk, moderator)
    render_messages(walk, member)
    send_every_email(walk, settings, member)
    walk.shown.append(
        (
            "account/verified_email_required.html",
            read_text(
                "<main>"
                + render_to_string(
                    "account/verified_email_required.html", {"user": member}, request_for(member)
                )
                + "</main>"
            ),
        )
    )
    settings.ACCOUNT_ADAPTER = "groundswell.accounts.tests.test_framework_wording.ClosedAdapter"
    walk.page(Client(), reverse("account_signup"))

    missing = sorted(reachable_shipped_templates() - walk.rendered)
    assert not missing, f"allauth templates this walk never showed: {missing}"
    assert len(walk.shown) > 60  # pages, messages on them, emails and message templates
    problems = walk.problems()
    assert not problems, "Framework wording:\n" + "\n".join(problems)


class ClosedAdapter(AccountAdapter):
    def is_open_for_signup(self, request: object) -> bool:
        return False


def test_account_pages_name_people_by_their_display_name_never_the_username(client_for):
    person = UserFactory(
        username="zq-internal-name", email="rhian@example.org", display_name="Rhian Roberts"
    )
    client = client_for(person)
    for name in ("account_email", "account_change_password", "account_logout", "mfa_index"):
        page = client.get(reverse(name)).content
        assert b"Rhian Roberts" in page
        assert b"zq-internal-name" not in page


def test_features_behind_the_unreachable_templates_are_off():
    assert not account_settings.LOGIN_BY_CODE_ENABLED
    assert not account_settings.EMAIL_VERIFICATION_BY_CODE_ENABLED
    assert not account_settings.PASSWORD_RESET_BY_CODE_ENABLED
    assert not account_settings.CHANGE_EMAIL
    assert not any("phone" in field for field in account_settings.SIGNUP_FIELDS)
    assert "webauthn" not in mfa_settings.SUPPORTED_TYPES
    assert not mfa_settings.TRUST_ENABLED
    assert set(NOT_REACHABLE) <= {
        path.relative_to(ALLAUTH_TEMPLATES).as_posix() for path in ALLAUTH_TEMPLATES.rglob("*")
    }


def allauths_own(name: str) -> Template:
    """allauth's shipped template, not the site's override of it."""
    engine = Engine.get_default()
    path = ALLAUTH_TEMPLATES / name
    origin = Origin(name=str(path), template_name=name)
    return Template(path.read_text(encoding="utf-8"), origin=origin, name=name, engine=engine)


@pytest.mark.parametrize(
    ("name", "context", "caught"),
    [
        ("account/signup.html", {}, "Title Case 'Sign Up'"),
        (
            "account/email/base_message.txt",
            {"current_site": {"name": "example.com"}},
            "'Hello from ...'",
        ),
        ("mfa/index.html", {"MFA_SUPPORTED_TYPES": ["totp"]}, "'Two-Factor Authentication'"),
        (
            "account/messages/logged_in.txt",
            {"user": SimpleNamespace(username="sam")},
            "allauth's own phrases",
        ),
    ],
)
def test_the_check_catches_allauths_own_wording(name, context, caught):
    text = allauths_own(name).render(Context(context))
    found = framework_wording(read_text(f"<main>{text}</main>") if name.endswith(".html") else text)
    assert any(problem.startswith(caught) for problem in found), found


def test_the_check_reads_what_people_see_not_markup():
    page = '<main><input autocomplete="username" name="login"><p>Sign in</p></main>'
    assert framework_wording(read_text(page)) == []
    assert framework_wording(read_text('<main><button value="x">Sign Up</button></main>'))
    assert framework_wording(read_text("<title>Email Addresses</title>"))
    assert framework_wording("Your username is x") == [
        "the internal username nobody chose: 'username'"
    ]
