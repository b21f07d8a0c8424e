"""The design system page (/design/) and the site's colours in every page's head."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import override_settings
from django.urls import reverse
from django.utils.csp import CSP

from groundswell.core.design import contrast_pairs, stylesheet_tokens
from groundswell.lib.contrast import contrast_ratio, shown_ratio
from groundswell.moderation.testing import give_totp

pytestmark = [pytest.mark.django_db, pytest.mark.urls("groundswell.core.tests.urls_design")]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", 404),
        ("member", 404),
        ("organiser_with_app", 404),
        ("moderator", 200),
        ("admin_user", 200),
    ],
)
def test_design_page_is_for_moderators_and_administrators_only(
    request, client_for, persona, expected
):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    response = client_for(user).get(reverse("core:design"))
    assert response.status_code == expected
    if expected == 404:
        assert "Design system" not in response.text


@pytest.fixture
def organiser_with_app(organiser):
    """An organiser on a two-step-verified session: still not a moderator."""
    give_totp(organiser)
    return organiser


def test_moderator_without_two_step_sign_in_is_asked_for_it_first(client_for, moderator):
    response = client_for(moderator, mfa=False).get(reverse("core:design"))
    assert response.status_code == 302 and "/design/" not in response["Location"].split("?")[0]


def test_design_page_shows_every_component_with_its_classes(
    client_for, moderator, django_assert_max_num_queries
):
    client = client_for(moderator)
    with django_assert_max_num_queries(12):
        html = client.get(reverse("core:design")).text
    for heading in (
        "Colours and contrast",
        "Buttons",
        "Cards",
        "Forms",
        "Tags and badges",
        "Tables",
        "Notification banners and messages",
        "Pagination and breadcrumbs",
        "Summary lists",
        "Details",
    ):
        assert f">{heading}</h2>" in html
    for class_name in ("button-secondary", "notice-important", "error-summary", "summary-list"):
        assert f"<code>.{class_name}</code>" in html
    # The form components are the real field template's output, errors included.
    assert 'type="radio"' in html and 'class="error-message"' in html


def test_contrast_ratios_are_computed_from_the_stylesheet(client_for, moderator):
    tokens = stylesheet_tokens()
    assert tokens["text"].startswith("#") and tokens["paper"] == "#ffffff"
    html = client_for(moderator).get(reverse("core:design")).text
    expected = shown_ratio(contrast_ratio(tokens["text"], tokens["paper"]))
    row = re.search(r"<tr>\s*<td[^>]*>Body text on cards and forms</td>.*?</tr>", html, re.S)
    assert row is not None and f"<strong>{expected}</strong>" in row.group(0)
    assert "Passes" in row.group(0)
    # Every pair the default colours make meets WCAG 2.2 AA.
    assert all(pair.passes for pair in contrast_pairs(tokens))
    assert ">Fails<" not in html


def test_a_site_colour_too_light_for_white_text_is_shown_failing():
    pairs = contrast_pairs(stylesheet_tokens(), {"brand": "#7fd1b9"})
    button = next(p for p in pairs if str(p.use) == "Button text on the site's colour")
    assert not button.passes and button.background_hex == "#7fd1b9"


def render_brand(brand: object, dark: object, nonce: object) -> str:
    template = Template("{% load design %}{% brand_style brand dark nonce %}")
    return template.render(Context({"brand": brand, "dark": dark, "nonce": nonce}))


def test_site_colours_are_set_in_a_style_with_the_csp_nonce():
    assert render_brand("#1A2B3C", "#0a0b0c", "abc123") == (
        '<style nonce="abc123">:root { --brand: #1a2b3c; --brand-dark: #0a0b0c; }</style>'
    )


def test_no_style_without_colours_and_nothing_but_a_colour_is_printed():
    assert render_brand(None, "", "n") == ""
    injected = render_brand("red}</style><script>alert(1)</script>", "#000 } body {", "n")
    assert injected == ""


# The site's colours come in a <style> with the request's nonce: the policy must allow it
# (config/settings.py: "style-src": [CSP.SELF, CSP.NONCE]).
@override_settings(SECURE_CSP={**settings.SECURE_CSP, "style-src": [CSP.SELF, CSP.NONCE]})
def test_every_page_has_the_menu_the_search_box_and_colours_under_the_csp_nonce(client):
    response = client.get("/")
    html = response.content.decode()
    assert 'class="menu"' in html and "<summary>Menu</summary>" in html
    assert 'role="search"' in html and 'for="header-search-q"' in html
    style_src = re.search(r"style-src ([^;]*)", response.headers["Content-Security-Policy"])
    assert style_src is not None
    for nonce in re.findall(r'<style nonce="([^"]+)">', html):
        assert f"'nonce-{nonce}'" in style_src.group(1)
