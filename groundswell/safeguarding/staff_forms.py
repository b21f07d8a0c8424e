"""The help line form of the staff screen (staff_views.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from groundswell.places.models import PlaceQuerySet


class PlaceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return "\u2014 " * obj.depth + obj.name


class HelplineForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        error_messages={"required": _("Enter the service's name.")},
    )
    contact = forms.CharField(
        label=_("How to reach it"),
        max_length=200,
        help_text=_("In words, like: Call 116 123, or Text SHOUT to 85258."),
        error_messages={"required": _("Enter how people reach this service.")},
    )
    description = forms.CharField(
        label=_("Who it is for and when it is open"),
        max_length=400,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    place = PlaceField(
        label=_("Where it is shown"),
        queryset=None,
        required=False,
        error_messages={"invalid_choice": _("Choose one of the places you look after.")},
    )
    order = forms.IntegerField(
        label=_("Order"),
        min_value=0,
        max_value=999,
        initial=100,
        help_text=_("Lower numbers come first. The national lines use 10 to 50."),
        error_messages={
            "required": _("Enter a number from 0 to 999."),
            "invalid": _("Enter a number from 0 to 999."),
            "min_value": _("Enter a number from 0 to 999."),
            "max_value": _("Enter a number from 0 to 999."),
        },
    )
    is_active = forms.BooleanField(label=_("Show this help line"), required=False, initial=True)

    def __init__(self, *args: Any, places: PlaceQuerySet, national: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["place"]
        field.queryset = places  # type: ignore[attr-defined]
        if national:
            field.empty_label = _("Everywhere (a national help line)")  # type: ignore[attr-defined]
            field.help_text = _(
                "A help line for a place is shown to people there and in the places within it, "
                "as well as the national ones."
            )
        else:
            field.required = True
            field.empty_label = _("Choose a place")  # type: ignore[attr-defined]
            field.help_text = _(
                "It is shown to people in that place and the places within it, as well as the "
                "national help lines."
            )
            field.error_messages["required"] = _("Choose the place this help line is for.")
