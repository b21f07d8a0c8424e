from __future__ import annotations

import pytest

from groundswell.search.backends import START, STOP
from groundswell.search.highlight import to_html


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("plain", "plain"),
        (f"a {START}pain{STOP} b", "a <mark>pain</mark> b"),
        (f"{START}<b>{STOP} & <script>", "<mark>&lt;b&gt;</mark> &amp; &lt;script&gt;"),
        (f"unclosed {START}mark", "unclosed <mark>mark</mark>"),
        (f"stray {STOP}stop", "stray stop"),
        (f"{START}{STOP}empty", "empty"),
        ("quotes \" and '", "quotes &quot; and &#x27;"),
    ],
)
def test_matches_are_marked_and_everything_else_escaped(text: str, html: str) -> None:
    assert to_html(text) == html
