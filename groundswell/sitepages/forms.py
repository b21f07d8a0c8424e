from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from groundswell.lib.contrast import normalise_hex
from groundswell.lib.text import clean_text
from groundswell.sitepages import logos
from groundswell.sitepages.colours import colour_errors

MAX_BODY = 50_000


class SitePageForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=120, error_messages={"required": _("Enter a title.")}
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 24}),
        error_messages={"required": _("Write the page's text.")},
        help_text=_(
            "Markdown: a blank line between paragraphs, ## for a heading, - for a list item, "
            "[words](https://address) for a link."
        ),
    )
    note = forms.CharField(
        label=_("What changed (optional)"),
        max_length=200,
        required=False,
        help_text=_("A few words for the page's history, like “Added the new phone number”."),
    )

    def clean_title(self) -> str:
        title = clean_text(self.cleaned_data["title"], single_line=True)
        if not title:
            raise ValidationError(_("Enter a title."))
        return title

    def clean_body(self) -> str:
        body = clean_text(self.cleaned_data["body"])
        if not body:
            raise ValidationError(_("Write the page's text."))
        return body

    def clean_note(self) -> str:
        return clean_text(self.cleaned_data.get("note", ""), single_line=True)


class _ColourInput(forms.TextInput):
    def __init__(self) -> None:
        super().__init__(
            attrs={"size": 8, "maxlength": 7, "spellcheck": "false", "autocomplete": "off"}
        )


class SiteIdentityForm(forms.Form):
    name = forms.CharField(
        label=_("Site name"),
        max_length=80,
        error_messages={"required": _("Enter the site's name.")},
        help_text=_("Shown at the top of every page, in page titles, feeds and emails."),
    )
    tagline = forms.CharField(
        label=_("Short tagline (optional)"),
        max_length=160,
        required=False,
        help_text=_("One line saying what the site is for."),
    )
    logo = forms.FileField(
        label=_("Logo (optional)"),
        required=False,
        widget=forms.FileInput(
            attrs={"accept": ".png,.webp,.svg,image/png,image/webp,image/svg+xml"}
        ),
        help_text=_(
            "PNG, WebP or SVG, up to 200 KB. It is shown beside the site's name, so it needs "
            "no words of its own. SVG files must not contain scripts or links to other files."
        ),
    )
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)
    brand = forms.CharField(
        label=_("Brand colour"),
        max_length=7,
        widget=_ColourInput(),
        error_messages={"required": _("Enter a colour as a hex code, like #0b6e4f.")},
        help_text=_(
            "A hex code like #0b6e4f. Used for buttons with white text, so white text on it "
            "must have a contrast ratio of at least 4.5:1."
        ),
    )
    brand_dark = forms.CharField(
        label=_("Dark brand colour"),
        max_length=7,
        widget=_ColourInput(),
        error_messages={"required": _("Enter a colour as a hex code, like #0b6e4f.")},
        help_text=_(
            "A hex code like #07513a. Used for the header (with white text) and for links on "
            "white, so it needs a contrast ratio of at least 4.5:1 with white."
        ),
    )

    def __init__(
        self, *args: Any, has_logo: bool = False, oversized: Collection[str] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.oversized = oversized
        if not has_logo:
            del self.fields["remove_logo"]

    def clean_name(self) -> str:
        name = clean_text(self.cleaned_data["name"], single_line=True)
        if not name:
            raise ValidationError(_("Enter the site's name."))
        return name

    def clean_tagline(self) -> str:
        return clean_text(self.cleaned_data.get("tagline", ""), single_line=True)

    def clean_logo(self) -> Any:
        if "logo" in self.oversized:
            raise ValidationError(_("This logo is too large. Please use one under 200 KB."))
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        return logos.clean_logo(upload)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for field, message in colour_errors(
            brand=data.get("brand", ""), brand_dark=data.get("brand_dark", "")
        ).items():
            if field in data:
                self.add_error(field, message)
        for field in ("brand", "brand_dark"):
            if field in data:
                data[field] = normalise_hex(data[field]) or data[field]
        return data
