"""Plain text helpers: no Django state."""

from __future__ import annotations

import re
import string
import unicodedata
from functools import cache

# C0/C1 control characters except tab, newline and carriage return; plus bidi overrides and
# zero-width characters that can be used to disguise text.
_CONTROL_RE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2060\u202a-\u202e\u2066-\u2069\ufeff]"
)
_WORD_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "also",
        "get",
        "got",
        "really",
        "im",
        "ive",
        "dont",
        "feel",
        "felt",
        "one",
        "like",
        "much",
        "many",
        "even",
        "still",
    ]
)


def clean_text(value: str, *, single_line: bool = False) -> str:
    """Normalise to NFC, drop control and invisible characters, normalise newlines."""
    value = unicodedata.normalize("NFC", value or "")
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL_RE.sub("", value)
    if single_line:
        value = " ".join(value.split())
    return value.strip()


# Default-ignorable code points (Unicode's DerivedCoreProperties): they draw nothing, so a name
# can carry them unseen. Together with format characters (category Cf: zero-width joiners,
# direction marks and overrides, soft hyphen...) and the Braille blank, which draws an empty cell.
_DRAW_NOTHING = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x2800, 0x2800),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)


def draws_nothing(char: str) -> bool:
    """True for a character that is invisible or only steers the text around it."""
    code = ord(char)
    if unicodedata.category(char) == "Cf":
        return True
    return any(low <= code <= high for low, high in _DRAW_NOTHING)


def clean_name(value: str) -> str:
    """A name (display name, pseudonym, organisation) as it may be shown: one line, and without
    invisible or direction-changing characters, which could make two names look alike or hide a
    reserved one. Unlike clean_text, zero-width joiners go too: emoji sequences in a name
    fall apart into their pieces, which is a fair price."""
    value = unicodedata.normalize("NFC", value or "")
    return clean_text("".join(c for c in value if not draws_nothing(c)), single_line=True)


def _without_marks(value: str) -> str:
    # confusable_homoglyphs keeps the left-to-right marks that Unicode's file puts around
    # right-to-left characters in its comments.
    return value.replace("\u200e", "").replace("\u200f", "")


@cache
def _confusable_map() -> dict[str, str]:
    """Each character that looks like another, mapped to one representative of the characters it
    can be mistaken for (UTS #39's confusables.txt, as shipped by confusable_homoglyphs).

    The package lists the pairs both ways, so which side is Unicode's prototype is lost; for
    telling whether two names look alike any one member of each group does, as long as it is
    always the same one. Only a prototype can be longer than one character ("rn" for "m"), so
    those keep their direction. An ASCII capital and its small letter join one group, so that
    comparing without case keeps UTS #39's "I looks like l" and "O looks like 0".
    """
    # Imported here: the package reads its 1 MB table on import, and most users of this module
    # (clean_text on every story) never need it.
    from confusable_homoglyphs import confusables

    parent: dict[str, str] = {}

    def find(char: str) -> str:
        parent.setdefault(char, char)
        while parent[char] != char:
            parent[char] = parent[parent[char]]
            char = parent[char]
        return char

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    longer: dict[str, str] = {}
    for key, entries in confusables.confusables_data.items():
        source = _without_marks(key)
        for entry in entries:
            target = _without_marks(entry["c"])
            if len(source) != 1 or not target:
                continue
            if len(target) > 1:
                longer[source] = target
            else:
                union(source, target)
    for capital in string.ascii_uppercase:
        union(capital, capital.lower())

    groups: dict[str, list[str]] = {}
    for char in list(parent):
        groups.setdefault(find(char), []).append(char)
    representative: dict[str, str] = {}
    for members in groups.values():
        chosen = min(
            members,
            key=lambda c: (
                0 if c in string.ascii_lowercase else 1 if c.isascii() else 2,
                ord(c),
            ),
        )
        representative.update(dict.fromkeys(members, chosen))

    def prototype(char: str, depth: int = 0) -> str:
        chosen = representative.get(char, char)
        if chosen in longer and depth < 3:
            return "".join(prototype(c, depth + 1) for c in longer[chosen])
        if char in longer and depth < 3:
            return "".join(prototype(c, depth + 1) for c in longer[char])
        return chosen

    mapping = {char: prototype(char) for char in [*representative, *longer]}
    return {char: proto for char, proto in mapping.items() if proto != char}


def _map_confusables(value: str) -> str:
    mapping = _confusable_map()
    return "".join(mapping.get(c, c) for c in unicodedata.normalize("NFD", value))


def skeleton(value: str) -> str:
    """What a text looks like, after UTS #39 (Unicode security mechanisms): two texts with the
    same skeleton can be mistaken for each other ("Pаul" with a Cyrillic а, "PAUL", "Paul").
    Invisible characters go, compatibility forms are folded (NFKC), case is folded, and runs of
    spaces count as one. For comparing only: never show it."""
    value = "".join(c for c in value or "" if not draws_nothing(c))
    value = _map_confusables(unicodedata.normalize("NFKC", value))
    # Folding case after mapping keeps a Cyrillic capital М mistakable for M; mapping again
    # catches small letters that only casefolding produced.
    value = _map_confusables(unicodedata.normalize("NFKC", value).casefold())
    return " ".join(unicodedata.normalize("NFC", value).split())


def name_key(value: str) -> str:
    """A name's skeleton with only its letters and digits (and their accents): "Sam.Jones" and
    "sam jones" share a key. Two names with one key are too alike to tell apart."""
    kept = "".join(c for c in skeleton(value) if unicodedata.category(c)[0] in "LMN")
    return unicodedata.normalize("NFC", kept)


def tokenize(value: str) -> list[str]:
    """Lower-cased content words, for similarity scores."""
    return [
        w
        for w in (m.group(0).lower() for m in _WORD_RE.finditer(value))
        if w not in STOPWORDS and len(w) > 2
    ]


def excerpt(value: str, length: int = 220) -> str:
    """A one-paragraph preview. Lines without closing punctuation (headings, list items) get a
    full stop, so they don't run into the next line as one sentence."""
    lines = [" ".join(line.split()) for line in value.splitlines()]
    value = " ".join(line if line[-1] in ".!?:;…)\"'" else f"{line}." for line in lines if line)
    if len(value) <= length:
        return value
    cut = value[:length].rsplit(" ", 1)[0]
    return cut.rstrip(",.;:") + "…"
