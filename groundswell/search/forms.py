from __future__ import annotations

import datetime as dt
import re
from typing import Any, cast

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from groundswell.places.models import Place, PlaceLevel
from groundswell.search.query import MAX_QUERY_CHARS, normalise_query
from groundswell.search.selectors import ORDER_NEWEST, ORDER_RELEVANCE
from groundswell.stories.models import Kind
from groundswell.topics.models import Topic

_SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]{1,140}$")
# Places offered in the list; smaller places still work when linked to (?place=<slug>).
_LISTED_LEVELS = (PlaceLevel.NATION, PlaceLevel.REGION, PlaceLevel.COUNTY)
EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)


class QuickSelect(forms.Select):
    """A select rendered in Python. The place list has a hundred options or more, and Django's
    template per option costs several milliseconds on every search page."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        selected = set(self.format_value(value))
        options = format_html_join(
            "",
            "{}",
            (
                (
                    format_html('<option value="{}" selected>{}</option>', option, label)
                    if str(option) in selected
                    else format_html('<option value="{}">{}</option>', option, label),
                )
                for option, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)


class QueryField(forms.CharField):
    """Free text that is never rejected: control characters (NUL included) are dropped and
    anything past MAX_QUERY_CHARS is cut, so an odd query still gets a page of results."""

    def to_python(self, value: Any) -> str:
        return normalise_query(super().to_python(value) or "")


class SearchDateField(forms.DateField):
    default_error_messages = {"invalid": "Enter a real date, for example 2026-03-01."}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            input_formats=["%Y-%m-%d", "%d/%m/%Y"],
            **kwargs,
        )

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and not EARLIEST_DATE <= value <= LATEST_DATE:
            raise forms.ValidationError(
                f"Enter a date between {EARLIEST_DATE.year} and {LATEST_DATE.year}.",
                code="out_of_range",
            )


class SearchForm(forms.Form):
    q = QueryField(
        label="Search for",
        required=False,
        help_text='All words must appear. Use "quotes" for a phrase, or between words for either, and -word to leave a word out.',
        widget=forms.TextInput(
            attrs={"type": "search", "maxlength": MAX_QUERY_CHARS, "autocomplete": "off"}
        ),
    )
    kind = forms.ChoiceField(
        label="Type",
        required=False,
        choices=[("", "Stories, ideas and resources"), *Kind.choices],
        widget=QuickSelect,
    )
    topic = forms.ChoiceField(
        label="Topic",
        required=False,
        widget=QuickSelect,
        error_messages={"invalid_choice": "Choose a topic from the list."},
    )
    place = forms.CharField(
        label="Place", required=False, help_text="Includes everywhere within it."
    )
    date_from = SearchDateField(label="From date")
    date_to = SearchDateField(label="To date")
    order = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[(ORDER_RELEVANCE, "Best match"), (ORDER_NEWEST, "Newest first")],
        widget=QuickSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # One query each for topics and places serves both the list and validation.
        self._topics = {topic.slug: topic for topic in Topic.objects.only("id", "name", "slug")}
        cast(forms.ChoiceField, self.fields["topic"]).choices = [("", "Any topic")] + [
            (topic.slug, topic.name) for topic in self._topics.values()
        ]
        self._places = {
            place.slug: place
            for place in Place.objects.filter(level__in=_LISTED_LEVELS).only(
                "id", "name", "slug", "path", "level"
            )
        }
        self.fields["place"].widget = QuickSelect(
            choices=self._place_choices(self._places.values())
        )

    @staticmethod
    def _place_choices(places: Any) -> list[tuple[str, str]]:
        choices = [("", "Anywhere")]
        for place in sorted(places, key=lambda p: p.path):
            indent = "\u2003" * place.depth
            choices.append((place.slug, f"{indent}{place.name}"))
        return choices

    def clean_topic(self) -> Topic | None:
        return self._topics.get(self.cleaned_data.get("topic") or "")

    def clean_place(self) -> Place | None:
        slug = self.cleaned_data.get("place") or ""
        if not slug:
            return None
        place = self._places.get(slug)
        if place is None and _SLUG_RE.match(slug):
            place = (
                Place.objects.filter(slug=slug).only("id", "name", "slug", "path", "level").first()
            )
            if place is not None:
                # Keep a linked-to neighbourhood selected in the list.
                self.fields["place"].widget = QuickSelect(
                    choices=self._place_choices([*self._places.values(), place])
                )
        if place is None:
            raise forms.ValidationError("Choose a place from the list.", code="invalid_choice")
        return place

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or ""

    def clean_order(self) -> str:
        return self.cleaned_data.get("order") or ORDER_RELEVANCE

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", "The “to” date must be the same as or after the “from” date.")
        return cleaned
