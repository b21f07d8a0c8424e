"""The import form of the Open Referral staff screen (staff_views.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from groundswell.places.models import Place


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Open Referral file"),
        help_text=_(
            "Services as JSON (one service, a list, or a page from an Open Referral API), or the "
            "tabular package as a .zip of CSV files. Up to 5 MB here; larger files can be "
            "imported with manage.py oruk_import."
        ),
        error_messages={"required": _("Choose the file to import.")},
    )
    publisher = forms.CharField(
        label=_("Who published it"),
        max_length=90,
        help_text=_(
            "Shown on every service it brings, as “From Open Referral UK: …”. For example: "
            "Leeds City Council."
        ),
        error_messages={"required": _("Say who published the file.")},
    )
    default_place = forms.ModelChoiceField(
        label=_("Place for services we can't place"),
        queryset=Place.objects.none(),
        required=False,
        empty_label=_("None: report them instead"),
        help_text=_(
            "A service goes in the place its address names (the town or city). One whose address "
            "names no place on this site goes here."
        ),
    )
    dry_run = forms.BooleanField(
        label=_("Check the file only, and import nothing"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["default_place"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 (declared above)
        field.queryset = Place.objects.current()
