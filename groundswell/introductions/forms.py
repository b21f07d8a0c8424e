from __future__ import annotations

import re
import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from groundswell.accounts.models import User
from groundswell.organisations.models import Organisation, OrganisationStatus

# "levenshulme-walking-group", "/organisations/levenshulme-walking-group/" or the full address.
_ORG_ADDRESS = re.compile(r"(?:^|/organisations/)([-a-z0-9_]{1,140})/?(?:[?#].*)?$")


def organisation_from_address(value: str) -> Organisation | None:
    """The active organisation a typed address or slug names, or None."""
    match = _ORG_ADDRESS.search(value.strip().lower())
    if match is None:
        return None
    return Organisation.objects.filter(
        slug=match.group(1), status=OrganisationStatus.ACTIVE
    ).first()


class IntroductionForm(forms.Form):
    """Who to introduce to whom. The people offered are the introducer's connections: the only
    people they may introduce (messaging's rule), so the form shows nobody new."""

    person = forms.ChoiceField(
        label=_("Who are you introducing?"),
        error_messages={
            "required": _("Choose the person you are introducing."),
            "invalid_choice": _("Choose one of your connections."),
        },
    )
    other_person = forms.ChoiceField(
        label=_("Introduce them to one of your connections"),
        required=False,
        error_messages={"invalid_choice": _("Choose one of your connections.")},
    )
    organisation = forms.CharField(
        label=_("Or to an organisation (its address on this site)"),
        required=False,
        max_length=300,
        help_text=_(
            "Copy the address of the organisation's page, or the last part of it, "
            "such as levenshulme-walking-group."
        ),
    )
    note = forms.CharField(
        label=_("Your note to both of them"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Write a few words to both of them: why you think they should meet.")
        },
        help_text=_(
            "Why you think they should meet. Both will read it, and it starts their "
            "conversation if they both accept."
        ),
    )
    note_to_person = forms.CharField(
        label=_("A word just for the person you are introducing (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    note_to_other = forms.CharField(
        label=_("A word just for the other side (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, connections: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.connections = {p.handle: p for p in connections}
        people = [(p.handle, p.public_name) for p in connections]
        self.fields["person"].choices = [("", _("Choose one of your connections")), *people]  # type: ignore[attr-defined]
        self.fields["other_person"].choices = [("", _("None: an organisation instead")), *people]  # type: ignore[attr-defined]
        if not self.is_bound and not self.initial.get("submission_key"):
            self.initial["submission_key"] = uuid.uuid4()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        handle = data.get("person") or ""
        data["person_user"] = self.connections.get(handle)
        other = data.get("other_person") or ""
        data["other_user"] = self.connections.get(other) if other else None
        address = (data.get("organisation") or "").strip()
        data["organisation_found"] = None
        if other and address:
            self.add_error(
                "organisation",
                ValidationError(
                    _("Choose a connection or an organisation, not both."), code="both"
                ),
            )
        elif address:
            found = organisation_from_address(address)
            if found is None:
                self.add_error(
                    "organisation",
                    _("We couldn't find an organisation at that address. Check it on its page."),
                )
            data["organisation_found"] = found
        elif not other and "other_person" not in self.errors:
            self.add_error(
                "other_person", _("Choose one person or one organisation to introduce them to.")
            )
        return data
