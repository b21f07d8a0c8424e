from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from groundswell.privacy.models import DeletionMode

MODE_HELP = {
    DeletionMode.EVERYTHING: _(
        "Your stories, ideas, resources and comments are deleted. Comments other people wrote "
        "on your stories go with them."
    ),
    DeletionMode.ANONYMISE: _(
        "Your published stories and your comments stay so others can still read them, shown as "
        '"Anonymous member" and "Former member", with no link to you. Drafts, withdrawn stories, '
        "images and earlier versions are deleted."
    ),
}


class DeleteAccountForm(forms.Form):
    """No password field: the page itself needs a recent sign-in or reauthentication, with the
    second factor where there is one (privacy.views.delete_account). A password here would be
    weaker than that, and allauth keeps a post that needs reauthentication in the session to
    replay it, where a password must never be stored."""

    mode = forms.ChoiceField(
        label=_("What should happen to what you wrote?"),
        choices=[
            (value, format_lazy("{}. {}", label, MODE_HELP[DeletionMode(value)]))
            for value, label in DeletionMode.choices
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what should happen to what you wrote.")},
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account will be deleted and this cannot be undone."),
        error_messages={"required": _("Tick the box to confirm you want to delete your account.")},
    )
