"""Parsing what people type: no database needed, except SQLite's own FTS5 to prove safety."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from groundswell.search.query import (
    MAX_QUERY_CHARS,
    MAX_TERMS,
    Term,
    normalise_query,
    parse_query,
    to_fts5,
    to_tsquery,
)


@pytest.fixture(scope="module")
def fts5() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE VIRTUAL TABLE t USING fts5(title, text, tokenize='porter unicode61 remove_diacritics 2')"
    )
    conn.execute("INSERT INTO t VALUES ('Walking group', 'We meet on Tuesdays at the canal path')")
    return conn


def test_words_are_all_required_and_lower_cased() -> None:
    parsed = parse_query("Walking GROUP")
    assert parsed.groups == [[Term(("walking",))], [Term(("group",))]]
    assert to_fts5(parsed) == '("walking") AND ("group")'
    assert to_tsquery(parsed) == "(('walking')) & (('group'))"


def test_quoted_phrase_stays_together() -> None:
    parsed = parse_query('"waiting list" anxiety')
    assert parsed.groups == [[Term(("waiting", "list"))], [Term(("anxiety",))]]
    assert to_tsquery(parsed) == "(('waiting' <-> 'list')) & (('anxiety'))"


def test_or_offers_alternatives_and_minus_excludes() -> None:
    parsed = parse_query("pain or ache -migraine")
    assert parsed.groups == [[Term(("pain",)), Term(("ache",))]]
    assert parsed.excluded == [Term(("migraine",))]
    assert to_fts5(parsed) == '(("pain" OR "ache")) NOT ("migraine")'


def test_stop_words_and_symbols_alone_leave_nothing_to_search() -> None:
    for raw in ["the", "AND OR NOT", "***", "()", '"', "🙂🙂", "-pain", "\x00", ""]:
        assert parse_query(raw).is_empty, raw
        assert to_fts5(parse_query(raw)) == ""
        assert to_tsquery(parse_query(raw)) == ""


def test_fts5_operators_typed_by_people_are_just_words() -> None:
    parsed = parse_query("NEAR(pain fatigue) title:cancer dia*")
    assert parsed.words() == ["near", "pain", "fatigue", "title", "cancer", "dia"]


def test_long_query_is_cut_not_rejected() -> None:
    raw = "word " * 1000
    assert len(normalise_query(raw)) <= MAX_QUERY_CHARS
    parsed = parse_query(" ".join(f"w{i}" for i in range(200)))
    assert len(parsed.groups) == MAX_TERMS
    assert parsed.was_truncated


def test_control_characters_are_dropped() -> None:
    assert normalise_query("pain\x00\x1b[31m relief") == "pain[31m relief"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_input_gives_a_valid_fts5_expression(fts5: sqlite3.Connection, raw: str) -> None:
    expression = to_fts5(parse_query(raw))
    if expression:
        fts5.execute("SELECT rowid FROM t WHERE t MATCH ?", [expression]).fetchall()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab "-()*:^+OR NEAR AND NOT\x00🙂é')), max_size=80))
def test_operator_soup_gives_a_valid_fts5_expression(fts5: sqlite3.Connection, raw: str) -> None:
    expression = to_fts5(parse_query(raw))
    if expression:
        fts5.execute("SELECT rowid FROM t WHERE t MATCH ?", [expression]).fetchall()
