from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from groundswell.follows.models import WhoCanFollow, WhoCanSee


class NetworkSettingsForm(forms.Form):
    who_can_follow = forms.ChoiceField(
        label=_("Who can follow you"),
        choices=WhoCanFollow.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Followers see what you share under your own name in their Following page. "
            "Nothing you share under a pseudonym or anonymously is ever shown as yours."
        ),
    )
    connections_visible_to = forms.ChoiceField(
        label=_("Who can see your connections and how many people follow you"),
        choices=WhoCanSee.choices,
        widget=forms.RadioSelect,
        help_text=_("Who your followers are is only ever shown to you."),
    )
