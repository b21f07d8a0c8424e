from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from groundswell.accounts import names
from groundswell.accounts.models import MemberRole, User, Visibility
from groundswell.accounts.services import profile_get_or_create
from groundswell.places.models import Place
from groundswell.stories.forms import PlaceChoiceField
from groundswell.topics.models import Topic


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        help_text=_(
            "What other members see when you post as yourself. You can use a first name or a "
            "nickname."
        ),
    )

    def clean_display_name(self) -> str:
        return names.clean_display_name(self.cleaned_data["display_name"], user=None)

    def signup(self, request: HttpRequest, user: User) -> None:
        user.display_name = self.cleaned_data["display_name"]
        user.save(update_fields=["display_name"])
        profile_get_or_create(user=user)


def _visibility_field(label: StrOrPromise) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=Visibility.choices, widget=forms.Select)


class ProfileForm(forms.Form):
    display_name = forms.CharField(label=_("Display name"), max_length=80)
    pronouns = forms.CharField(
        label=_("Pronouns"),
        max_length=40,
        required=False,
        help_text=_("For example: she/her, they/them."),
    )
    pronouns_visibility = _visibility_field(_("Who can see your pronouns?"))
    bio = forms.CharField(
        label=_("About you"),
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few lines, up to 600 characters."),
    )
    bio_visibility = _visibility_field(_("Who can see your 'about you'?"))
    roles = forms.MultipleChoiceField(
        label=_("How you take part"),
        choices=MemberRole.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    roles_visibility = _visibility_field(_("Who can see your roles?"))
    home_place = PlaceChoiceField(
        label=_("Home place"),
        queryset=Place.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Choose a place from the list.")},
        empty_label=_("Not set"),
        help_text=_("As broad or as local as you like."),
    )
    home_place_visibility = _visibility_field(_("Who can see your home place?"))
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics you care about"),
        queryset=Topic.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Choose topics from the list.")},
    )
    topics_visibility = _visibility_field(_("Who can see your topics?"))

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        # What the profile has now stays offered even if since retired, so saving keeps it.
        self.fields["topics"].queryset = Topic.objects.for_choice(  # type: ignore[attr-defined]
            keep=self.initial.get("topics", ())
        )
        self.fields["home_place"].queryset = Place.objects.for_choice(  # type: ignore[attr-defined]
            keep=[self.initial.get("home_place")]
        ).order_by("path")

    def clean_display_name(self) -> str:
        return names.clean_display_name(self.cleaned_data["display_name"], user=self.user)
