from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from groundswell.accounts.models import User
from groundswell.core.ratelimit import RateLimited, check_rate
from groundswell.privacy.models import DeletionMode

PASSWORD_ATTEMPTS = 5
PASSWORD_WINDOW_SECONDS = 15 * 60

MODE_HELP = {
    DeletionMode.EVERYTHING: "Your stories, ideas, resources and comments are deleted. Comments other people wrote on your stories go with them.",
    DeletionMode.ANONYMISE: (
        "Your published stories and your comments stay so others can still read them, shown as "
        '"Anonymous member" and "Former member", with no link to you. Drafts, withdrawn stories, '
        "images and earlier versions are deleted."
    ),
}


class DeleteAccountForm(forms.Form):
    mode = forms.ChoiceField(
        label="What should happen to what you wrote?",
        choices=[
            (value, f"{label}. {MODE_HELP[DeletionMode(value)]}")
            for value, label in DeletionMode.choices
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what should happen to what you wrote."},
    )
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To check it is really you.",
        error_messages={"required": "Enter your password."},
    )
    confirm = forms.BooleanField(
        label="I understand that my account will be deleted and this cannot be undone.",
        error_messages={"required": "Tick the box to confirm you want to delete your account."},
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        key = f"delete-password:{self.user.pk}"
        try:
            check_rate(key, PASSWORD_ATTEMPTS, PASSWORD_WINDOW_SECONDS)
        except RateLimited as exc:
            raise ValidationError(f"Too many attempts. {exc.message}") from exc
        if not self.user.check_password(password):
            raise ValidationError("That password is not right.")
        return password
