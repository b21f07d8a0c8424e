"""Turn what someone typed into a safe, backend-neutral search query.

The grammar is the one people know from web search engines (and PostgreSQL's
`websearch_to_tsquery`): words are all required, `"a phrase"` must appear as written,
`or` between two terms accepts either, and `-word` excludes. Everything else (operators,
brackets, asterisks, emoji, control characters) is ignored, never passed through. Each backend
renders the parsed query in its own syntax from plain word tokens only, so no input can produce a
syntax error in the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from groundswell.lib.text import clean_text

# Longest query kept at all; longer input is cut, not rejected.
MAX_QUERY_CHARS = 2000
# Terms (words or phrases) used for searching; the rest are ignored and the page says so.
MAX_TERMS = 24
MAX_WORDS_PER_PHRASE = 12
MAX_WORD_CHARS = 60

# PostgreSQL's English stop words: dropped from single-word terms on every backend, so that
# SQLite and PostgreSQL agree on what "the cure" means.
_POSTGRES_ENGLISH_STOP_WORDS = """i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
    her hers herself it its itself they them their theirs themselves what which who whom this that
    these those am is are was were be been being have has had having do does did doing a an the and
    but if or because as until while of at by for with about against between into through during
    before after above below to from up down in out on off over under again further then once here
    there when where why how all any both each few more most other some such no nor not only own same
    so than too very s t can will just don should now"""
STOP_WORDS = frozenset(_POSTGRES_ENGLISH_STOP_WORDS.split())

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
# A quoted phrase, a bare chunk (up to whitespace or a quote), with an optional leading minus.
_CHUNK_RE = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


@dataclass(frozen=True)
class Term:
    """A word or a phrase: a tuple of lower-cased word tokens that must appear in order."""

    words: tuple[str, ...]

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1


@dataclass
class ParsedQuery:
    # Every group must match; a group matches when any of its terms does.
    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    was_truncated: bool = False

    @property
    def is_empty(self) -> bool:
        """True when nothing positive is left to search for (negative terms alone match nothing)."""
        return not self.groups

    def words(self) -> list[str]:
        return [w for group in self.groups for term in group for w in term.words]


def normalise_query(raw: str) -> str:
    """What is kept in the search box: cleaned of control characters and cut to the maximum."""
    return clean_text(raw or "", single_line=True)[:MAX_QUERY_CHARS]


def _term(text: str) -> Term | None:
    # Unquoted "covid-19" or "e-mail" gives several words that still belong together: a phrase.
    words = tuple(w.lower()[:MAX_WORD_CHARS] for w in _WORD_RE.findall(text))[:MAX_WORDS_PER_PHRASE]
    if not words or all(w in STOP_WORDS for w in words):
        return None
    return Term(words)


def parse_query(raw: str) -> ParsedQuery:
    """Parse free text into required groups of alternatives and excluded terms."""
    text = normalise_query(raw)
    parsed = ParsedQuery()
    pending_or = False
    term_count = 0
    for match in _CHUNK_RE.finditer(text):
        negated = bool(match.group(1) or match.group(3))
        quoted = match.group(2) is not None
        chunk = match.group(2) if quoted else match.group(4)
        if not quoted and not negated and chunk.lower() == "or":
            pending_or = bool(parsed.groups)
            continue
        term = _term(chunk)
        if term is None:
            continue
        if term_count >= MAX_TERMS:
            parsed.was_truncated = True
            break
        term_count += 1
        if negated:
            parsed.excluded.append(term)
        elif pending_or:
            if term not in parsed.groups[-1]:
                parsed.groups[-1].append(term)
        elif [term] not in parsed.groups:
            parsed.groups.append([term])
        pending_or = False
    return parsed


def _fts5_term(term: Term) -> str:
    # Tokens are letters and digits only, so wrapping them in double quotes is always a valid
    # FTS5 string: no operator, column filter or prefix syntax can leak through.
    return '"' + " ".join(term.words) + '"'


def to_fts5(parsed: ParsedQuery) -> str:
    """An FTS5 MATCH expression; empty string when there is nothing to search for."""
    if parsed.is_empty:
        return ""
    groups = ["(" + " OR ".join(_fts5_term(t) for t in group) + ")" for group in parsed.groups]
    expression = " AND ".join(groups)
    if parsed.excluded:
        expression = (
            f"({expression}) NOT (" + " OR ".join(_fts5_term(t) for t in parsed.excluded) + ")"
        )
    return expression


def _tsquery_term(term: Term) -> str:
    # Single-quoted lexemes made of letters and digits: no tsquery operator can leak through.
    return "(" + " <-> ".join(f"'{w}'" for w in term.words) + ")"


def to_tsquery(parsed: ParsedQuery) -> str:
    """Input for PostgreSQL's to_tsquery('english', ...), built from word tokens only.

    Fully bracketed, so it means exactly what `to_fts5` means: every group required, any term
    within a group, excluded terms absent.
    """
    if parsed.is_empty:
        return ""
    groups = ["(" + " | ".join(_tsquery_term(t) for t in group) + ")" for group in parsed.groups]
    expression = " & ".join(groups)
    if parsed.excluded:
        expression = (
            f"({expression}) & !(" + " | ".join(_tsquery_term(t) for t in parsed.excluded) + ")"
        )
    return expression
