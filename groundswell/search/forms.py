from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from typing import Any, cast

from django import forms
from django.core.cache import caches
from django.forms.utils import flatatt
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from groundswell.core.pagecache import content_version
from groundswell.places.models import Place, PlaceLevel
from groundswell.search import registry as search_registry
from groundswell.search.query import MAX_QUERY_CHARS, normalise_query
from groundswell.search.selectors import ORDER_NEWEST, ORDER_RELEVANCE
from groundswell.topics.models import Topic

_SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]{1,140}$")
# Places offered in the list; smaller places still work when linked to (?place=<slug>).
_LISTED_LEVELS = (PlaceLevel.NATION, PlaceLevel.REGION, PlaceLevel.COUNTY)
# The lists are read again whenever the content version moves; this only bounds memory.
FILTER_LISTS_SECONDS = 600
EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)


class QuickSelect(forms.Select):
    """A select rendered in Python. The place list has a hundred options or more, and Django's
    template per option (or format_html per option) costs milliseconds on every search page."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        selected = set(self.format_value(value))
        options = []
        for option, label in self.choices:
            text = str(option)
            mark = " selected" if text in selected else ""
            options.append(f'<option value="{escape(text)}"{mark}>{escape(str(label))}</option>')
        # Every value and label above went through escape(); flatatt escapes the attributes.
        return mark_safe(f"<select{flatatt(final_attrs)}>{''.join(options)}</select>")  # noqa: S308


@dataclass(frozen=True)
class FilterLists:
    """What the topic and place lists offer, read once per content version and process.

    Rows, not model instances: (slug, id, name) for topics and (slug, id, name, path, level) for
    places, so keeping them in the local cache costs little to copy in and out.
    """

    topics: tuple[tuple[str, int, str], ...]
    places: tuple[tuple[str, int, str, str, str], ...]


def filter_lists(version: int | None) -> FilterLists:
    """Current topics and listed places at this content version. Any change to either table bumps the
    version (core/pagecache.py), so lists kept under it are never out of date."""
    key = f"search:filter-lists:{version}"
    cache = caches["local"]
    if version is not None:
        kept = cache.get(key)
        if isinstance(kept, FilterLists):
            return kept
    lists = FilterLists(
        # Retired topics and places are not offered; a link naming a retired place still works
        # (clean_place), as for any place too small to be listed.
        topics=tuple(
            Topic.objects.current().order_by("name", "id").values_list("slug", "id", "name")
        ),
        places=tuple(
            Place.objects.current()
            .filter(level__in=_LISTED_LEVELS)
            .order_by("path")
            .values_list("slug", "id", "name", "path", "level")
        ),
    )
    if version is not None:
        cache.set(key, lists, FILTER_LISTS_SECONDS)
    return lists


class QueryField(forms.CharField):
    """Free text that is never rejected: control characters (NUL included) are dropped and
    anything past MAX_QUERY_CHARS is cut, so an odd query still gets a page of results."""

    def to_python(self, value: Any) -> str:
        return normalise_query(super().to_python(value) or "")


class SearchDateField(forms.DateField):
    default_error_messages = {"invalid": _("Enter a real date, for example 2026-03-01.")}

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
        label=_("Search for"),
        required=False,
        help_text=_(
            'All words must appear. Use "quotes" for a phrase, or between words for either, and -word to leave a word out.'
        ),
        widget=forms.TextInput(
            attrs={"type": "search", "maxlength": MAX_QUERY_CHARS, "autocomplete": "off"}
        ),
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        widget=QuickSelect,
    )
    topic = forms.ChoiceField(
        label=_("Topic"),
        required=False,
        widget=QuickSelect,
        error_messages={"invalid_choice": _("Choose a topic from the list.")},
    )
    place = forms.CharField(
        label=_("Place"), required=False, help_text=_("Includes everywhere within it.")
    )
    date_from = SearchDateField(label=_("From date"))
    date_to = SearchDateField(label=_("To date"))
    order = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[(ORDER_RELEVANCE, _("Best match")), (ORDER_NEWEST, _("Newest first"))],
        widget=QuickSelect,
    )

    def __init__(self, *args: Any, lists: FilterLists | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The types the registered kinds offer (search/registry.py), read when the form is made:
        # kinds register in their apps' ready(), after this module may have been imported.
        any_type, types = search_registry.type_choices()
        cast(forms.ChoiceField, self.fields["kind"]).choices = [("", any_type), *types]
        if lists is None:
            lists = filter_lists(content_version())
        self._topics = {row[0]: row for row in lists.topics}
        cast(forms.ChoiceField, self.fields["topic"]).choices = [("", gettext("Any topic"))] + [
            (slug, name) for slug, _, name in lists.topics
        ]
        self._places = {row[0]: row for row in lists.places}
        self.fields["place"].widget = QuickSelect(choices=self._place_choices(lists.places))

    @staticmethod
    def _place_choices(rows: Iterable[tuple[str, int, str, str, str]]) -> list[tuple[str, str]]:
        choices = [("", gettext("Anywhere"))]
        for slug, _pk, name, path, _level in sorted(rows, key=lambda row: row[3]):
            choices.append((slug, "\u2003" * Place.depth_of(path) + name))
        return choices

    def clean_topic(self) -> Topic | None:
        row = self._topics.get(self.cleaned_data.get("topic") or "")
        if row is None:
            return None
        slug, pk, name = row
        return Topic(id=pk, slug=slug, name=name)

    def clean_place(self) -> Place | None:
        slug = self.cleaned_data.get("place") or ""
        if not slug:
            return None
        row = self._places.get(slug)
        if row is None and _SLUG_RE.match(slug):
            found = (
                Place.objects.filter(slug=slug)
                .values_list("slug", "id", "name", "path", "level")
                .first()
            )
            if found is not None:
                row = found
                # Keep a linked-to neighbourhood selected in the list.
                self.fields["place"].widget = QuickSelect(
                    choices=self._place_choices([*self._places.values(), row])
                )
        if row is None:
            raise forms.ValidationError(_("Choose a place from the list."), code="invalid_choice")
        slug, pk, name, path, level = row
        return Place(id=pk, slug=slug, name=name, path=path, level=level)

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or ""

    def clean_order(self) -> str:
        return self.cleaned_data.get("order") or ORDER_RELEVANCE

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error(
                "date_to", gettext("The “to” date must be the same as or after the “from” date.")
            )
        return cleaned
