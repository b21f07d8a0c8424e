"""Search over a long history: matches spread over many thousands of document ids.

PostgreSQL reads common words through the age index (migration 0004), newest buckets of ids
first, in rounds; these tests spread documents over many buckets and shrink the rounds, so every
round and both indexes are used. SQLite runs the same searches through FTS5.
"""

from __future__ import annotations

import random

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from groundswell.accounts.models import User
from groundswell.core.testing.factories import StoryFactory, TopicFactory
from groundswell.search import selectors
from groundswell.search.backends import Filters, PostgresBackend
from groundswell.search.models import topic_tag
from groundswell.search.query import parse_query
from groundswell.search.tests.test_views import result_titles, search
from groundswell.stories import searching
from groundswell.stories.models import Story

pytestmark = pytest.mark.django_db

BUCKET = PostgresBackend.BUCKET_SIZE


def next_document_id(value: int) -> None:
    """Make the next search document's id `value`, as after years of stories and comments."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('search_searchdocument', 'id'), %s, false)",
                [value],
            )
        else:
            cursor.execute("DELETE FROM sqlite_sequence WHERE name = 'search_searchdocument'")
            cursor.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES ('search_searchdocument', %s)",
                [value - 1],
            )


def story_at(doc_id: int, **kwargs: object) -> Story:
    next_document_id(doc_id)
    story = StoryFactory.create(**kwargs)
    searching.index_story(story.pk)
    return story


@pytest.fixture
def small_rounds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rounds of one bucket at first, growing as matches are counted, and no whole-index jump
    on the planner's word."""
    monkeypatch.setattr(PostgresBackend, "MIN_WINDOW", 1)
    monkeypatch.setattr(PostgresBackend, "WINDOW_MARGIN", 0.0001)
    monkeypatch.setattr(PostgresBackend, "WHOLE_INDEX_ABOVE", 1.0)


@pytest.fixture
def anonymous() -> Client:
    return Client()


def bucket_rounds(queries: CaptureQueriesContext) -> int:
    return sum("search_bucketed(" in q["sql"] for q in queries.captured_queries)


@pytest.mark.usefixtures("small_rounds")
def test_every_match_is_found_however_far_apart_their_ids(anonymous: Client) -> None:
    # Bucket 0, a bucket far back, the bucket before the newest, the newest.
    ids = [5, 7 * BUCKET + 1, 40 * BUCKET - 1, 40 * BUCKET + 3]
    for n, doc_id in enumerate(ids):
        story_at(doc_id, title=f"Walking group {n}", body="We meet on Tuesdays.")
    story_at(40 * BUCKET + 10, title="Knitting circle", body="Wool and tea.")
    with CaptureQueriesContext(connection) as queries:
        titles = result_titles(search(anonymous, q="walking group"))
    assert sorted(titles) == [f"Walking group {n}" for n in range(4)]
    if connection.vendor == "postgresql":
        # Found round by round through the age index, not in one pass of the plain index.
        assert bucket_rounds(queries) >= 2


@pytest.mark.usefixtures("small_rounds")
def test_the_newest_matches_are_ranked_when_there_are_more_than_the_cap(
    anonymous: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selectors, "MAX_RESULTS", 3)
    best = story_at(100, title="Walking", body="Walking, walking and more walking.")
    for n, doc_id in enumerate([3 * BUCKET, 9 * BUCKET, 9 * BUCKET + 5, 12 * BUCKET]):
        story_at(doc_id, title=f"Group {n}", body="Some walking today.")
    html = search(anonymous, q="walking")
    assert "More than 3 results" in html
    # The three newest are ranked; the oldest, best match is beyond them.
    assert sorted(result_titles(html)) == ["Group 1", "Group 2", "Group 3"]
    assert best.title not in result_titles(html)


@pytest.mark.usefixtures("small_rounds")
def test_a_phrase_matches_words_in_that_order_only_in_every_bucket(anonymous: Client) -> None:
    story_at(2 * BUCKET, title="Walking group in the park")
    story_at(9 * BUCKET, title="A group went walking")
    story_at(15 * BUCKET, title="Our walking group")
    story_at(15 * BUCKET + 1, title="Group of friends walking")
    assert sorted(result_titles(search(anonymous, q='"walking group"'))) == [
        "Our walking group",
        "Walking group in the park",
    ]


@pytest.mark.usefixtures("small_rounds")
def test_excluded_words_and_phrases_stay_out_in_every_bucket(anonymous: Client) -> None:
    story_at(2 * BUCKET, title="Walking group by the river")
    story_at(6 * BUCKET, title="Walking alone", body="A group passed me.")
    story_at(9 * BUCKET, title="Walking to the shops")
    story_at(15 * BUCKET, title="Walking group on Sundays")
    assert result_titles(search(anonymous, q="walking -group")) == ["Walking to the shops"]
    assert sorted(result_titles(search(anonymous, q='walking -"walking group"'))) == [
        "Walking alone",
        "Walking to the shops",
    ]


@pytest.mark.usefixtures("small_rounds")
def test_members_only_stories_stay_hidden_from_visitors_in_every_bucket(
    client_for, member: User
) -> None:
    story_at(BUCKET + 1, title="Walking after surgery", audience="members")
    story_at(8 * BUCKET, title="Walking to work")
    story_at(20 * BUCKET, title="Walking with my carer", audience="members")
    assert result_titles(search(client_for(None), q="walking")) == ["Walking to work"]
    assert sorted(result_titles(search(client_for(member), q="walking"))) == [
        "Walking after surgery",
        "Walking to work",
        "Walking with my carer",
    ]


@pytest.mark.usefixtures("small_rounds")
def test_topic_filter_applies_in_every_bucket(anonymous: Client) -> None:
    topic = TopicFactory.create(slug="activity", name="Activity")
    story_at(BUCKET + 1, title="Walking with friends", topics=[topic])
    story_at(8 * BUCKET, title="Walking to work")
    story_at(20 * BUCKET, title="Walking football", topics=[topic])
    assert sorted(result_titles(search(anonymous, q="walking", topic="activity"))) == [
        "Walking football",
        "Walking with friends",
    ]


def test_rare_words_far_back_are_found_through_the_plain_index(anonymous: Client) -> None:
    story_at(3, title="Prostate clinic")
    for n in range(3):
        story_at(30 * BUCKET + n, title=f"Walking group {n}")
    with CaptureQueriesContext(connection) as queries:
        assert result_titles(search(anonymous, q="prostate")) == ["Prostate clinic"]
    if connection.vendor == "postgresql":
        # The planner expects few matches: one pass over the plain index, not 31 buckets.
        assert bucket_rounds(queries) == 0


def test_each_lexeme_gets_its_bucket_and_phrases_become_all_of_their_words() -> None:
    printed = "'appoint' & !( 'walk' <-> 'group' ) & ( 'gp' | 'clinic' <2> 'nurs' ) & '#t12'"
    assert PostgresBackend._bucketed(printed, 7) == (
        "'7_appoint' & !( '7_walk' & '7_group' ) & ( '7_gp' | '7_clinic' & '7_nurs' ) & '7_#t12'"
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the age index is PostgreSQL's")
def test_the_age_index_buckets_ids_as_the_backend_expects() -> None:
    # The bucket size lives in the migration's SQL function and in the backend: they must agree.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_bucketed(%s, to_tsvector('english', 'walking')) @@ %s::tsquery",
            [7 * BUCKET + BUCKET - 1, PostgresBackend._bucketed("'walk'", 7)],
        )
        assert cursor.fetchone()[0] is True
        cursor.execute(
            "SELECT search_bucketed(%s, to_tsvector('english', 'walking')) @@ %s::tsquery",
            [8 * BUCKET, PostgresBackend._bucketed("'walk'", 7)],
        )
        assert cursor.fetchone()[0] is False


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the age index is PostgreSQL's")
def test_the_age_index_finds_exactly_what_the_plain_index_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Random queries of every shape (phrases, "or", excluded words and phrases, a topic filter)
    # over stories spread across buckets: the rounds through the age index must return the same
    # documents, in the same order, with the same scores, as one pass over the plain index.
    words = ["walking", "group", "clinic", "pharmacy", "appointments", "nurse", "waiting"]
    rng = random.Random(2026)
    topic = TopicFactory.create(slug="activity")
    for n in range(30):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(2, 8)))
        topics = [topic] if n % 3 == 0 else []
        story_at(n * BUCKET // 3 + 1, title=f"Story {n}", body=text, topics=topics)

    def term() -> str:
        if rng.random() < 0.3:
            return '"' + " ".join(rng.sample(words, 2)) + '"'
        return rng.choice(words)

    backend = PostgresBackend()
    latest = backend.latest_id()
    assert latest is not None
    for _ in range(150):
        parts = [term() for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.3:
            parts.insert(1, "or")
        if rng.random() < 0.4:
            parts.append("-" + term())
        parsed = parse_query(" ".join(parts))
        tags = (topic_tag(topic.pk),) if rng.random() < 0.3 else ()
        filters = Filters(audiences=("public",), tags=tags)
        monkeypatch.setattr(PostgresBackend, "WHOLE_INDEX_ABOVE", 0.0)
        plain = backend.candidates(parsed, filters, limit=501, latest_id=latest)
        monkeypatch.setattr(PostgresBackend, "WHOLE_INDEX_ABOVE", 1.0)
        monkeypatch.setattr(PostgresBackend, "MIN_WINDOW", 1)
        monkeypatch.setattr(PostgresBackend, "WINDOW_MARGIN", rng.choice([0.0001, 0.5, 2.0]))
        limit = rng.choice([3, 501])
        aged = backend.candidates(parsed, filters, limit=limit, latest_id=latest)
        assert [(c.id, round(c.score, 6)) for c in aged] == [
            (c.id, round(c.score, 6)) for c in plain[:limit]
        ], " ".join(parts)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN pending lists are PostgreSQL's")
def test_both_text_indexes_keep_their_pending_lists_short() -> None:
    # Every scan of a GIN index reads its whole pending list, and a search scans the age index
    # once per bucket: migration 0005 bounds the lists at 64 kB instead of 4 MB.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname IN (%s, %s)",
            ["searchdoc_vector_gin", "searchdoc_bucketed_gin"],
        )
        assert dict(cursor.fetchall()) == {
            "searchdoc_vector_gin": ["gin_pending_list_limit=64"],
            "searchdoc_bucketed_gin": ["gin_pending_list_limit=64"],
        }
