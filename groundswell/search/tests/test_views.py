"""The search page: privacy, ranking, filters, snippets and odd input, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from groundswell.accounts.models import User
from groundswell.core.testing.factories import (
    CommentFactory,
    PlaceFactory,
    StoryFactory,
    TopicFactory,
    UserFactory,
)
from groundswell.search import selectors
from groundswell.search.backends import PostgresBackend
from groundswell.search.query import parse_query
from groundswell.search.selectors import PAGE_SIZE
from groundswell.stories import searching
from groundswell.stories.models import Comment, Status, Story
from groundswell.topics.models import Topic

pytestmark = pytest.mark.django_db

URL = reverse("search:search")


def indexed_story(**kwargs: object) -> Story:
    story = StoryFactory.create(**kwargs)
    searching.index_story(story.pk)
    return story


def result_titles(html: str) -> list[str]:
    """Visible result headings in page order, tags stripped."""
    headings = re.findall(r'<h3 class="card-title">\s*<a href="[^"]*">(.*?)</a>', html, re.S)
    return [re.sub(r"<[^>]+>", "", h).strip() for h in headings]


def search(client: Client, **params: str) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def anonymous() -> Client:
    return Client()


# -- the page ---------------------------------------------------------------------------------


def test_empty_search_shows_the_form_and_no_results(anonymous: Client) -> None:
    indexed_story(title="Diabetes diary")
    html = search(anonymous)
    assert '<label for="id_q">Search for</label>' in html
    assert 'role="search"' in html
    assert "Results" not in html and "Diabetes diary" not in html


def test_results_heading_and_count_are_announced(anonymous: Client) -> None:
    indexed_story(title="Diabetes diary")
    html = search(anonymous, q="diabetes")
    assert '<h2 id="results-heading">Results</h2>' in html
    assert re.search(r'role="status">1 result for “diabetes”', html)
    assert "<title>1 result for “diabetes”" in html


def test_no_matches_says_so(anonymous: Client) -> None:
    indexed_story(title="Diabetes diary")
    html = search(anonymous, q="zebra")
    assert "0 results for “zebra”" in html
    assert "Try fewer or different words" in html


def test_only_common_words_explains_why_nothing_was_searched(anonymous: Client) -> None:
    html = search(anonymous, q="the and of")
    assert "very common words" in html


def test_story_result_links_to_the_story_and_comment_result_to_the_comment(
    anonymous: Client,
) -> None:
    story = indexed_story(title="Hip operation", body="Eleven months of waiting.")
    comment = CommentFactory.create(story=story, body="My physiotherapist said the same.")
    searching.index_comment(comment.pk)
    html = search(anonymous, q="physiotherapist")
    assert f'href="/stories/{story.pk}/#comment-{comment.pk}"' in html
    assert "Comment on “Hip operation”" in html
    html = search(anonymous, q="eleven months")
    assert f'href="/stories/{story.pk}/"' in html


def test_each_result_says_what_it_is_where_and_when_in_the_sites_time_zone(
    anonymous: Client,
) -> None:
    place = PlaceFactory.create(level="nation", name="Wales")
    # 23:30 on 31 March in UTC is already 1 April in London (summer time).
    published = dt.datetime(2026, 3, 31, 23, 30, tzinfo=dt.UTC)
    idea = indexed_story(
        title="Benches on the hill path", kind="idea", place=place, published_at=published
    )
    comment = CommentFactory.create(story=idea, body="Benches would help my knees.")
    searching.index_comment(comment.pk)
    html = re.sub(r"\s+", " ", search(anonymous, q="benches"))
    assert (
        f"Idea by {idea.byline} · Wales · "
        '<time datetime="2026-04-01T00:30:00+01:00">1 April 2026</time>'
    ) in html
    assert f"Comment on an idea by {comment.author.public_name}" in html


# -- privacy ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "state",
    [
        {"status": Status.DRAFT, "published_at": None},
        {"status": Status.WITHDRAWN},
        {"is_hidden": True},
    ],
)
def test_invisible_story_and_its_comments_are_never_found(
    state: dict, client_for, member: User, moderator: User
) -> None:
    story = indexed_story(title="Secret sunflower", body="Sunflower seeds.", **state)
    comment = CommentFactory.create(story=story, body="Sunflower reply.")
    searching.index_comment(comment.pk)
    for user in (None, member, moderator, story.author):
        html = search(client_for(user), q="sunflower")
        assert "0 results" in html, user
        assert "Secret sunflower" not in html


def test_members_only_story_and_comments_are_hidden_from_anonymous_visitors(
    anonymous: Client, client_for, member: User
) -> None:
    story = indexed_story(title="Members sunflower", audience="members")
    comment = CommentFactory.create(story=story, body="A sunflower comment for members.")
    searching.index_comment(comment.pk)
    assert "0 results" in search(anonymous, q="sunflower")
    html = search(client_for(member), q="sunflower")
    assert "2 results" in html and "Members sunflower" in html


def test_deleted_and_hidden_comments_are_never_found(client_for, member: User) -> None:
    story = indexed_story(title="Public post")
    deleted = CommentFactory.create(story=story, body="Marmalade one")
    hidden = CommentFactory.create(story=story, body="Marmalade two")
    for comment in (deleted, hidden):
        searching.index_comment(comment.pk)
    Comment.objects.filter(pk=deleted.pk).update(is_deleted=True, body="", body_html="")
    Comment.objects.filter(pk=hidden.pk).update(is_hidden=True)
    for comment in (deleted, hidden):
        searching.index_comment(comment.pk)
    assert "0 results" in search(client_for(member), q="marmalade")


def test_results_are_checked_again_if_the_index_lags_behind(anonymous: Client) -> None:
    story = indexed_story(title="Lagging lavender")
    comment = CommentFactory.create(story=story, body="Lavender comment")
    searching.index_comment(comment.pk)
    # Hidden by a path that forgot to reindex: the page still must not show it.
    Story.objects.filter(pk=story.pk).update(is_hidden=True)
    html = search(anonymous, q="lavender")
    assert "Lagging lavender" not in html and "Lavender comment" not in html


def test_pseudonymous_story_shows_the_pseudonym_never_the_author(anonymous: Client) -> None:
    author = UserFactory.create(display_name="Priya Realname")
    story = indexed_story(
        author=author,
        identity="pseudonym",
        pseudonym="Quiet Carer",
        title="Night shifts and caring",
    )
    comment = CommentFactory.create(
        story=story, author=author, body="Night shifts again, thank you all."
    )
    searching.index_comment(comment.pk)
    anonymous_story = indexed_story(author=author, identity="anonymous", title="Night terrors")
    html = search(anonymous, q="night")
    assert "Quiet Carer" in html and "Anonymous member" in html
    assert "Priya" not in html and "Realname" not in html
    assert anonymous_story.title in result_titles(html)


def test_named_commenter_on_a_story_is_shown_by_name(anonymous: Client) -> None:
    story = indexed_story(title="Allotment therapy")
    comment = CommentFactory.create(
        story=story, author=UserFactory.create(display_name="Gareth Green"), body="Allotments rock"
    )
    searching.index_comment(comment.pk)
    assert "by Gareth Green" in search(anonymous, q="allotments")


@pytest.mark.parametrize(
    ("identity", "display_name"),
    [
        ("named", "Gareth Green"),
        ("named", ""),
        ("pseudonym", "Priya Realname"),
        ("anonymous", "Priya Realname"),
    ],
)
def test_bylines_in_results_are_the_story_pages_bylines(identity: str, display_name: str) -> None:
    # Results are built from rows, not model instances: each byline must still be exactly what
    # Story.byline and the story page show, for the story, its author's reply and another reply.
    author = UserFactory.create(display_name=display_name)
    other = UserFactory.create(display_name="")
    story = indexed_story(
        author=author, identity=identity, pseudonym="Quiet Carer", title="Orchard visits"
    )
    own_reply = CommentFactory.create(story=story, author=author, body="Orchard again today")
    other_reply = CommentFactory.create(story=story, author=other, body="Orchard near me too")
    for comment in (own_reply, other_reply):
        searching.index_comment(comment.pk)
    story = Story.objects.select_related("author").get(pk=story.pk)
    page = selectors.search(
        criteria=selectors.SearchCriteria(parsed=parse_query("orchard")), user=None
    )
    bylines = {
        (r.context.pk, r.obj.pk) if r.context else (r.obj.pk, None): r.byline for r in page.results
    }
    assert bylines == {
        (story.pk, None): story.byline,
        (story.pk, own_reply.pk): story.byline if identity != "named" else author.public_name,
        (story.pk, other_reply.pk): f"Member {other.pk}",
    }
    assert [r.kind for r in page.results].count("comment") == 2
    assert {(s.kind, s.title) for s in (r.context or r.obj for r in page.results)} == {
        ("story", story.title)
    }


# -- ranking and snippets ---------------------------------------------------------------------


def test_title_match_ranks_above_body_match(anonymous: Client) -> None:
    body_match = indexed_story(
        title="Notes from a long week",
        body="Appointments, forms and more forms. Somewhere in there my insulin dose changed.",
    )
    title_match = indexed_story(
        title="Insulin pump tips", body="What I learned in my first year with a pump."
    )
    titles = result_titles(search(anonymous, q="insulin"))
    assert titles == [title_match.title, body_match.title]


def test_newest_first_order(anonymous: Client) -> None:
    old = indexed_story(
        title="Insulin pump tips", published_at=timezone.now() - dt.timedelta(days=30)
    )
    new = indexed_story(title="Notes", body="insulin once", published_at=timezone.now())
    assert result_titles(search(anonymous, q="insulin", order="newest")) == [new.title, old.title]


def test_matches_are_marked_and_the_text_is_escaped(anonymous: Client) -> None:
    indexed_story(
        title="<script>alert(1)</script> insulin",
        body='<img src=x onerror="alert(2)"> insulin & <b>',
    )
    html = search(anonymous, q="insulin")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>insulin</mark>" in html
    assert "<img" not in html and "<b>" not in html
    snippet = re.search(r'<p class="snippet">(.*?)</p>', html, re.S)
    assert snippet and "<mark>insulin</mark>" in snippet.group(1)


def test_snippet_comes_from_the_matching_part_of_a_long_text(anonymous: Client) -> None:
    body = (
        " ".join(["filler"] * 300)
        + " the physiotherapist was wonderful "
        + " ".join(["padding"] * 300)
    )
    indexed_story(title="A long story", body=body)
    html = search(anonymous, q="physiotherapist")
    assert "<mark>physiotherapist</mark> was wonderful" in html
    assert "padding " * 100 not in html


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("physiotherapist", "physiotherapist"),
        ("pharmacies", "pharmacy"),  # stem "pharmaci": not the start of the word as written
        ("appointment", "Appointments"),
    ],
)
def test_snippet_of_a_story_at_the_longest_comes_from_where_the_word_is(
    anonymous: Client, typed: str, written: str
) -> None:
    # 20,000 characters, the most a story may have, with the word near the end.
    body = ("filler " * 2700) + f"then. {written} was wonderful " + ("padding " * 50)
    indexed_story(title="A very long story", body=body[:20_000])
    html = search(anonymous, q=typed)
    snippet = re.search(r'<p class="snippet">(.*?)</p>', html, re.S)
    assert snippet and f"<mark>{written}</mark> was wonderful" in snippet.group(1)


def test_stemming_finds_other_forms_of_a_word(anonymous: Client) -> None:
    indexed_story(title="Walking together", body="")
    assert "1 result" in search(anonymous, q="walks")


def test_phrase_or_and_exclusion(anonymous: Client) -> None:
    indexed_story(title="Waiting list for a hip", body="")
    indexed_story(title="List of things while waiting", body="")
    indexed_story(title="Hip and knee", body="")
    assert result_titles(search(anonymous, q='"waiting list"')) == ["Waiting list for a hip"]
    assert len(result_titles(search(anonymous, q="waiting or knee"))) == 3
    assert result_titles(search(anonymous, q="hip -waiting")) == ["Hip and knee"]


# -- filters ----------------------------------------------------------------------------------


def test_topic_filter(anonymous: Client) -> None:
    diabetes, cancer = (
        TopicFactory.create(slug="diabetes", name="Diabetes"),
        TopicFactory.create(slug="cancer", name="Cancer"),
    )
    indexed_story(title="Support group one", topics=[diabetes])
    indexed_story(title="Support group two", topics=[cancer, diabetes])
    indexed_story(title="Support group three", topics=[cancer])
    titles = result_titles(search(anonymous, q="support", topic="diabetes"))
    assert sorted(titles) == ["Support group one", "Support group two"]


def test_place_filter_includes_everything_below(anonymous: Client) -> None:
    wales = PlaceFactory.create(name="Wales", slug="wales", level="nation")
    cardiff = PlaceFactory.create(name="Cardiff", slug="cardiff", level="county", parent=wales)
    splott = PlaceFactory.create(
        name="Splott", slug="splott", level="neighbourhood", parent=cardiff
    )
    scotland = PlaceFactory.create(name="Scotland", slug="scotland", level="nation")
    indexed_story(title="Walking group Wales", place=wales)
    indexed_story(title="Walking group Splott", place=splott)
    indexed_story(title="Walking group Scotland", place=scotland)
    indexed_story(title="Walking group nowhere")
    assert sorted(result_titles(search(anonymous, q="walking", place="wales"))) == [
        "Walking group Splott",
        "Walking group Wales",
    ]
    html = search(anonymous, q="walking", place="splott")
    assert result_titles(html) == ["Walking group Splott"]
    assert '<option value="splott" selected>' in html


def test_kind_filter(anonymous: Client) -> None:
    indexed_story(title="Benefits advice", kind="resource")
    indexed_story(title="Benefits story", kind="story")
    assert result_titles(search(anonymous, q="benefits", kind="resource")) == ["Benefits advice"]


def test_date_filters_are_inclusive(anonymous: Client) -> None:
    tz = timezone.get_current_timezone()
    for day in (1, 2, 3):
        indexed_story(
            title=f"Clinic day {day}", published_at=dt.datetime(2026, 3, day, 23, 30, tzinfo=tz)
        )
    titles = result_titles(
        search(anonymous, q="clinic", date_from="2026-03-02", date_to="2026-03-02")
    )
    assert titles == ["Clinic day 2"]
    assert len(result_titles(search(anonymous, q="clinic", date_from="2026-03-02"))) == 2
    assert len(result_titles(search(anonymous, q="clinic", date_to="2026-03-02"))) == 2


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"date_from": "2026-02-30"}, "date_from", "Enter a real date"),
        ({"date_to": "yesterday"}, "date_to", "Enter a real date"),
        ({"date_from": "9999-12-31"}, "date_from", "Enter a date between"),
        (
            {"date_from": "2026-03-05", "date_to": "2026-03-01"},
            "date_to",
            "must be the same as or after",
        ),
        ({"topic": "no-such-topic"}, "topic", "Choose a topic from the list"),
        ({"place": "no-such-place"}, "place", "Choose a place from the list"),
        ({"place": "\x00<x>"}, "place", "Null characters are not allowed"),
        ({"kind": "poem"}, "kind", "Select a valid choice"),
    ],
)
def test_invalid_filters_get_a_message_beside_the_field(
    anonymous: Client, params: dict[str, str], field: str, message: str
) -> None:
    html = search(anonymous, q="clinic", **params)
    assert 'class="error-summary"' in html
    assert f'href="#id_{field}"' in html
    beside = re.search(rf'<p class="error-message" id="id_{field}_error">(.*?)</p>', html, re.S)
    assert beside and message in beside.group(1)
    assert 'aria-invalid="true"' in html
    assert "<title>Error: Search" in html


# -- odd input --------------------------------------------------------------------------------

ODD_QUERIES = [
    '"',
    '""',
    '"unclosed phrase',
    "AND OR NOT",
    "pain AND fatigue OR NOT",
    "*",
    "dia*",
    "(",
    "(pain",
    "pain)",
    "NEAR(pain fatigue, 3)",
    "title:pain",
    "text : pain",
    "^pain",
    "pain + fatigue",
    "-",
    "--pain",
    "- - -",
    "'; DROP TABLE stories_story; --",
    "pain & !fatigue | (x <-> y)",
    "🙂",
    "pain 🙂 relief",
    "\x00",
    "pain\x00relief",
    "a" * 2000,
    "pain " * 400,
    "x" * 5000,
    "é ü ß 日本語 عربى",
    "\u202epain",
    "%",
    "_",
    "\\",
    "'",
    "{}[]<>",
    "<script>alert(1)</script>",
    "\x02pain\x03",
]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_give_a_page(anonymous: Client, query: str) -> None:
    indexed_story(title="Pain and fatigue", body="Relief at last.")
    html = search(anonymous, q=query)
    assert "<script>alert(1)</script>" not in html


def test_random_operator_soup_never_fails(anonymous: Client) -> None:
    indexed_story(title="Pain and fatigue", body="Relief at last.")
    rng = random.Random(1234)
    alphabet = list("pain fatigue \"-()*:^+ OR NEAR AND NOT \x00🙂é<>&'")
    for _ in range(60):
        query = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 40)))
        assert anonymous.get(URL, {"q": query}).status_code == 200, query


def test_long_query_is_searched_cut_short_and_kept_in_the_box(anonymous: Client) -> None:
    indexed_story(title="Pain and fatigue")
    query = "pain " + "x" * 2500
    html = search(anonymous, q=query)
    box = re.search(r'<input type="search" name="q" value="([^"]*)"', html)
    assert box and box.group(1) == query
    assert 'maxlength="2000"' in html
    assert "0 results for “pain xxx" in html


def test_bad_page_numbers_are_harmless(anonymous: Client) -> None:
    indexed_story(title="Pain and fatigue")
    for page in ["0", "-1", "abc", "99999999999", "\x00", "２"]:
        assert anonymous.get(URL, {"q": "pain", "page": page}).status_code == 200


def test_post_is_not_allowed(anonymous: Client) -> None:
    assert anonymous.post(URL, {"q": "pain"}).status_code == 405


# -- pagination and queries -------------------------------------------------------------------


def test_pagination(anonymous: Client) -> None:
    for i in range(PAGE_SIZE + 3):
        indexed_story(title=f"Walking group {i}")
    html = search(anonymous, q="walking")
    assert f"{PAGE_SIZE + 3} results" in html
    assert len(result_titles(html)) == PAGE_SIZE
    assert 'rel="next"' in html and "Page 1 of 2" in html
    html = search(anonymous, q="walking", page="2")
    assert len(result_titles(html)) == 3
    assert 'rel="prev"' in html
    assert f'<ol class="story-list" start="{PAGE_SIZE + 1}">' in html


@pytest.mark.parametrize("signed_in", [False, True])
def test_search_page_query_count_does_not_grow_with_results(
    client_for, member: User, signed_in: bool, django_assert_max_num_queries
) -> None:
    place = PlaceFactory.create(level="nation")
    topic = TopicFactory.create()
    for i in range(PAGE_SIZE + 5):
        story = indexed_story(
            title=f"Walking group {i}", place=place, topics=[topic], identity="named"
        )
        comment = CommentFactory.create(story=story, body="Walking is good")
        searching.index_comment(comment.pk)
    client = client_for(member if signed_in else None)
    # The content version; topics and places for the form (kept per version, read here because
    # the test starts with empty caches); the newest id; candidates (PostgreSQL: the words as its
    # index holds them and the planner's estimate first); highlights; the page of documents with
    # their stories. Signed in adds the session, the user and the session middleware's
    # idle-timeout refresh (a write in a savepoint).
    with django_assert_max_num_queries(14 if signed_in else 9):
        response = client.get(URL, {"q": "walking", "topic": topic.slug})
    assert response.status_code == 200
    assert len(result_titles(response.content.decode())) == PAGE_SIZE


# -- more matches than are ranked -------------------------------------------------------------


def test_more_matches_than_the_cap_ranks_the_newest_and_says_there_are_more(
    anonymous: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selectors, "MAX_RESULTS", 3)
    oldest = indexed_story(title="Walking", body="walking walking")
    for i in range(4):
        indexed_story(title=f"Group {i}", body="We went walking.")
    html = search(anonymous, q="walking")
    assert "More than 3 results" in html
    titles = result_titles(html)
    assert len(titles) == 3
    # The best match overall is older than the three newest matches, so it is not ranked.
    assert oldest.title not in titles


def test_newest_order_with_more_matches_than_the_cap_is_exact(
    anonymous: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selectors, "MAX_RESULTS", 2)
    now = timezone.now()
    # Indexed first but published last, as after a rebuild.
    newest = indexed_story(title="Walking latest", published_at=now)
    for days in (3, 2, 1):
        indexed_story(title=f"Walking {days} days ago", published_at=now - dt.timedelta(days=days))
    assert result_titles(search(anonymous, q="walking", order="newest")) == [
        "Walking latest",
        "Walking 1 days ago",
    ]
    assert newest.pk


def test_rare_words_are_found_beyond_the_newest_documents(
    anonymous: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(PostgresBackend, "MIN_WINDOW", 2)
    monkeypatch.setattr(PostgresBackend, "WINDOW_MARGIN", 0.01)
    monkeypatch.setattr(PostgresBackend, "WHOLE_INDEX_ABOVE", 1.0)
    indexed_story(title="Prostate clinic")
    for i in range(6):
        indexed_story(title=f"Walking group {i}")
    assert result_titles(search(anonymous, q="prostate")) == ["Prostate clinic"]
    assert len(result_titles(search(anonymous, q="walking"))) == 6


def test_repeated_search_reuses_candidates_until_the_content_changes(
    anonymous: Client, django_assert_max_num_queries
) -> None:
    first = indexed_story(title="Walking to the clinic")
    second = indexed_story(title="Walking group")
    assert len(result_titles(search(anonymous, q="walking"))) == 2
    # The same search on another address (so not the stored page): the content version, then
    # highlights and documents. No candidate search, not even the newest id.
    with django_assert_max_num_queries(3):
        assert len(result_titles(search(anonymous, q="walking", page="1"))) == 2

    Story.objects.filter(pk=first.pk).update(title="Walking home from the clinic")
    searching.index_story(first.pk)  # same document, new text
    Story.objects.filter(pk=second.pk).update(is_hidden=True)  # and the index not yet told
    html = search(anonymous, q="walking", page="1")
    assert result_titles(html) == ["Walking home from the clinic"]
    assert "1 result for" in html


def test_newly_indexed_documents_are_found_straight_away(anonymous: Client) -> None:
    indexed_story(title="Walking group")
    assert len(result_titles(search(anonymous, q="walking"))) == 1
    indexed_story(title="Walking football")
    assert len(result_titles(search(anonymous, q="walking"))) == 2


def test_filters_without_words_are_kept_and_ask_for_words(anonymous: Client) -> None:
    TopicFactory.create(slug="diabetes", name="Diabetes")
    html = search(anonymous, topic="diabetes")
    assert '<option value="diabetes" selected>' in html
    assert "Type some words to search for." in html
    assert "Results" not in html


def test_result_count_reads_as_one_sentence(anonymous: Client) -> None:
    for i in range(PAGE_SIZE + 1):
        indexed_story(title=f"Walking group {i}")
    html = search(anonymous, q="walking")
    assert f"{PAGE_SIZE + 1} results for “walking”, showing 1 to {PAGE_SIZE}." in html


def test_topic_and_place_lists_follow_changes_at_once(client_for, member: User) -> None:
    # The lists are kept between requests; a new, renamed or removed topic or place must still
    # show (or go) on the very next search page, for visitors and members alike.
    TopicFactory.create(slug="sleep", name="Sleep")
    for client in (client_for(None), client_for(member)):
        assert '<option value="sleep">Sleep</option>' in search(client, topic="")
    TopicFactory.create(slug="grief", name="Grief & loss")
    PlaceFactory.create(level="nation", slug="wales", name="Wales")
    Topic.objects.filter(slug="sleep").update(name="Sleep and rest")
    for client in (client_for(None), client_for(member)):
        html = search(client, topic="grief", place="wales")
        assert '<option value="grief" selected>Grief &amp; loss</option>' in html
        assert '<option value="wales" selected>Wales</option>' in html
        assert '<option value="sleep">Sleep and rest</option>' in html
    Topic.objects.filter(slug="grief").delete()
    html = search(client_for(None), q="walking", topic="grief")
    assert "Choose a topic from the list." in html
    assert 'value="grief"' not in html
