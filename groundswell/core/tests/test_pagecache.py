"""The page cache for anonymous visitors: fast repeat visits, and never a withdrawn story."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, override_settings
from django.urls import path, reverse

from groundswell.core.pagecache import (
    CACHE_HEADER,
    WATCHED,
    cache_for_anonymous,
    content_version,
    install_triggers,
    remove_triggers,
)
from groundswell.core.testing.factories import CommentFactory, StoryFactory
from groundswell.moderation.services import item_hide
from groundswell.stories import services
from groundswell.stories.models import Story

pytestmark = pytest.mark.django_db


def get(client: Client, url: str, **extra: str):
    response = client.get(url, **extra)
    assert response.status_code == 200, url
    return response


def test_second_anonymous_visit_is_served_from_the_store_with_one_query(
    django_assert_num_queries,
) -> None:
    story = StoryFactory(title="Finding a carers' group")
    url = reverse("stories:detail", args=[story.pk])
    first = get(Client(), url)
    assert first[CACHE_HEADER] == "miss"
    with django_assert_num_queries(1):  # the content version, nothing else
        second = get(Client(), url)
    assert second[CACHE_HEADER] == "hit"
    assert "Finding a carers&#x27; group" in second.content.decode()
    assert second["Content-Length"] == str(len(second.content))


@pytest.mark.parametrize(
    "url_name",
    ["stories:home", "topics:index", "places:index", "search:search", "stories:feed_site"],
)
def test_public_lists_are_stored(url_name: str) -> None:
    url = reverse(url_name)
    get(Client(), url)
    assert get(Client(), url)[CACHE_HEADER] == "hit"


def test_withdrawn_story_disappears_at_once_for_anonymous_visitors(owner) -> None:
    story = StoryFactory(author=owner, title="My time on the ward")
    url = reverse("stories:detail", args=[story.pk])
    home = reverse("stories:home")
    get(Client(), url)
    get(Client(), home)
    assert "My time on the ward" in get(Client(), home).content.decode()

    services.story_withdraw(story=story, actor=owner)

    assert Client().get(url).status_code == 404
    assert "My time on the ward" not in get(Client(), home).content.decode()


def test_bulk_update_outside_the_services_also_ends_stored_pages() -> None:
    story = StoryFactory(title="Night shifts and sleep")
    home = reverse("stories:home")
    get(Client(), home)
    Story.objects.filter(pk=story.pk).update(is_hidden=True)  # e.g. a data fix in the shell
    response = get(Client(), home)
    assert response[CACHE_HEADER] == "miss"
    assert "Night shifts and sleep" not in response.content.decode()


def test_comment_hidden_by_a_moderator_disappears_at_once(moderator) -> None:
    comment = CommentFactory(body="Call me on 07700 900123")
    url = reverse("stories:detail", args=[comment.story_id])
    get(Client(), url)
    assert "07700 900123" in get(Client(), url).content.decode()
    item_hide(item=comment, actor=moderator, reason="Personal details")
    assert "07700 900123" not in get(Client(), url).content.decode()


def test_new_comment_shows_at_once(member) -> None:
    story = StoryFactory()
    url = reverse("stories:detail", args=[story.pk])
    get(Client(), url)
    services.comment_create(story=story, author=member, body="The Tuesday group helped me.")
    assert "The Tuesday group helped me." in get(Client(), url).content.decode()


def test_changed_display_name_shows_at_once(owner) -> None:
    StoryFactory(author=owner)
    home = reverse("stories:home")
    get(Client(), home)
    owner.display_name = "Sam from Salford"
    owner.save(update_fields=["display_name"])
    assert "Sam from Salford" in get(Client(), home).content.decode()


def test_signed_in_people_never_get_or_leave_stored_pages(client_for, owner) -> None:
    StoryFactory(author=owner)
    home = reverse("stories:home")
    signed_in = client_for(owner)
    first = get(signed_in, home)
    second = get(signed_in, home)
    assert CACHE_HEADER not in first and CACHE_HEADER not in second
    assert "Sign out" in second.content.decode()
    anonymous = get(Client(), home)
    assert anonymous[CACHE_HEADER] == "miss"
    assert "Sign out" not in anonymous.content.decode()


@pytest.mark.parametrize(
    "extra",
    [
        {"HTTP_COOKIE": "sessionid=abc"},  # maybe signed in: only the session can tell
        {"HTTP_COOKIE": "messages=abc"},  # a message waiting to be shown
        {"HTTP_HX_REQUEST": "true"},
    ],
)
def test_requests_that_may_differ_are_never_served_from_the_store(extra) -> None:
    home = reverse("stories:home")
    get(Client(), home)
    assert get(Client(), home)[CACHE_HEADER] == "hit"
    assert get(Client(), home, **extra).get(CACHE_HEADER) != "hit"


def test_each_stored_page_gets_a_fresh_csp_nonce_that_matches_its_header() -> None:
    home = reverse("stories:home")
    get(Client(), home)
    nonces = set()
    for _ in range(2):
        response = get(Client(), home)
        assert response[CACHE_HEADER] == "hit"
        header_nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
        assert header_nonce
        body_nonces = set(re.findall(r'nonce="([^"]+)"', response.content.decode()))
        assert body_nonces == {header_nonce.group(1)}
        nonces.add(header_nonce.group(1))
    assert len(nonces) == 2


def test_error_pages_and_unmarked_pages_are_not_stored() -> None:
    missing = reverse("stories:detail", args=[999999])
    assert Client().get(missing).status_code == 404
    assert CACHE_HEADER not in Client().get(missing)
    login = reverse("account_login")
    Client().get(login)
    assert CACHE_HEADER not in Client().get(login)


def test_no_cache_when_turned_off(settings) -> None:
    settings.PAGE_CACHE_SECONDS = 0
    home = reverse("stories:home")
    get(Client(), home)
    assert CACHE_HEADER not in get(Client(), home)


def test_rolled_back_change_does_not_bump_and_committed_change_does() -> None:
    from django.db import transaction

    before = content_version()
    assert before is not None
    with pytest.raises(RuntimeError), transaction.atomic():
        StoryFactory()
        raise RuntimeError
    assert content_version() == before
    StoryFactory()
    after = content_version()
    assert after is not None and after > before


def trigger_names() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        return {row[0] for row in cursor.fetchall()}


def test_every_watched_table_has_its_triggers() -> None:
    names = trigger_names()
    for table in WATCHED:
        for suffix in ("ins", "upd", "del"):
            assert f"gs_cv_{table}_{suffix}" in names


def test_triggers_are_lifted_for_migrations_and_put_back_after() -> None:
    remove_triggers()
    assert not {name for name in trigger_names() if name.startswith("gs_cv_")}
    install_triggers()
    test_every_watched_table_has_its_triggers()


@cache_for_anonymous
def _page_with_a_csrf_token(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f'<form method="post"><input name="t" value="{get_token(request)}"></form>')


urlpatterns = [path("with-token/", _page_with_a_csrf_token)]


@override_settings(ROOT_URLCONF=__name__)
def test_a_page_carrying_a_csrf_token_is_never_stored_or_shared() -> None:
    # A visitor who already holds a CSRF cookie: the token in the page is theirs alone.
    holder = Client()
    holder.cookies["csrftoken"] = "a" * 32
    first = holder.get("/with-token/")
    assert first.status_code == 200
    assert first.get(CACHE_HEADER) != "miss"
    other = Client().get("/with-token/")
    assert other.get(CACHE_HEADER) != "hit"
    assert other.content != first.content
