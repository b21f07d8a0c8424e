"""Privacy by default on the share form (UK GDPR article 25): nothing about who sees a post or
how its author is shown is chosen for the person; each choice says what it means."""

from __future__ import annotations

import uuid
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse

from groundswell.core.testing.factories import StoryFactory, TopicFactory
from groundswell.stories.models import Audience, Identity, Status, Story

pytestmark = pytest.mark.django_db

BODY = "After Mum's fall I learnt to ask the ward for the discharge plan **in writing**."


class FormFields(HTMLParser):
    """The share form's inputs, options and the hints tied to them, as a browser reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.inputs: list[dict[str, str | None]] = []
        self.selected_options: list[dict[str, str | None]] = []
        self.texts: dict[str, str] = {}  # element id -> its text
        self._open: list[str] = []
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "input":
            self.inputs.append(a)
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and "selected" in a:
            self.selected_options.append({**a, "select": self._select})
        if tag not in {"input", "br", "img"}:
            self._open.append(a.get("id") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        if self._open and tag not in {"input", "br", "img"}:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for element_id in self._open:
            if element_id:
                self.texts[element_id] = self.texts.get(element_id, "") + data

    def radios(self, name: str) -> list[dict[str, str | None]]:
        return [i for i in self.inputs if i.get("type") == "radio" and i.get("name") == name]

    def checked(self, name: str) -> list[str | None]:
        return [r.get("value") for r in self.radios(name) if "checked" in r]


def read_form(html: str) -> FormFields:
    parser = FormFields()
    parser.feed(html)
    return parser


def share_post(topic: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "kind": "story",
        "title": "Ask for the discharge plan",
        "body": BODY,
        "topics": [str(topic.pk)],
        "place": "",
        "pseudonym": "",
        "image_alt": "",
        "submission_key": str(uuid.uuid4()),
        "action": "publish",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_a_fresh_share_form_has_no_identity_or_audience_chosen(
    client_for: Any, owner: Any, django_assert_max_num_queries: Any
) -> None:
    TopicFactory()
    client = client_for(owner)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("stories:create"))
    form = read_form(page.content.decode())
    assert {r.get("value") for r in form.radios("identity")} == {
        Identity.NAMED,
        Identity.PSEUDONYM,
        Identity.ANONYMOUS,
    }
    assert {r.get("value") for r in form.radios("audience")} == {Audience.PUBLIC, Audience.MEMBERS}
    assert form.checked("identity") == []
    assert form.checked("audience") == []
    assert [o for o in form.selected_options if o["select"] in {"identity", "audience"}] == []
    # The place starts at "Not about a particular place", the least it can say.
    assert [o.get("value") for o in form.selected_options if o["select"] == "place"] == [""]


def test_each_choice_says_plainly_what_it_means(client_for: Any, owner: Any) -> None:
    client = client_for(owner)
    form = read_form(client.get(reverse("stories:create")).content.decode())
    said = {}
    for name in ("identity", "audience"):
        for radio in form.radios(name):
            hint_id = radio.get("aria-describedby") or ""
            said[radio.get("value")] = " ".join(form.texts.get(hint_id, "").split())
    assert "listed on your profile" in said[Identity.NAMED]
    assert "people who follow you are told" in said[Identity.NAMED]
    assert "not your name" in said[Identity.PSEUDONYM]
    assert "\u201cAnonymous member\u201d" in said[Identity.ANONYMOUS]
    assert "without signing in" in said[Audience.PUBLIC]
    assert "Search engines" in said[Audience.PUBLIC]
    assert "Anyone can join" in said[Audience.MEMBERS]
    assert "kept out of search engines" in said[Audience.MEMBERS]
    # Moderators' look behind a pseudonym is said once, for the whole question.
    assert "every time they look it is recorded" in " ".join(
        form.texts["id_identity_helptext"].split()
    )


@pytest.mark.parametrize("kind", ["story", "idea", "resource"])
def test_sharing_without_choosing_asks_for_both_and_keeps_what_was_typed(
    client_for: Any, owner: Any, kind: str
) -> None:
    topic = TopicFactory()
    response = client_for(owner).post(
        reverse("stories:create"), share_post(topic, kind=kind, title="Keep this title")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert not Story.objects.filter(author=owner).exists()
    # Beside each fieldset, and in the summary at the top with links to the first choice.
    form = read_form(html)
    assert "Choose how you want to be shown." in form.texts["id_identity_error"]
    assert "Choose who can read it." in form.texts["id_audience_error"]
    start = html.index('class="error-summary"')
    summary = html[start : html.index("</ul>", start)]
    assert 'href="#id_identity_0"' in summary and "Choose how you want to be shown." in summary
    assert 'href="#id_audience_0"' in summary and "Choose who can read it." in summary
    # Nothing typed is lost, and no choice is made for them on the way back.
    assert "Keep this title" in html
    assert "discharge plan **in writing**" in html
    assert [
        i.get("value") for i in form.inputs if "checked" in i and i.get("name") == "topics"
    ] == [str(topic.pk)]
    assert form.checked("identity") == [] and form.checked("audience") == []


def test_choosing_one_but_not_the_other_keeps_the_one_chosen(client_for: Any, owner: Any) -> None:
    response = client_for(owner).post(
        reverse("stories:create"), share_post(TopicFactory(), audience=Audience.MEMBERS)
    )
    form = read_form(response.content.decode())
    assert form.checked("audience") == [Audience.MEMBERS]
    assert form.checked("identity") == []
    assert "id_audience_error" not in form.texts


@pytest.mark.parametrize(
    ("identity", "pseudonym", "audience", "byline", "who"),
    [
        (Identity.NAMED, "", Audience.PUBLIC, "Olu Owner", "anyone on the internet"),
        (Identity.NAMED, "", Audience.MEMBERS, "Olu Owner", "signed-in members"),
        (Identity.PSEUDONYM, "Quiet Heron", Audience.PUBLIC, "Quiet Heron", "anyone on the"),
        (Identity.PSEUDONYM, "Quiet Heron", Audience.MEMBERS, "Quiet Heron", "signed-in members"),
        (Identity.ANONYMOUS, "", Audience.PUBLIC, "Anonymous member", "anyone on the internet"),
        (Identity.ANONYMOUS, "", Audience.MEMBERS, "Anonymous member", "signed-in members"),
    ],
)
def test_each_choice_saves_what_it_says(
    client_for: Any,
    owner: Any,
    identity: str,
    pseudonym: str,
    audience: str,
    byline: str,
    who: str,
) -> None:
    client = client_for(owner)
    response = client.post(
        reverse("stories:create"),
        share_post(TopicFactory(), identity=identity, pseudonym=pseudonym, audience=audience),
    )
    story = Story.objects.get(author=owner)
    assert response["Location"] == reverse("stories:publish", args=[story.pk])
    assert (story.identity, story.pseudonym, story.audience) == (identity, pseudonym, audience)
    assert story.status == Status.DRAFT
    review = client.get(response["Location"]).content.decode()
    assert who in review
    assert byline in review
    # The consent box is never ticked for them.
    consent = [i for i in read_form(review).inputs if i.get("name") == "consent"]
    assert len(consent) == 1 and "checked" not in consent[0]


@pytest.mark.parametrize(
    ("identity", "pseudonym", "audience"),
    [
        (Identity.PSEUDONYM, "Quiet Heron", Audience.MEMBERS),
        (Identity.ANONYMOUS, "", Audience.PUBLIC),
        (Identity.NAMED, "", Audience.MEMBERS),
    ],
)
def test_editing_shows_the_choices_already_made(
    client_for: Any,
    owner: Any,
    identity: str,
    pseudonym: str,
    audience: str,
    django_assert_max_num_queries: Any,
) -> None:
    story = StoryFactory(
        author=owner, identity=identity, pseudonym=pseudonym, audience=audience, kind="idea"
    )
    client = client_for(owner)
    with django_assert_max_num_queries(16):
        page = client.get(reverse("stories:edit", args=[story.pk]))
    form = read_form(page.content.decode())
    assert form.checked("identity") == [identity]
    assert form.checked("audience") == [audience]
    pseudonym_box = next(i for i in form.inputs if i.get("name") == "pseudonym")
    assert (pseudonym_box.get("value") or "") == pseudonym


def test_saving_an_edit_without_touching_the_choices_keeps_them(
    client_for: Any, owner: Any
) -> None:
    topic = TopicFactory()
    story = StoryFactory(
        author=owner,
        identity=Identity.PSEUDONYM,
        pseudonym="Quiet Heron",
        audience=Audience.MEMBERS,
        topics=[topic],
    )
    client = client_for(owner)
    # What the browser sends back from the edit page as it was shown, with new words.
    response = client.post(
        reverse("stories:edit", args=[story.pk]),
        share_post(
            topic,
            title=story.title,
            body="Edited: ask for it in writing.",
            identity=Identity.PSEUDONYM,
            pseudonym="Quiet Heron",
            audience=Audience.MEMBERS,
            action="save",
        ),
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert (story.identity, story.pseudonym, story.audience, story.status) == (
        Identity.PSEUDONYM,
        "Quiet Heron",
        Audience.MEMBERS,
        Status.PUBLISHED,
    )
    assert story.body == "Edited: ask for it in writing."
