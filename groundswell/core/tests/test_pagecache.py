"""The page cache for anonymous visitors: fast repeat visits, never a withdrawn story, and a change
ends only the pages that show it (scoped invalidation)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, override_settings
from django.urls import path, reverse

from groundswell.core import pagecache
from groundswell.core.pagecache import (
    CACHE_HEADER,
    STRIPES,
    cache_for_anonymous,
    content_version,
    depends_on,
    install_triggers,
    read_versions,
    remove_triggers,
    watched,
)
from groundswell.core.testing.factories import CommentFactory, StoryFactory, TopicFactory
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
    with django_assert_num_queries(1):  # the versions of the page's scopes, nothing else
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
    assert after is not None and after != before


def trigger_names() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        return {row[0] for row in cursor.fetchall()}


def test_every_watched_table_has_its_triggers() -> None:
    names = trigger_names()
    assert {"stories_story", "stories_comment", "accounts_user", "topics_topic"} <= set(watched())
    for table in watched():
        for suffix in ("ins", "upd", "del"):
            assert f"gs_pv_{table}_{suffix}" in names


def test_every_watched_column_exists() -> None:
    # A column renamed or moved by a migration must be named again where its app registers it.
    with connection.cursor() as cursor:
        for table, entry in watched().items():
            columns = {
                c.name for c in connection.introspection.get_table_description(cursor, table)
            }
            assert set(entry.columns or ()) <= columns, table


def test_triggers_are_lifted_for_migrations_and_put_back_after() -> None:
    remove_triggers()
    assert not {name for name in trigger_names() if name.startswith(("gs_pv_", "gs_cv_"))}
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


# --- Scoped invalidation: a change ends the pages that show it, and only those --------------


def story_url(story: Story) -> str:
    return reverse("stories:detail", args=[story.pk])


def warm(url: str) -> None:
    get(Client(), url)
    assert get(Client(), url)[CACHE_HEADER] == "hit"


def test_a_comment_ends_its_story_page_but_not_other_stories_or_the_lists(member) -> None:
    story_a, story_b = StoryFactory(), StoryFactory()
    home = reverse("stories:home")
    for url in (story_url(story_a), story_url(story_b), home):
        warm(url)
    services.comment_create(story=story_a, author=member, body="The Tuesday group helped me.")
    page_a = get(Client(), story_url(story_a))
    assert page_a[CACHE_HEADER] == "miss"
    assert "The Tuesday group helped me." in page_a.content.decode()
    assert get(Client(), story_url(story_b))[CACHE_HEADER] == "hit"
    assert get(Client(), home)[CACHE_HEADER] == "hit"


def test_counters_end_no_page() -> None:
    story = StoryFactory()
    warm(story_url(story))
    Story.objects.filter(pk=story.pk).update(helped_count=5, score=3, comment_count=2)
    assert get(Client(), story_url(story))[CACHE_HEADER] == "hit"


def test_a_withdrawn_story_leaves_the_pages_that_list_it_as_related(owner) -> None:
    from groundswell.stories.models import StoryRelation

    shown = StoryFactory(title="Where I found help")
    withdrawn = StoryFactory(author=owner, title="Leaving the ward early")
    StoryRelation.objects.create(story=shown, related=withdrawn, score=0.9)
    url = story_url(shown)
    get(Client(), url)
    assert "Leaving the ward early" in get(Client(), url).content.decode()
    services.story_withdraw(story=withdrawn, actor=owner)
    page = get(Client(), url)
    assert page[CACHE_HEADER] == "miss"
    assert "Leaving the ward early" not in page.content.decode()


def test_a_story_made_members_only_leaves_every_visitor_page_at_once() -> None:
    story = StoryFactory(title="What the nurse said")
    home, topics = reverse("stories:home"), reverse("topics:index")
    for url in (story_url(story), home, topics):
        warm(url)
    Story.objects.filter(pk=story.pk).update(audience="members")
    assert Client().get(story_url(story)).status_code == 404
    assert "What the nurse said" not in get(Client(), home).content.decode()
    assert get(Client(), topics)[CACHE_HEADER] == "miss"


def test_a_hidden_comment_leaves_search_at_once(moderator) -> None:
    comment = CommentFactory(body="Ring the Hollybank clinic on Fridays")
    from groundswell.stories.searching import index_story

    index_story(comment.story_id)
    url = reverse("search:search") + "?q=Hollybank"
    get(Client(), url)
    assert "on Fridays" in get(Client(), url).content.decode()
    item_hide(item=comment, actor=moderator, reason="Personal details")
    assert "on Fridays" not in get(Client(), url).content.decode()


def test_a_new_name_or_topic_ends_every_page(owner) -> None:
    story = StoryFactory(author=owner)
    topics = reverse("topics:index")
    for url in (story_url(story), topics):
        warm(url)
    owner.display_name = "Sam from Salford"
    owner.save(update_fields=["display_name"])
    assert "Sam from Salford" in get(Client(), story_url(story)).content.decode()
    assert get(Client(), topics)[CACHE_HEADER] == "miss"
    warm(story_url(story))
    TopicFactory(name="Hearing loss")
    assert get(Client(), story_url(story))[CACHE_HEADER] == "miss"


def test_saving_a_name_unchanged_ends_nothing(owner) -> None:
    story = StoryFactory(author=owner)
    warm(story_url(story))
    owner.save(update_fields=["display_name", "last_login"])
    assert get(Client(), story_url(story))[CACHE_HEADER] == "hit"


def stripe_rows(scope: str) -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT scope, value FROM core_scopeversion WHERE scope LIKE %s", [scope + "#%"]
        )
        return {str(key): int(value) for key, value in cursor.fetchall()}


def test_list_bumps_are_spread_over_stripes_not_one_row() -> None:
    stories = [StoryFactory() for _ in range(STRIPES)]
    rows = stripe_rows("list:stories")
    # Stories with different ids mod STRIPES bump different rows, so their writers never queue
    # on one row; the list's version is the sum of its stripes.
    assert len(rows) == len({story.pk % STRIPES for story in stories}) > 1
    before = read_versions(["list:stories"])
    Story.objects.filter(pk=stories[0].pk).update(title="Changed")
    after = read_versions(["list:stories"])
    assert before is not None and after is not None
    assert after["list:stories"] == before["list:stories"] + 1
    assert stripe_rows("list:stories")[f"list:stories#{stories[0].pk % STRIPES}"] == (
        rows[f"list:stories#{stories[0].pk % STRIPES}"] + 1
    )


def test_bump_counts_only_when_its_transaction_commits() -> None:
    from django.db import transaction

    before = read_versions(["list:search", "story:1"])
    with pytest.raises(RuntimeError), transaction.atomic():
        pagecache.bump("list:search", "story:1")
        raise RuntimeError
    assert read_versions(["list:search", "story:1"]) == before
    pagecache.bump("list:search", "story:1")
    after = read_versions(["list:search", "story:1"])
    assert before is not None and after is not None
    assert after["list:search"] == before["list:search"] + 1
    assert after["story:1"] == before["story:1"] + 1


def test_a_page_that_declares_no_scopes_depends_on_every_list() -> None:
    search = reverse("search:search") + "?q=anything"
    warm(search)
    pagecache.bump("list:search")
    assert get(Client(), search)[CACHE_HEADER] == "miss"
    warm(search)
    CommentFactory()
    assert get(Client(), search)[CACHE_HEADER] == "miss"


def test_a_flushed_database_starts_a_new_epoch() -> None:
    before = read_versions([])
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_scopeversion WHERE scope = 'site'")
    assert read_versions([]) is None  # no row: the cache is off, never stale
    install_triggers()
    after = read_versions([])
    assert before is not None and after is not None and after != before


@cache_for_anonymous(scopes=("thing:{name}",))
def _page_with_scopes(request: HttpRequest, name: str) -> HttpResponse:
    depends_on(request, "extra:1")
    return HttpResponse(f"{name} {request.GET.get('n', '')}")


urlpatterns.append(path("thing/<slug:name>/", _page_with_scopes))


@override_settings(ROOT_URLCONF=__name__)
def test_declared_scopes_and_depends_on_end_the_page(django_assert_num_queries) -> None:
    url = "/thing/kettle/"
    get(Client(), url)
    with django_assert_num_queries(1):  # the declared and the added scopes in one query
        assert get(Client(), url)[CACHE_HEADER] == "hit"
    pagecache.bump("thing:teapot")
    assert get(Client(), url)[CACHE_HEADER] == "hit"
    pagecache.bump("thing:kettle")
    assert get(Client(), url)[CACHE_HEADER] == "miss"
    assert get(Client(), url)[CACHE_HEADER] == "hit"
    pagecache.bump("extra:1")
    assert get(Client(), url)[CACHE_HEADER] == "miss"


def test_a_new_account_and_its_first_trust_row_end_no_page(owner) -> None:
    from groundswell.core.testing.factories import UserFactory
    from groundswell.trust.models import TrustProfile

    story = StoryFactory(author=owner)
    warm(story_url(story))
    newcomer = UserFactory(display_name="Nia Newcomer")
    TrustProfile.objects.create(user=newcomer)
    assert get(Client(), story_url(story))[CACHE_HEADER] == "hit"


def test_a_professional_badge_given_ends_the_pages_with_names(owner) -> None:
    from django.utils import timezone

    from groundswell.trust.models import TrustProfile

    story = StoryFactory(author=owner)
    warm(story_url(story))
    TrustProfile.objects.create(
        user=owner, professional_title="GP", professional_verified_at=timezone.now()
    )
    assert get(Client(), story_url(story))[CACHE_HEADER] == "miss"
    warm(story_url(story))
    TrustProfile.objects.filter(user=owner).update(professional_verified_at=None)
    assert get(Client(), story_url(story))[CACHE_HEADER] == "miss"
