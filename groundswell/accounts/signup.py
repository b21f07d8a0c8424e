"""allauth's sign-up form, made to cost the same whether or not the address is registered.

With ACCOUNT_PREVENT_ENUMERATION allauth answers a taken address exactly as a new one (the same
"check your email" page, one email), but it skips creating the account: no password hash, no rows.
On the production hasher that made a taken address answer about 70 ms sooner, which an outsider
could time. Here the taken path goes through the very same account creation (hash the password,
choose a username, write the user, profile and address rows) and then rolls it back, so the two
paths cost the same by construction, also when account creation changes. Both then send one email
(confirm your address / you already have an account) after their transaction has ended.

So account creation (adapter.save_user, accounts.forms.SignupForm.signup) must keep any effect
outside the database in transaction.on_commit: a rolled-back transaction discards those, but an
email sent or a cache written directly would happen for the taken address too.

This lives apart from groundswell.accounts.forms because allauth builds its form classes on top of
ACCOUNT_SIGNUP_FORM_CLASS (accounts.forms.SignupForm): a module importing allauth's forms can't
also be the one allauth imports while building them.
"""

from __future__ import annotations

from typing import Any

from allauth.account.forms import SignupForm
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from groundswell.accounts.allauth_forms import NEW_PASSWORD_HINT

# Reserved for names that never resolve (RFC 2606): nobody can verify an address here.
ROLLED_BACK_DOMAIN = "signup.invalid"


class _RollBack(Exception):
    """Undoes the account a taken address would have created."""


class EvenSignupForm(SignupForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # allauth's labels, in the site's words (as accounts/allauth_forms.py does for the rest).
        for name, label in (
            ("email", _("Email address")),
            ("password1", _("Choose a password")),
            ("password2", _("Type the password again")),
        ):
            if name in self.fields:
                self.fields[name].label = label
                self.fields[name].widget.attrs.pop("placeholder", None)
        if "password1" in self.fields:
            self.fields["password1"].help_text = NEW_PASSWORD_HINT
        if "email" in self.fields:
            self.fields["email"].help_text = _(
                "We send a link to confirm it. Nobody else on the site sees your address."
            )

    def try_save(self, request: HttpRequest) -> tuple[Any, Any]:
        if self.account_already_exists:
            self._create_and_roll_back(request)
            return super().try_save(request)
        # One transaction, as the rolled-back one is: a half-made account can't be left behind,
        # and both paths wait for the database the same way.
        with transaction.atomic():
            return super().try_save(request)

    def _create_and_roll_back(self, request: HttpRequest) -> None:
        email = self.cleaned_data["email"]
        # allauth would quietly skip an address row for a taken address; one nobody can have gets
        # the row a new address gets. The part before the @ stays: usernames are made from it.
        self.cleaned_data["email"] = f"{email.rpartition('@')[0]}@{ROLLED_BACK_DOMAIN}"
        self.account_already_exists = False  # save() refuses a taken address
        try:
            with transaction.atomic():
                self.save(request)
                raise _RollBack
        except _RollBack:
            pass
        finally:
            self.cleaned_data["email"] = email
            self.account_already_exists = True
