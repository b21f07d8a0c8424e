from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from groundswell.trust.models import TrustLevel


class TrustLevelForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("Trust level"),
        choices=[(value, f"{value}: {label}") for value, label in TrustLevel.choices],
        coerce=int,
        widget=forms.RadioSelect,
    )
    lock = forms.BooleanField(
        label=_("Keep this level: don't change it automatically"),
        required=False,
        initial=True,
        help_text=_("Without this, the next automatic check may move the level again."),
    )
    reason = forms.CharField(
        label=_("Why"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the audit log. Don't include health details."),
    )


class VerifyProfessionalForm(forms.Form):
    title = forms.CharField(
        label=_("Verified as"),
        max_length=80,
        help_text=_(
            "Shown on their badge, for example “GP”, “Mental health nurse” or “Social prescriber”."
        ),
    )
    evidence = forms.CharField(
        label=_("How you checked"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example which professional register you checked and the date. Only moderators see this."
        ),
    )


class RemoveVerificationForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you are removing it"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Recorded in the audit log."),
    )
