"""Markdown to safe HTML: markdown-it-py renders, nh3 (Ammonia) sanitises."""

from __future__ import annotations

import html as html_lib
import re

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["strikethrough", "table"]
)

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "del",
    "s",
    "blockquote",
    "ul",
    "ol",
    "li",
    "code",
    "pre",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}


def render_markdown(text: str) -> str:
    """Render member-written Markdown to HTML that is safe to mark as safe.

    Raw HTML is escaped by markdown-it (html=False); nh3 then removes anything not on the allow list,
    including javascript: and data: URLs. Links get rel="nofollow noopener ugc".
    Headings are shifted down so a story's own h1 stays the page's only h1.
    """
    html = _md.render(text or "")
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener ugc",
    )


_BLOCK_END_RE = re.compile(r"</(p|li|h[1-6]|blockquote|pre|tr|th|td)>|<br\s*/?>|<hr\s*/?>")


def markdown_to_text(text: str) -> str:
    """Plain text of a Markdown body, one line per block, for search indexing and excerpts."""
    html = _BLOCK_END_RE.sub("\n", _md.render(text or ""))
    plain = html_lib.unescape(nh3.clean(html, tags=set()))
    return "\n".join(line.strip() for line in plain.splitlines() if line.strip())
