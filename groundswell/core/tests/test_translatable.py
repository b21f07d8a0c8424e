"""Every interface string in a project template is marked for translation.

The checker reads each template with Django's own template lexer, blanks out whatever is already
translated (``{% blocktranslate %}`` blocks, comments, template tags and variables), then reads the
HTML that is left with the standard library's parser and reports any text a person would read:
text between tags, and the attributes people hear or see (alt, title, placeholder, aria-label,
aria-description, a button's value, a page description). Plain-text templates (emails) are
checked line by line. A miss names the file and line, so it can be fixed where it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType

BASE_DIR = Path(settings.BASE_DIR)

# Attributes a person reads or hears. A submit input's value is its label (a <button>'s value is
# only sent with the form: its label is its content); a page description is shown by search
# engines and link previews.
HUMAN_ATTRIBUTES = frozenset({"alt", "title", "placeholder", "aria-label", "aria-description"})
LABELLED_INPUT_TYPES = frozenset({"submit", "button", "reset"})
# Any letter in any script; digits and underscores are not words.
LETTER = re.compile(r"[^\W\d_]")
# Literal words given to a filter that shows them (`|default:"None yet"`) are interface text too.
SHOWN_LITERAL = re.compile(r"\|\s*(?:default|default_if_none|yesno)\s*:\s*(['\"])(.*?)\1")
# English-only plurals (`reply{{ n|pluralize:"ies" }}`): use {% blocktranslate count %}.
PLURALIZE = re.compile(r"\|\s*pluralize\b")


@dataclass(frozen=True)
class Miss:
    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text!r}"


def _blank(text: str) -> str:
    """Keep only the newlines of a piece of template, so later line numbers stay right."""
    return "\n" * text.count("\n")


def _tag_name(contents: str) -> str:
    return contents.split(None, 1)[0] if contents.strip() else ""


def untranslated_skeleton(source: str) -> tuple[str, list[tuple[int, str]]]:
    """The template with everything already translated or not shown blanked out.

    Returns the text left (same line numbers as the source) and problems found in template tags
    and variables themselves (shown literals, English-only plurals) as (line, text).
    """
    parts: list[str] = []
    problems: list[tuple[int, str]] = []
    inside: list[str] = []  # the closing tags we are waiting for
    closers = {
        "blocktranslate": "endblocktranslate",
        "blocktrans": "endblocktrans",
        "comment": "endcomment",
    }
    for token in Lexer(source).tokenize():
        # Tags, variables and {# comments #} never span lines, so dropping them keeps line numbers.
        raw = token.contents if token.token_type == TokenType.TEXT else ""
        if token.token_type == TokenType.BLOCK:
            name = _tag_name(token.contents)
            if inside and name == inside[-1]:
                inside.pop()
            elif name in closers and not (inside and inside[-1] == "endcomment"):
                inside.append(closers[name])
            parts.append(_blank(raw))
            continue
        if token.token_type == TokenType.VAR:
            if not inside:
                for match in SHOWN_LITERAL.finditer(token.contents):
                    if LETTER.search(match.group(2)):
                        problems.append((token.lineno, "{{ " + token.contents + " }}"))
                if PLURALIZE.search(token.contents):
                    problems.append((token.lineno, "{{ " + token.contents + " }}"))
            parts.append(_blank(raw))
            continue
        if token.token_type == TokenType.COMMENT or inside:
            parts.append(_blank(raw))
            continue
        parts.append(raw)
    return "".join(parts), problems


class _TextFinder(HTMLParser):
    """Collects text and human-facing attribute values, with their line numbers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._hidden: list[str] = []  # open <script>/<style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {name: value or "" for name, value in attrs}
        for name, value in attrs:
            if value is not None and self._is_read_by_people(tag, name, values):
                self._check(line, value)
        if tag in ("script", "style"):
            self._hidden.append(tag)

    @staticmethod
    def _is_read_by_people(tag: str, name: str, values: dict[str, str]) -> bool:
        if name in HUMAN_ATTRIBUTES:
            return True
        if name == "value" and tag == "input":
            return values.get("type", "").lower() in LABELLED_INPUT_TYPES
        return name == "content" and tag == "meta" and values.get("name") == "description"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <input ... />: attributes only, nothing is opened.
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style") and self._hidden:
            self._hidden.pop()

    def handle_endtag(self, tag: str) -> None:
        if self._hidden and tag == self._hidden[-1]:
            self._hidden.pop()

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        line = self.getpos()[0]
        leading = data[: len(data) - len(data.lstrip())]
        self._check(line + leading.count("\n"), data)

    def _check(self, line: int, text: str) -> None:
        if LETTER.search(text):
            self.found.append((line, " ".join(text.split())))


def find_untranslated(source: str, *, path: str, plain_text: bool = False) -> list[Miss]:
    """Every piece of human-readable text in a template that is not marked for translation."""
    skeleton, problems = untranslated_skeleton(source)
    found = list(problems)
    if plain_text:
        for number, line in enumerate(skeleton.splitlines(), start=1):
            if LETTER.search(line):
                found.append((number, line.strip()))
    else:
        finder = _TextFinder()
        finder.feed(skeleton)
        finder.close()
        found.extend(finder.found)
    return [Miss(path, line, text) for line, text in sorted(found)]


def project_templates() -> list[Path]:
    roots = [BASE_DIR / "templates", *sorted((BASE_DIR / "groundswell").glob("*/templates"))]
    return sorted(
        path
        for root in roots
        for path in root.rglob("*")
        if path.is_file() and path.suffix in (".html", ".txt")
    )


def _relative(path: Path) -> str:
    return path.relative_to(BASE_DIR).as_posix()


def test_every_template_marks_its_interface_text_for_translation() -> None:
    misses: list[Miss] = []
    for path in project_templates():
        relative = _relative(path)
        source = path.read_text(encoding="utf-8")
        misses.extend(find_untranslated(source, path=relative, plain_text=path.suffix == ".txt"))
    assert not misses, "Text not marked for translation:\n" + "\n".join(map(str, misses))


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("<p>Share your story</p>", [(1, "Share your story")]),
        ('\n\n<img src="x.png" alt="A crowd">', [(3, "A crowd")]),
        ('<input type="submit" value="Save">', [(1, "Save")]),
        ('<button value="yes" title="Say yes">x</button>', [(1, "Say yes"), (1, "x")]),
        ('<meta name="description" content="A health site">', [(1, "A health site")]),
        ('<a href="#" aria-label="Close">{% translate "x" %}</a>', [(1, "Close")]),
        ("<p>{{ count }} replies</p>", [(1, "replies")]),
        ('{{ name|default:"Someone" }}', [(1, '{{ name|default:"Someone" }}')]),
        ('reply{{ n|pluralize:"ies" }}', [(1, "reply"), (1, '{{ n|pluralize:"ies" }}')]),
        ("{% if x %}\n<p>\n  Nothing yet\n</p>{% endif %}", [(3, "Nothing yet")]),
    ],
)
def test_checker_finds_text_not_marked(snippet: str, expected: list[tuple[int, str]]) -> None:
    misses = find_untranslated(snippet, path="snippet.html")
    assert [(miss.line, miss.text) for miss in misses] == expected


@pytest.mark.parametrize(
    "snippet",
    [
        '{% load i18n %}<p>{% translate "Share your story" %}</p>',
        "{% blocktranslate trimmed with name=n %}\nHello {{ name }}\n{% endblocktranslate %}",
        "{% blocktranslate count counter=n %}1 reply{% plural %}{{ counter }} replies"
        "{% endblocktranslate %}",
        "{% comment %}Why this is here{% endcomment %}{# a note #}",
        '<script nonce="{{ n }}">var label = "Close";</script><style>a::after{content:"x"}</style>',
        '<input type="text" name="q" value="search" class="field">',
        '{% translate "Save" as save %}<input type="submit" value="{{ save }}">',
        "<p>{{ story.title }} &middot; 12 &times; {{ when|date:'j F Y' }}</p>",
        '<a href="{% url "stories:list" %}" class="button">{% translate "Stories" %}</a>',
        '{{ name|default:"—" }}',
    ],
)
def test_checker_passes_marked_text(snippet: str) -> None:
    assert find_untranslated(snippet, path="snippet.html") == []


def test_checker_reads_plain_text_emails_line_by_line() -> None:
    source = '{% load i18n %}{% translate "Hello" %}\n{{ url }}\nThanks, the team\n'
    misses = find_untranslated(source, path="email.txt", plain_text=True)
    assert [(miss.line, miss.text) for miss in misses] == [(3, "Thanks, the team")]
