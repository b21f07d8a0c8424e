"""Filter forms drawn in Python, and the topic and place rows their lists offer.

The offers and needs list and the community asset list draw five or six filters on every page,
and signed-in members never get the page cache. Through Django's templates (the field group,
the widget, one template per option) that cost 2 to 4 ms a page at 100 places: more than a
fifth of the page. `QuickBoundField.as_field_group` writes the very same markup as
templates/django/forms/field.html for a plain select or text box, in a few hundredths of a
millisecond; any other field is drawn by the template as before. core/tests/test_forms.py
checks the two agree, so a change to field.html that is not made here fails there.

`site_rows` keeps the rows of such lists (topics, places) in this process for as long as the
`site` version (core/pagecache.py, bumped by a trigger whenever a topic or place changes) is
unchanged: one raw read of a version instead of an ORM query per list per page. `SiteLists`
reads a form's lists together, only when a select is drawn or checked, so a form that is only
read (the map's data, an export) costs no query for them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape as _escape_text
from typing import Any

from django import forms
from django.core.cache import caches
from django.forms.boundfield import BoundField
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.functional import Promise
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import gettext

from groundswell.core.pagecache import SITE, read_versions

# The widgets drawn here: nothing else (radios, checkboxes, dates) is, so their templates stay
# the one description of their markup.
_INPUTS = (forms.TextInput, forms.SearchInput, forms.EmailInput, forms.URLInput)
_FIELD_TEMPLATE = "django/forms/field.html"


def _html(value: Any) -> str:
    """Django's conditional_escape, without its lazy-string wrapper (a third of the drawing's
    time at a hundred options): the same characters, escaped the same way."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, SafeData):
        return str(value)
    return _escape_text(str(value))


# The rows are dropped whenever the site version moves; this only bounds a forgotten entry.
SITE_ROWS_SECONDS = 3600


class QuickBoundField(BoundField):
    """A bound field whose field group is written in Python when it is a plain select or text
    box, with the markup of templates/django/forms/field.html: label, hint, errors, control,
    the same ids, aria-describedby and aria-invalid. Set `bound_field_class = QuickBoundField`
    on a form whose fields are drawn on busy pages."""

    def as_field_group(self) -> SafeString:
        control = self._quick_control()
        if control is None:
            return super().as_field_group()
        errors = self.errors
        auto_id = self.auto_id
        parts = [
            f'<div class="field{" field-error" if errors else ""}" '
            f'id="field-{_html(self.html_name)}">'
        ]
        if self.label:
            parts.append(f'<label for="{_html(self.id_for_label)}">{_html(self.label)}</label>')
        if self.help_text:
            parts.append(
                f'<p class="hint" id="{_html(auto_id)}_helptext">{_html(self.help_text)}</p>'
            )
        if errors:
            word = _html(gettext("Error:"))
            parts.append(
                f'<p class="error-message" id="{_html(auto_id)}_error">'
                + "<br>".join(
                    f'<span class="visually-hidden">{word}</span> {_html(e)}' for e in errors
                )
                + "</p>"
            )
        parts.append(control)
        parts.append("</div>")
        # Every value, label and message above is escaped; flatatt escapes the attributes.
        return mark_safe("\n".join(parts))  # noqa: S308

    def _quick_control(self) -> str | None:
        """The control's markup, or None when this field is left to the templates."""
        field, widget = self.field, self.field.widget
        kind = type(widget)
        if (
            getattr(field, "template_name", None) is not None
            or self.form.renderer.field_template_name != _FIELD_TEMPLATE
            or not self.auto_id
            or field.localize
            or field.disabled
            or not (kind is forms.Select or kind in _INPUTS)
        ):
            return None
        # The attributes as BoundField.as_widget and Widget.build_attrs put them together.
        attrs = self.build_widget_attrs({}, widget)
        if "id" not in widget.attrs:
            attrs.setdefault("id", self.auto_id)
        attrs = {**widget.attrs, **attrs}
        value = self.value()
        name = _html(self.html_name)
        if kind is forms.Select:
            return self._select(widget, name, attrs, value)
        shown = widget.format_value(value)
        value_attr = "" if shown is None else f' value="{_escape_text(str(shown))}"'
        return (
            f'<input type="{_html(widget.input_type)}" name="{name}"{value_attr}{flatatt(attrs)}>'
        )

    @staticmethod
    def _select(widget: Any, name: str, attrs: dict[str, Any], value: Any) -> str | None:
        chosen = set(widget.format_value(value))
        options = []
        found = False
        for option, label in widget.choices:
            if isinstance(label, list | tuple):
                return None  # option groups: left to the template
            text = "" if option is None else str(option)
            # One option selected at most, as Django's Select marks them.
            mark = not found and text in chosen
            found = found or mark
            options.append(
                f'<option value="{_escape_text(text)}"{" selected" if mark else ""}>'
                f"{_html(label)}</option>"
            )
        return f'<select name="{name}"{flatatt(attrs)}>{"".join(options)}</select>'


def site_rows[T](key: str, read: Callable[[], Iterable[T]]) -> tuple[T, ...]:
    """`read()`'s rows, kept in this process while the `site` version is unchanged: for lists
    of topics and places, which bump it on every change (a trigger, whichever way they are
    written). The version is read before the rows, so kept rows are never older than the
    version they are kept under. Without the version row (page cache off) the rows are read
    every time. Rows should be plain tuples of text and numbers: the local cache copies them."""
    versions = read_versions(())
    if versions is None:
        return tuple(read())
    cache = caches["local"]
    cache_key = f"core:site-rows:{key}:{versions[SITE]}"
    kept = cache.get(cache_key)
    if kept is not None:
        return kept
    rows = tuple(read())
    cache.set(cache_key, rows, SITE_ROWS_SECONDS)
    return rows


class SiteLists:
    """The lists of site rows one form offers (its topics, its places), read together the first
    time any of them is used: one version read and one cache read a page, not one a list.
    `reads` name each list's reading; `choices(name, first)` is a select's choices from one."""

    def __init__(self, key: str, **reads: Callable[[], Iterable[tuple[str, Any]]]) -> None:
        self.key, self.reads = key, reads
        self._lists: dict[str, tuple[tuple[str, Any], ...]] | None = None

    def rows(self, name: str) -> tuple[tuple[str, Any], ...]:
        if self._lists is None:
            kept = site_rows(
                self.key, lambda: [(each, tuple(read())) for each, read in self.reads.items()]
            )
            self._lists = dict(kept)
        return self._lists[name]

    def choices(self, name: str, first: tuple[str, Any]) -> SiteChoices:
        return SiteChoices(first, self, name)


class SiteChoices(BaseChoiceIterator):
    """A select's choices: `first` (the "any" choice) then one of a form's SiteLists, read
    the first time they are used (a form only read, never drawn or checked, reads nothing)."""

    def __init__(self, first: tuple[str, Any], lists: SiteLists, name: str) -> None:
        self.first, self.lists, self.name = first, lists, name
        self._choices: list[tuple[str, Any]] | None = None

    def __iter__(self) -> Any:
        if self._choices is None:
            self._choices = [self.first, *self.lists.rows(self.name)]
        return iter(self._choices)
