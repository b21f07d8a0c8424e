"""Forms of the places staff screen (staff_views.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class PlaceForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        error_messages={"required": _("Enter the place's name.")},
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A sentence or two shown on the place's page. Up to 500 characters."),
    )
