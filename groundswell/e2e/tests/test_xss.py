"""No text a member types can run as script, on any page that shows it, in a real browser.

Every payload in groundswell/e2e/xss_payloads.py goes into story titles, bodies (raw, as Markdown
link text, bold), pseudonyms, image descriptions, comments and replies, display names, place and
topic names and search queries. Each page that shows them is rendered in Chromium and must:
- never open a dialog or set window.__xss (what the payloads do if they run);
- contain no element, attribute or URL a payload could have smuggled in;
- show titles and form values back exactly as typed (escaped, not eaten);
- carry a Content-Security-Policy header that forbids inline script.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_plus

import pytest
from django.core.files.base import ContentFile
from PIL import Image
from playwright.sync_api import Page, Response, expect

from groundswell.core.testing.factories import (
    CommentFactory,
    PlaceFactory,
    StoryFactory,
    TopicFactory,
    UserFactory,
)
from groundswell.e2e.story_form import choose_privacy
from groundswell.e2e.xss_payloads import PAYLOADS, markdown_with_urls
from groundswell.lib.markdown import markdown_to_text, render_markdown
from groundswell.lib.text import clean_text, excerpt
from groundswell.stories.models import Story
from groundswell.stories.related import refresh_related
from groundswell.stories.searching import index_story

pytestmark = pytest.mark.browser

COMMON_WORD = "xsscorpus"
# Elements Groundswell's own templates and the Markdown allow-list produce on these pages.
EXPECTED_TAGS = [
    *("html", "head", "meta", "title", "link", "style", "script", "body", "main", "header"),
    *("footer", "nav", "aside", "section", "article", "div", "span", "p", "br", "hr", "a"),
    *("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "time", "mark"),
    *("strong", "em", "del", "s", "blockquote", "pre", "code", "figure", "img", "details"),
    *("summary", "form", "fieldset", "legend", "label", "input", "textarea", "select", "option"),
    *("button", "table", "caption", "thead", "tbody", "tr", "th", "td"),
]
URL_ATTRIBUTES = ["href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"]

INSPECT = """([expectedTags, urlAttributes]) => {
  const issues = [];
  if (window.__xss) issues.push("window.__xss was set");
  for (const el of document.querySelectorAll("*")) {
    const tag = el.localName;
    const inBody = !!el.closest("body");
    if (!expectedTags.includes(tag)) issues.push(`unexpected <${tag}>`);
    if (inBody && ["style", "link", "meta", "base", "title"].includes(tag)) issues.push(`<${tag}> in body`);
    if (tag === "script") {
      const src = el.getAttribute("src") || "";
      const url = src ? new URL(src, location.href) : null;
      if (!url || url.origin !== location.origin || !url.pathname.startsWith("/static/")) {
        issues.push(`script ${src || "(inline) " + el.textContent.slice(0, 40)}`);
      }
    }
    if (tag === "img" && !(el.getAttribute("src") || "").startsWith("/media/")) {
      issues.push(`img src=${el.getAttribute("src")}`);
    }
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      const value = a.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
      if (name.startsWith("on")) issues.push(`<${tag} ${name}>`);
      if (name === "style" || name === "srcdoc") issues.push(`<${tag} ${name}>`);
      if ((name.startsWith("hx-") || name.startsWith("data-hx-")) && !(tag === "form" && (el.parentElement.classList.contains("reactions") || el.classList.contains("follow-form")))) {
        issues.push(`<${tag} ${name}>`);
      }
      if (urlAttributes.includes(name) && /^(javascript|vbscript|data):/.test(value)) {
        issues.push(`<${tag} ${name}="${a.value.slice(0, 40)}">`);
      }
    }
  }
  return issues;
}"""


class Inspector:
    """Visits pages and collects every problem, so one run reports them all."""

    def __init__(self, page: Page, base_url: str, dialogs: list[str]) -> None:
        self.page = page
        self.base_url = base_url
        self.dialogs = dialogs
        self.problems: list[str] = []
        self.visited = 0

    def visit(self, path: str) -> Response | None:
        # Scripts in the page run while it is parsed; handlers a payload might add are caught by
        # the DOM inspection, so there is no need to wait for every image.
        response = self.page.goto(self.base_url + path, wait_until="domcontentloaded")
        self.visited += 1
        if response is None or response.status != 200:
            self.problems.append(f"{path}: status {response.status if response else None}")
            return response
        self.check_csp(path, response)
        self.check(path)
        return response

    def check_csp(self, path: str, response: Response) -> None:
        csp = response.headers.get("content-security-policy", "")
        script_src = re.search(r"script-src([^;]*)", csp)
        if not script_src or "'unsafe-inline'" in script_src.group(1) or "'nonce-" not in csp:
            self.problems.append(f"{path}: weak or missing CSP: {csp!r}")
        if "default-src 'self'" not in csp or "object-src 'none'" not in csp:
            self.problems.append(f"{path}: CSP lacks default-src/object-src: {csp!r}")

    def check(self, where: str) -> None:
        for issue in self.page.evaluate(INSPECT, [EXPECTED_TAGS, URL_ATTRIBUTES]):
            self.problems.append(f"{where}: {issue}")
        while self.dialogs:
            self.problems.append(f"{where}: dialog opened: {self.dialogs.pop()}")

    def expect_text(self, where: str, selector: str, expected: str, *, value: bool = False) -> None:
        locator = self.page.locator(selector).first
        shown = locator.input_value() if value else locator.text_content() or ""
        if " ".join(shown.split()) != " ".join(expected.split()):
            self.problems.append(f"{where}: {selector} shows {shown!r}, expected {expected!r}")


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (11, 110, 79)).save(buffer, format="PNG")
    return buffer.getvalue()


def one_line(value: str, limit: int) -> str:
    """What a form would store: cut to the field's length, then cleaned like every form does."""
    return clean_text(value[:limit], single_line=True)


# Names, titles and form values are escaped by the same template code on every page; the pages
# that only add such contexts (edit form, profile, place, topic, consent) get a sample that
# includes every payload aimed at attribute values, <title> and <textarea>. The story page
# (Markdown bodies, comments, names, pseudonyms, image descriptions) and search highlighting get
# every payload.
SAMPLE = sorted(
    set(range(0, len(PAYLOADS), 10))
    | {n for n, p in enumerate(PAYLOADS) if p[:1] in "\"'" or "</t" in p}
)


@dataclass
class Seeded:
    writer: Any
    stories: list[Story]
    topics: list[Any]
    places: list[Any]
    commenters: list[Any]

    @property
    def topic_slugs(self) -> set[str]:
        return {t.slug for t in self.topics}


def seed_payloads() -> Seeded:
    """One story per payload, written the way the share form and services store them.

    Made with factories rather than services: publishing through services also recomputes related
    stories and trust levels for every post, which costs most of a minute here and tests nothing
    about escaping. body_html and excerpt come from the same functions the services use.
    """
    writer = UserFactory(display_name="Writer Wyn")
    common = TopicFactory(name="Everything", slug="everything")
    topics, places, commenters, stories = [], [], [], []
    seen_topic_names: set[str] = set()
    image = png_bytes()
    for n, payload in enumerate(PAYLOADS):
        places.append(PlaceFactory(name=one_line(payload, 120), slug=f"xss-place-{n}"))
        topic = None
        if one_line(payload, 80) not in seen_topic_names:
            seen_topic_names.add(one_line(payload, 80))
            topic = TopicFactory(
                name=one_line(payload, 80),
                slug=f"xss-topic-{n}",
                description=one_line(payload, 300),
            )
            topics.append(topic)
        commenters.append(UserFactory(display_name=one_line(payload, 80)))
        identity = ["named", "pseudonym", "anonymous"][n % 3]
        body = clean_text(
            f"{payload}\n\n[{payload}](https://example.org/{n}) **{payload}** {COMMON_WORD}"
        )
        story = StoryFactory(
            author=writer,
            kind=["story", "idea", "resource"][n % 3],
            title=one_line(payload, 160),
            body=body,
            body_html=render_markdown(body),
            excerpt=excerpt(markdown_to_text(body), 280),
            identity=identity,
            pseudonym=one_line(payload, 60) if identity == "pseudonym" else "",
            place=places[-1],
            topics=[t for t in (topic, common) if t],
        )
        if '"' in payload or "'" in payload:
            story.image_alt = one_line(payload, 300)
            story.image.save(f"p{n}.png", ContentFile(image), save=True)
        comment_body = clean_text(payload)
        comment = CommentFactory(
            story=story,
            author=commenters[-1],
            body=comment_body,
            body_html=render_markdown(comment_body),
        )
        reply = clean_text(f"> {payload}\n\n{payload}")
        CommentFactory(
            story=story, author=writer, parent=comment, body=reply, body_html=render_markdown(reply)
        )
        Story.objects.filter(pk=story.pk).update(comment_count=2)
        stories.append(story)
    links = markdown_with_urls()
    stories.append(
        StoryFactory(
            author=writer,
            title="Links",
            body=links,
            body_html=render_markdown(links),
            excerpt=excerpt(markdown_to_text(links), 280),
            topics=[common],
        )
    )
    for story in stories:
        index_story(story.pk)
    for story in stories[:6]:  # "Related stories" lists other payload titles
        refresh_related(story.pk)
    return Seeded(writer, stories, topics, places, commenters)


def test_no_payload_runs_on_any_page_that_shows_it(browsing: Any) -> None:
    assert len(PAYLOADS) >= 50
    seeded = seed_payloads()
    browsing.log_in(seeded.writer)
    inspector = Inspector(browsing.new_page(), browsing.base_url, browsing.watch.dialogs)

    for n, story in enumerate(seeded.stories):
        inspector.visit(f"/stories/{story.pk}/")
        inspector.expect_text(f"story {story.pk}", "h1", story.title)
        if story.identity == "pseudonym":
            inspector.expect_text(f"story {story.pk}", ".author-card strong", story.pseudonym)
        if n in SAMPLE or n == len(PAYLOADS):
            inspector.visit(f"/stories/{story.pk}/edit/")
            inspector.expect_text(f"edit {story.pk}", "#id_title", story.title, value=True)
            inspector.expect_text(f"edit {story.pk}", "#id_body", story.body, value=True)
        if n in SAMPLE:
            inspector.visit(f"/stories/{story.pk}/publish/")
            inspector.expect_text(f"consent {story.pk}", ".preview h3", story.title)

    for n in SAMPLE:
        person, place = seeded.commenters[n], seeded.places[n]
        inspector.visit(f"/members/{person.handle}/")
        inspector.expect_text(f"profile {person.pk}", "main h1", person.display_name)
        inspector.visit(f"/places/{place.slug}/")
        inspector.expect_text(f"place {place.slug}", "main h1", place.name)
        if f"xss-topic-{n}" in seeded.topic_slugs:
            inspector.visit(f"/topics/xss-topic-{n}/")
    for listing in ("/topics/", "/places/", "/stories/mine/", "/stories/new/", "/search/"):
        inspector.visit(listing)

    # Every page of the home feed and of search results for a word in every story.
    for start in ("/", f"/search/?q={COMMON_WORD}", f"/search/?q={COMMON_WORD}&order=newest"):
        path: str | None = start
        pages = 0
        while path:
            inspector.visit(path)
            pages += 1
            nxt = inspector.page.locator("a[rel=next]")
            path = nxt.get_attribute("href") if nxt.count() else None
            if path and path.startswith("?"):
                path = start.split("?")[0] + path
        assert pages > 1, f"{start} showed every story on one page; the test meant to page through"

    # Payloads as search queries: reflected in the title, the box and the result count, and
    # highlighted inside the titles and snippets of the stories that contain them. (The pages
    # above already ran every payload's title and snippet through the highlighter.)
    for n in sorted(
        set(SAMPLE) | {n for n, p in enumerate(PAYLOADS) if "&" in p or "%" in p or "\\u" in p}
    ):
        inspector.visit(f"/search/?q={quote_plus(PAYLOADS[n])}")

    assert inspector.visited > 2 * len(PAYLOADS)
    assert inspector.problems == [], "\n".join(inspector.problems[:60])


def test_payloads_typed_into_the_forms_do_not_run(browsing: Any) -> None:
    """The same, through the real forms: share, publish, comment, profile, search."""
    member = UserFactory(display_name="Typist")
    TopicFactory(name="Everything", slug="everything")
    PlaceFactory(name="Wales", slug="wales")
    browsing.log_in(member)
    page = browsing.new_page()
    inspector = Inspector(page, browsing.base_url, browsing.watch.dialogs)
    title = '"><script>window.__xss=1</script><img src=x onerror=alert(1)>'
    pseudonym = "' onfocus='window.__xss=1' autofocus x='"
    body = "\n\n".join([*PAYLOADS[:20], markdown_with_urls(), "{{7*7}} {% debug %}"])

    inspector.visit("/stories/new/")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Your words").fill(body)
    page.get_by_label("Everything").check()
    choose_privacy(page, identity="pseudonym", pseudonym=pseudonym, audience="public")
    page.get_by_role("button", name="Continue to review and publish").click()
    expect(page).to_have_url(re.compile(r"/stories/\d+/publish/(#.*)?$"))
    inspector.check("consent page")
    expect(page.locator(".consent-box")).to_contain_text(pseudonym)
    page.get_by_label("I understand who will see this").check()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    inspector.check("story page")
    expect(page.locator(".prose")).not_to_contain_text("49")

    comment = "<svg onload=window.__xss=1> [x](javascript:alert(1)) {{7*7}}"
    page.get_by_label("Your comment").fill(comment)
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("status")).to_contain_text("Your comment is posted.")
    inspector.check("story page with comment")
    expect(page.locator(".comment-body").first).to_contain_text("<svg onload=window.__xss=1>")

    inspector.visit("/members/me/")
    page.get_by_label("Display name").fill("<img src=x onerror=window.__xss=1>\"'")
    page.get_by_role("textbox", name=re.compile("^Pronouns")).fill('"><script>alert(1)</script>')
    page.get_by_role("textbox", name=re.compile("^About you")).fill(
        "</textarea><script>window.__xss=1</script>"
    )
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("status")).to_contain_text("Your profile is saved.")
    inspector.check("profile edit after saving")
    inspector.visit(f"/members/{member.handle}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "<img src=x onerror=window.__xss=1>"
    )

    inspector.visit("/search/")
    page.get_by_label("Search for").fill("<script>window.__xss=1</script> window")
    page.locator("#main").get_by_role("button", name="Search", exact=True).click()
    inspector.check("search typed")
    expect(page.get_by_label("Search for")).to_have_value("<script>window.__xss=1</script> window")
    assert inspector.problems == [], "\n".join(inspector.problems[:60])


def test_the_detector_notices_a_payload_that_got_through(browsing: Any) -> None:
    """The checks above must be able to fail: plant what a successful payload leaves behind."""
    page = browsing.new_page()
    inspector = Inspector(page, browsing.base_url, browsing.watch.dialogs)
    inspector.visit("/")
    assert inspector.problems == []
    page.evaluate(
        """() => {
          document.querySelector("main").insertAdjacentHTML("beforeend",
            '<img src=x onerror="window.__xss=1"><a href=" javascript:void(0)">x</a>' +
            '<svg></svg><div hx-get="/">x</div><iframe srcdoc="x"></iframe>');
          window.__xss = 1;  // the inline onerror above is blocked by the CSP, as it should be
          alert("planted");
        }"""
    )
    inspector.check("planted")
    found = "\n".join(inspector.problems)
    for expected in (
        "window.__xss was set",
        "<img onerror>",
        'href=" javascript',
        "unexpected <svg>",
        "<div hx-get>",
        "unexpected <iframe>",
        "dialog opened: alert: planted",
    ):
        assert expected in found, f"{expected!r} not reported in:\n{found}"
