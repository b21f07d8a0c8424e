from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from groundswell.lib.text import clean_text


class _KeyedForm(forms.Form):
    """A form whose hidden submission key makes a double submit one record."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())


class InviteForm(_KeyedForm):
    handle = forms.CharField(
        label=_("A member's handle"),
        required=False,
        max_length=140,
        help_text=_("The name after /members/ in their profile's address."),
    )
    organisation = forms.CharField(
        label=_("Or an organisation's address name"),
        required=False,
        max_length=140,
        help_text=_(
            "The name after /organisations/ in its page's address. Its owners and admins answer for it."
        ),
    )

    def clean_handle(self) -> str:
        return clean_text(self.cleaned_data["handle"], single_line=True).lstrip("@")

    def clean_organisation(self) -> str:
        return clean_text(self.cleaned_data["organisation"], single_line=True).strip("/")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("handle")) == bool(data.get("organisation")):
            raise ValidationError(
                _("Enter a member's handle or an organisation's address name (one of them).")
            )
        return data


class WordsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("You can use Markdown: **bold**, *italic*, lists and links."),
    )

    def clean_title(self) -> str:
        title = clean_text(self.cleaned_data["title"], single_line=True)
        if not title:
            raise ValidationError(_("Enter a title."))
        return title

    def clean_body(self) -> str:
        body = clean_text(self.cleaned_data["body"])
        if not body:
            raise ValidationError(_("Write the text."))
        if len(body) > settings.STORY_BODY_MAX_CHARS:
            raise ValidationError(
                _("The limit is %(limit)s characters. Please shorten it.")
                % {"limit": f"{settings.STORY_BODY_MAX_CHARS:,}"}
            )
        return body


class SuggestionForm(WordsForm, _KeyedForm):
    note = forms.CharField(
        label=_("A short note for the authors (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you changed and why. Up to 500 characters."),
    )

    field_order = ["title", "body", "note", "submission_key"]


class AcceptForm(forms.Form):
    compared = forms.BooleanField(
        label=_("I have compared this suggestion with the resource as it is now"),
        required=False,
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (optional, the member who suggested it reads this)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
