"""core.forms: a field group drawn in Python is the markup templates/django/forms/field.html
draws (same tags, attributes and text; whitespace aside), and site_rows keeps rows only while
the site version stands."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django import forms
from django.forms.boundfield import BoundField
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from groundswell.core.forms import QuickBoundField, SiteLists, site_rows
from groundswell.places.models import Place


class _Tokens(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple[Any, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(("start", tag, tuple(sorted(attrs))))

    def handle_endtag(self, tag: str) -> None:
        self.tokens.append(("end", tag))

    def handle_data(self, data: str) -> None:
        if text := " ".join(data.split()):
            self.tokens.append(("text", text))


def tokens(html: str) -> list[tuple[Any, ...]]:
    parser = _Tokens()
    parser.feed(html)
    parser.close()
    return parser.tokens


class Sample(forms.Form):
    bound_field_class = QuickBoundField

    words = forms.CharField(label=gettext_lazy("Words & <more>"), max_length=100, required=False)
    email = forms.EmailField(label="Email", help_text="Yours, <b>never</b> shown.")
    needed = forms.CharField(label="Needed", help_text="Say something.")
    kind = forms.ChoiceField(
        label="Kind", choices=[("", "Any"), ("a", "A & B"), ("b", "<B>"), ("b", "B again")]
    )
    maybe = forms.ChoiceField(
        label="Maybe",
        required=False,
        choices=[("", "Any"), ("x", "X"), (None, "None"), ("s", mark_safe("<b>Safe</b>"))],
    )
    place = forms.ChoiceField(
        label="Place", required=False, choices=[("", "Anywhere"), ("p", "\u2003Leeds")]
    )
    groups = forms.ChoiceField(
        label="Grouped", required=False, choices=[("One", [("1", "1")]), ("Two", [("2", "2")])]
    )
    days = forms.MultipleChoiceField(
        label="Days", required=False, choices=[("1", "Mon")], widget=forms.CheckboxSelectMultiple
    )
    agree = forms.BooleanField(label="Agree", required=False)


DATA = [
    None,
    {},
    {"words": "<script>\"&amp;'", "email": "a@example.org", "needed": "yes", "kind": "b"},
    {"words": "x" * 101, "email": "nope", "kind": "zz", "maybe": "q", "place": "p"},
    {"kind": "a", "place": "nowhere", "groups": "2", "days": ["1"], "agree": "on"},
]


@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_drawn_in_python_as_the_template_draws_it(data: Any, language: str) -> None:
    with translation.override(language):
        form = Sample(data, initial={"maybe": "x"})
        for name in form.fields:
            quick = form[name]
            assert isinstance(quick, QuickBoundField)
            by_template = BoundField.as_field_group(quick)
            assert tokens(quick.as_field_group()) == tokens(by_template), name


def test_plain_fields_skip_the_templates() -> None:
    form = Sample({"kind": "a"})
    assert form["kind"]._quick_control() is not None
    assert form["words"]._quick_control() is not None
    # Radios, checkboxes and option groups are drawn by their templates.
    assert form["days"]._quick_control() is None
    assert form["agree"]._quick_control() is None
    assert form["groups"]._quick_control() is None


@pytest.mark.django_db
def test_site_rows_are_read_again_when_a_place_changes() -> None:
    def read() -> list[tuple[str, str]]:
        return list(Place.objects.order_by("path").values_list("slug", "name"))

    first = site_rows("test:places", read)
    assert site_rows("test:places", lambda: [("kept", "no")]) == first
    Place.objects.create(name="Newland", slug="newland", level="nation")
    assert ("newland", "Newland") in site_rows("test:places", read)


@pytest.mark.django_db
def test_a_forms_lists_are_read_together_once_and_only_when_used(
    django_assert_num_queries: Any,
) -> None:
    calls: list[str] = []

    def read(name: str) -> Any:
        def rows() -> list[tuple[str, str]]:
            calls.append(name)
            return [(f"{name}-1", name.title())]

        return rows

    lists = SiteLists("test:lists", topics=read("topics"), places=read("places"))
    topics = lists.choices("topics", ("", "Any topic"))
    places = lists.choices("places", ("", "Anywhere"))
    assert calls == []  # nothing read until a select is drawn or checked
    with django_assert_num_queries(1):  # the site version, once for both lists
        assert list(topics) == [("", "Any topic"), ("topics-1", "Topics")]
        assert list(places) == [("", "Anywhere"), ("places-1", "Places")]
        assert list(topics) == [("", "Any topic"), ("topics-1", "Topics")]
    assert calls == ["topics", "places"]
    # Another form at the same site version reads the kept rows.
    again = SiteLists("test:lists", topics=read("topics"), places=read("places"))
    assert list(again.choices("places", ("", "Anywhere")))[1] == ("places-1", "Places")
    assert calls == ["topics", "places"]
