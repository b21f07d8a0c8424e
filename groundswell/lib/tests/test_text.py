from hypothesis import given
from hypothesis import strategies as st

from groundswell.lib.text import clean_text, excerpt


def test_invisible_only_title_becomes_empty():
    assert clean_text("\u200b\u200b\u2060\ufeff", single_line=True) == ""


def test_emoji_sequences_survive():
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert clean_text(f"Our {family} day out") == f"Our {family} day out"


def test_bidi_overrides_are_removed():
    assert clean_text("safe\u202etxt.exe") == "safetxt.exe"


@given(st.text())
def test_clean_text_never_leaves_control_characters(value):
    cleaned = clean_text(value)
    assert not any(ord(c) < 32 and c not in "\n\t" for c in cleaned)
    assert cleaned == cleaned.strip()


def test_excerpt_cuts_on_a_word():
    assert excerpt("one two three four", length=9) == "one two…"
