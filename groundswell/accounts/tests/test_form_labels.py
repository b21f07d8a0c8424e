"""Labels as GOV.UK writes them: no colon after a label, no placeholder repeating it, and the
sign-in and two-step forms in the site's words."""

from __future__ import annotations

import pytest
from allauth.core import context
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.module_loading import import_string

from groundswell.accounts.allauth_forms import SITE_MFA_FORMS
from groundswell.core.testing.factories import UserFactory
from groundswell.moderation.testing import give_totp

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # UserFactory's


def test_sign_in_labels_end_without_a_colon_and_remember_me_is_in_plain_words(client: Client):
    page = client.get(reverse("account_login")).text
    assert '<label for="id_login">Email address</label>' in page
    assert '<label for="id_password">Password</label>' in page
    assert "Keep me signed in on this device</label>" in page
    assert "Remember Me" not in page
    assert ":</label>" not in page


def test_two_step_code_prompt_has_no_placeholder_repeating_its_label(settings):
    settings.MFA_FORMS = SITE_MFA_FORMS
    user = UserFactory(site_role="moderator")
    give_totp(user)
    client = Client()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    page = client.get(reverse("mfa_authenticate")).text
    assert '<label for="id_code">Code</label>' in page
    assert "placeholder=" not in page


@pytest.mark.parametrize("key", sorted(SITE_MFA_FORMS))
def test_every_two_step_form_drops_allauths_placeholder(key):
    form_class = import_string(SITE_MFA_FORMS[key])
    request = RequestFactory().get("/")
    request.session = SessionStore()  # the app setup form keeps its new secret there
    with context.request_context(request):
        form = form_class(user=UserFactory())
    assert "placeholder" not in form.fields["code"].widget.attrs
    assert not str(form.fields["code"].label).endswith(":")
