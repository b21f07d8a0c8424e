"""Plain text helpers: no Django state."""

from __future__ import annotations

import re
import unicodedata

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
