from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from groundswell.api.models import TokenScope
from groundswell.lib.text import clean_text

EXPIRY_CHOICES = [
    ("30", _("In 30 days")),
    ("90", _("In 90 days")),
    ("365", _("In a year")),
    ("never", _("Never (revoke it yourself when you no longer need it)")),
]


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=60,
        help_text=_(
            "What it is for, so you can recognise it later. For example: “My research script”."
        ),
    )
    scope = forms.ChoiceField(
        label=_("What can it do?"),
        choices=[
            (TokenScope.READ, _("Read only: see what you can see when signed in")),
            (
                TokenScope.WRITE,
                _("Read and write: also share, edit and withdraw your stories and comments"),
            ),
        ],
        widget=forms.RadioSelect,
        initial=TokenScope.READ,
    )
    expires = forms.ChoiceField(
        label=_("When should it stop working?"),
        choices=EXPIRY_CHOICES,
        widget=forms.RadioSelect,
        initial="90",
    )

    def clean_name(self) -> str:
        name = clean_text(self.cleaned_data["name"], single_line=True)
        if not name:
            raise forms.ValidationError(_("Give the token a name, so you know what it is for."))
        return name

    def expires_in_days(self) -> int | None:
        value: Any = self.cleaned_data["expires"]
        return None if value == "never" else int(value)
