import pytest
from hypothesis import given
from hypothesis import strategies as st

from groundswell.lib.text import clean_name, clean_text, draws_nothing, excerpt, name_key, skeleton


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


# ---------------------------------------------------------------- names

INVISIBLE = [
    "\u200b",  # zero-width space
    "\u200c",  # zero-width non-joiner
    "\u200d",  # zero-width joiner
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u202a",
    "\u202e",  # right-to-left override
    "\u2066",
    "\u2069",  # isolates
    "\u00ad",  # soft hyphen
    "\u115f",
    "\u1160",
    "\u3164",
    "\uffa0",  # Hangul fillers
    "\u2060",
    "\u2064",
    "\ufeff",
    "\u180e",
    "\ufe0f",  # a variation selector
    "\U000e0041",  # a tag character
]


@pytest.mark.parametrize("char", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_names_lose_invisible_and_direction_characters(char):
    assert clean_name(f"{char}Sam{char} Jo{char}nes{char}") == "Sam Jones"
    assert skeleton(f"Sam{char} Jones") == skeleton("Sam Jones")


def test_clean_name_keeps_one_line_and_letters_of_every_script():
    assert clean_name("  Zoë\n  Ó Briain\t") == "Zoë Ó Briain"
    assert clean_name("Мария") == "Мария"
    assert clean_name("محمد") == "محمد"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Paul", "P\u0430ul"),  # Cyrillic а
        ("Mark", "\u041cark"),  # Cyrillic capital М
        ("Paul", "PAUL"),
        ("Ian", "lan"),  # capital I and small l look alike
        ("Bob", "B0B"),
        ("paul", "\uff50\uff41\uff55\uff4c"),  # fullwidth
        ("Paul", "\U0001d40faul"),  # mathematical bold P
        ("Anonymous member", "Anonymous  member"),
        ("Amy", "Arny"),  # rn looks like m
    ],
)
def test_lookalike_texts_share_a_skeleton(one, other):
    assert skeleton(one) == skeleton(other)


@pytest.mark.parametrize(("one", "other"), [("Paul", "Saul"), ("Zoe", "Zoë"), ("Sam", "Sara")])
def test_different_texts_keep_different_skeletons(one, other):
    assert skeleton(one) != skeleton(other)


def test_name_keys_leave_out_spaces_and_punctuation():
    assert name_key("Sam Jones") == name_key("sam.jones") == name_key("S\u0430m-Jones!")
    assert name_key("🌈") == ""


@given(st.text())
def test_clean_name_never_leaves_invisible_characters(value):
    cleaned = clean_name(value)
    assert not any(draws_nothing(c) for c in cleaned)
    assert "\n" not in cleaned and cleaned == cleaned.strip()


@given(st.text(), st.sampled_from(INVISIBLE), st.integers(min_value=0))
def test_an_invisible_character_never_changes_a_skeleton(value, char, where):
    at = where % (len(value) + 1)
    assert skeleton(value[:at] + char + value[at:]) == skeleton(value)


@given(st.text(alphabet=st.characters(codec="ascii", categories=["L"])))
def test_case_never_changes_a_name_key(value):
    assert name_key(value.upper()) == name_key(value.lower()) == name_key(value)


@given(st.text())
def test_cleaning_a_name_keeps_its_key(value):
    assert name_key(clean_name(value)) == name_key(value)
