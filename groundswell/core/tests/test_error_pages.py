"""The 403, 404 and 500 pages say what the person can do next, and the 404 says nothing about
whether a private post exists."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from groundswell.core.testing.factories import StoryFactory, UserFactory

pytestmark = pytest.mark.django_db


def main_of(html: str) -> str:
    """The page's main content, less the per-request tokens."""
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main)


def test_not_found_offers_a_search_box_the_home_page_and_sign_in(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    main = main_of(response.text)
    assert "We can't find that page" in main
    assert 'role="search"' in main and 'name="q"' in main
    assert 'href="/">Go to the home page</a>' in main
    assert "Sign in to see what members share" in main
    # Contact only once the site's pages are there (groundswell.sitepages), never a broken link.
    assert "Contact us" not in main or "/contact" in main


def test_members_only_story_is_not_found_exactly_like_a_missing_page(client):
    story = StoryFactory(audience="members")
    private = client.get(reverse("stories:detail", args=[story.pk]))
    missing = client.get(reverse("stories:detail", args=[story.pk + 1000]))
    assert private.status_code == missing.status_code == 404

    # Identical but for the address the sign-in link comes back to.
    def without_next(html: str) -> str:
        return re.sub(r"next=[^\"]*", "next=", main_of(html))

    assert without_next(private.text) == without_next(missing.text)
    assert story.title not in private.text


def test_signed_in_person_is_not_offered_sign_in_on_not_found(client_for, member):
    main = main_of(client_for(member).get("/no-such-page/").text)
    assert "Sign in" not in main and "Go to the home page" in main


def test_forbidden_says_what_to_do_next(client_for):
    story = StoryFactory()
    person = UserFactory(verified=False)
    response = client_for(person).post(
        reverse("stories:comment_create", args=[story.pk]), {"body": "hi"}
    )
    assert response.status_code == 403
    main = main_of(response.text)
    assert "You can't do that here" in main and "Nothing has been changed" in main
    assert 'role="search"' in main and "Go to the home page" in main
    # The site around it is still there.
    assert 'aria-label="Main"' in response.text


@pytest.mark.urls("groundswell.core.tests.urls_failing")
def test_server_error_page_uses_the_style_sheet_and_no_inline_style():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, something went wrong on our side" in html
    assert "css/groundswell.css" in html and "style=" not in html
    assert "secret database password" not in html
