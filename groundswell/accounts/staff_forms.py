"""Forms of the members and roles staff screen (staff_views.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from groundswell.accounts.models import SiteRole
from groundswell.places.models import Place


class MemberSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, handle or email"),
        required=False,
        max_length=120,
        strip=True,
    )
    role = forms.ChoiceField(
        label=_("Role"),
        required=False,
        choices=[("", _("Any role")), *SiteRole.choices],
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=SiteRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a role."), "invalid_choice": _("Choose a role.")},
    )


class PlaceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        # Indented by depth, so the tree reads in a plain list.
        return "\u2014 " * obj.depth + obj.name


class OrganiserPlacesForm(forms.Form):
    places = PlaceChoiceField(
        label=_("Places they look after"),
        help_text=_(
            "Each place includes everything below it. Hold Ctrl (Cmd on a Mac) to choose more "
            "than one. Choose none to take all their places away."
        ),
        queryset=Place.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        error_messages={"invalid_choice": _("Choose places from the list.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["places"].queryset = Place.objects.current().only(  # type: ignore[attr-defined]
            "id", "name", "path", "level", "slug"
        )
