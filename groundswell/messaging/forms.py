from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from groundswell.messaging import services
from groundswell.messaging.models import BODY_MAX_CHARS, ReportReason


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        error_messages={"required": _("Write a message before sending.")},
        widget=forms.Textarea(attrs={"rows": 5}),
        # Checked in clean_body with a friendlier message; the browser does not cut text off.
        strip=False,
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.initial.get("submission_key"):
            self.initial["submission_key"] = uuid.uuid4()
        self.fields[
            "body"
        ].help_text = f"Up to {BODY_MAX_CHARS:,} characters. Only the people in this conversation can read it."

    def clean_body(self) -> str:
        try:
            return services.clean_body(self.cleaned_data["body"])
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["body"]) from None


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this message?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what is wrong with the message.")},
    )
    details = forms.CharField(
        label=_("Anything else moderators should know? (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )


class ResolveForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("What should happen?"),
        choices=[
            ("hide", _("Remove the message: the people in the conversation see it was removed")),
            ("dismiss", _("No action: the message stays")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what should happen to the message.")},
    )
