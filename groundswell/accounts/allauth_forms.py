"""allauth's account forms with the site's own labels: sentence case, plain words, "email address".

allauth builds these labels in Title Case ("Current Password", "Remember Me") and its sign-in form
offers a "Forgot your password?" link under the password, which the page already gives. Each
class only relabels; the fields, checks and flows are allauth's. settings.ACCOUNT_FORMS names them
(SITE_ACCOUNT_FORMS below is what it should hold).

The sign-up form lives in accounts/signup.py (it also evens out the cost of a taken address).
"""

from __future__ import annotations

from typing import Any

from allauth.account import forms as allauth_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms
from django.utils.translation import gettext_lazy as _

EMAIL_LABEL = _("Email address")
PASSWORD_AGAIN_LABEL = _("Type the password again")
# In place of Django's list of validator rules: the same rules, said once in plain words.
NEW_PASSWORD_HINT = _(
    "At least 10 characters, and not only numbers. Three or four unrelated words make a password "
    "that is strong and easy to remember. Avoid your name, your email address and common passwords."
)

# What settings.ACCOUNT_FORMS holds (dotted paths: settings can't import forms).
SITE_ACCOUNT_FORMS = {
    "login": "groundswell.accounts.allauth_forms.LoginForm",
    "signup": "groundswell.accounts.signup.EvenSignupForm",
    "add_email": "groundswell.accounts.allauth_forms.AddEmailForm",
    "change_password": "groundswell.accounts.allauth_forms.ChangePasswordForm",
    "set_password": "groundswell.accounts.allauth_forms.SetPasswordForm",
    "reset_password": "groundswell.accounts.allauth_forms.ResetPasswordForm",
    "reset_password_from_key": "groundswell.accounts.allauth_forms.ResetPasswordKeyForm",
    "reauthenticate": "groundswell.accounts.allauth_forms.ReauthenticateForm",
}

# What settings.MFA_FORMS should hold: the two-step code prompts without a placeholder.
SITE_MFA_FORMS = {
    "authenticate": "groundswell.accounts.allauth_forms.MFAAuthenticateForm",
    "reauthenticate": "groundswell.accounts.allauth_forms.MFAReauthenticateForm",
    "activate_totp": "groundswell.accounts.allauth_forms.ActivateTOTPForm",
}


def relabel(form: forms.BaseForm, labels: dict[str, Any]) -> None:
    """Give the named fields these labels, and drop allauth's placeholders: a placeholder that
    repeats the label is noise to a screen reader and vanishes as soon as someone types."""
    for name, label in labels.items():
        field = form.fields.get(name)
        if field is None:
            continue
        field.label = label
        field.widget.attrs.pop("placeholder", None)


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        relabel(
            self,
            {
                "login": EMAIL_LABEL,
                "password": _("Password"),
                "remember": _("Keep me signed in on this device"),
            },
        )
        # The page links to "Forgotten your password?" beside the button.
        self.fields["password"].help_text = ""


class AddEmailForm(allauth_forms.AddEmailForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        relabel(self, {"email": _("New email address")})


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        relabel(
            self,
            {
                "oldpassword": _("Your password now"),
                "password1": _("New password"),
                "password2": _("Type the new password again"),
            },
        )
        self.fields["oldpassword"].help_text = ""
        self.fields["password1"].help_text = NEW_PASSWORD_HINT


class SetPasswordForm(allauth_forms.SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        relabel(self, {"password1": _("Password"), "password2": PASSWORD_AGAIN_LABEL})
        self.fields["password1"].help_text = NEW_PASSWORD_HINT


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        relabel(self, {"email": EMAIL_LABEL})


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        relabel(
            self, {"password1": _("New password"), "password2": _("Type the new password again")}
        )
        self.fields["password1"].help_text = NEW_PASSWORD_HINT


class ReauthenticateForm(allauth_forms.ReauthenticateForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        relabel(self, {"password": _("Your password")})
        self.fields["password"].help_text = ""


# Two-step sign-in: allauth's code fields carry a placeholder "Code" repeating the label.


class MFAAuthenticateForm(mfa_forms.AuthenticateForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        relabel(self, {"code": _("Code")})


class MFAReauthenticateForm(mfa_forms.ReauthenticateForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        relabel(self, {"code": _("Code")})


class ActivateTOTPForm(totp_forms.ActivateTOTPForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        relabel(self, {"code": _("Code from your authenticator app")})
