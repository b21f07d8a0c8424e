from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from groundswell.notifications import preferences, registry
from groundswell.notifications.models import EmailDelivery


class PreferencesForm(forms.Form):
    """Per type: shown in the site or not, and how it is emailed; plus "no emails at all"."""

    emails_off = forms.BooleanField(
        required=False,
        label=gettext_lazy("Send me no notification emails at all"),
        help_text=gettext_lazy(
            "Overrides the email choices above. Your inbox on the site is not affected."
        ),
    )

    def __init__(
        self, *args: Any, choices: dict[str, preferences.Choice], emails_off: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.groups: list[tuple[registry.NotificationType, str, str]] = []
        fields: dict[str, forms.Field] = {}
        for ntype in registry.types():
            current = choices.get(ntype.key) or preferences.default_choice(ntype)
            site_name, email_name = f"{ntype.key}-site", f"{ntype.key}-email"
            fields[site_name] = forms.BooleanField(
                required=False,
                initial=current.in_site,
                label=_("%(kind)s: show in my notifications on the site") % {"kind": ntype.label},
            )
            fields[email_name] = forms.ChoiceField(
                choices=EmailDelivery.choices,
                initial=current.email,
                widget=forms.RadioSelect,
                label=_("%(kind)s: email me") % {"kind": ntype.label},
            )
            self.groups.append((ntype, site_name, email_name))
        emails_field = self.fields.pop("emails_off")
        emails_field.initial = emails_off
        self.fields.update(fields)
        self.fields["emails_off"] = emails_field

    def type_fields(self) -> list[tuple[registry.NotificationType, Any, Any]]:
        return [(ntype, self[site], self[email]) for ntype, site, email in self.groups]

    def chosen(self) -> dict[str, preferences.Choice]:
        return {
            ntype.key: preferences.Choice(
                in_site=bool(self.cleaned_data[site]), email=self.cleaned_data[email]
            )
            for ntype, site, email in self.groups
        }
