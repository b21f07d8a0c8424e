from __future__ import annotations

import re
import uuid
from collections.abc import Collection
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from groundswell.lib.text import clean_text
from groundswell.organisations.models import Membership, OrganisationKind, Role
from groundswell.organisations.services import OrganisationInput
from groundswell.places.models import Place
from groundswell.topics.models import Topic

PHONE = re.compile(r"^[0-9+() \-]{6,40}$")


class PlaceMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_level_display().lower()})"


class OrganisationForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        error_messages={"required": _("Enter the organisation's name.")},
    )
    kind = forms.ChoiceField(
        label=_("What kind of organisation is it?"),
        choices=[("", _("Choose one")), *OrganisationKind.choices],
        error_messages={"required": _("Choose what kind of organisation it is.")},
    )
    description = forms.CharField(
        label=_("What it does"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Say in a few words what the organisation does.")},
        help_text=_("Who it is for, what it offers, and how people can take part."),
    )
    places = PlaceMultipleChoiceField(
        label=_("Places it serves"),
        queryset=Place.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_(
            "Choose the widest place that fits. Hold Ctrl (or Cmd) to choose more than one."
        ),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics it works on"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Needs about these topics that have waited a while for help are shown to the "
            "organisation's admins."
        ),
    )
    contact_email = forms.EmailField(
        label=_("Contact email (optional)"),
        required=False,
        help_text=_("The organisation's own address, shown on its page. Not your personal email."),
    )
    contact_phone = forms.CharField(
        label=_("Contact phone (optional)"), max_length=40, required=False
    )
    website = forms.URLField(
        label=_("Website (optional)"),
        max_length=300,
        required=False,
        assume_scheme="https",
    )
    accessibility = forms.CharField(
        label=_("Accessibility (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Step-free access, hearing loops, quiet times, languages spoken, anything that helps people come."
        ),
    )
    logo = forms.ImageField(
        label=_("Logo (optional)"),
        required=False,
        help_text=_("JPEG, PNG, GIF or WebP, up to 5 MB."),
    )
    logo_alt = forms.CharField(
        label=_("Describe the logo"),
        max_length=300,
        required=False,
        help_text=_("Needed if you add a logo, for people who use screen readers."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the current logo"), required=False)
    members_may_post = forms.BooleanField(
        label=_("Let members post as the organisation"),
        required=False,
        help_text=_("The owner and admins can always post as the organisation."),
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        has_logo: bool = False,
        oversized: Collection[str] = (),
        keep_places: Collection[Place | int] = (),
        keep_topics: Collection[Topic | int] = (),
        **kwargs: Any,
    ) -> None:
        """`keep_places` are the places the organisation serves now: they stay offered (and
        valid) even if since retired, so saving its settings does not drop them silently."""
        super().__init__(*args, **kwargs)
        self.has_logo = has_logo
        self.oversized = oversized
        if not has_logo:
            del self.fields["remove_logo"]
        self.fields["places"].queryset = Place.objects.for_choice(  # type: ignore[attr-defined]
            keep=keep_places
        ).order_by("path")
        self.fields["topics"].queryset = Topic.objects.for_choice(  # type: ignore[attr-defined]
            keep=keep_topics
        )
        if not self.is_bound and not self.initial.get("submission_key"):
            self.initial["submission_key"] = uuid.uuid4()

    def clean_name(self) -> str:
        name = clean_text(self.cleaned_data["name"], single_line=True)
        if not name:
            raise ValidationError(_("Enter the organisation's name."))
        return name

    def clean_description(self) -> str:
        text = clean_text(self.cleaned_data["description"])
        if not text:
            raise ValidationError(_("Say in a few words what the organisation does."))
        return text

    def clean_contact_phone(self) -> str:
        phone = clean_text(self.cleaned_data.get("contact_phone", ""), single_line=True)
        if phone and not PHONE.match(phone):
            raise ValidationError(_("Enter a phone number using digits, spaces and + ( ) - only."))
        return phone

    def clean_accessibility(self) -> str:
        return clean_text(self.cleaned_data.get("accessibility", ""))

    def clean_logo(self) -> Any:
        logo = self.cleaned_data.get("logo")
        limit_mb = settings.STORY_IMAGE_MAX_BYTES // 1048576
        if "logo" in self.oversized or (logo and logo.size > settings.STORY_IMAGE_MAX_BYTES):
            raise ValidationError(
                f"This image is over {limit_mb} MB; please choose one under {limit_mb} MB."
            )
        return logo

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["logo_alt"] = clean_text(data.get("logo_alt", ""), single_line=True)
        has_logo = data.get("logo") or (self.has_logo and not data.get("remove_logo"))
        if has_logo and not data["logo_alt"]:
            self.add_error(
                "logo_alt",
                _("Describe the logo so people using screen readers know what it shows."),
            )
        return data

    def to_input(self) -> OrganisationInput:
        d = self.cleaned_data
        return OrganisationInput(
            name=d["name"],
            kind=d["kind"],
            description=d["description"],
            places=list(d.get("places") or []),
            topics=list(d.get("topics") or []),
            contact_email=d.get("contact_email", "").lower(),
            contact_phone=d.get("contact_phone", ""),
            website=d.get("website", ""),
            accessibility=d.get("accessibility", ""),
            logo=d.get("logo") or None,
            logo_alt=d.get("logo_alt", ""),
            remove_logo=bool(d.get("remove_logo")),
            members_may_post=bool(d.get("members_may_post")),
        )


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), max_length=100, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Any kind")), *OrganisationKind.choices], required=False
    )
    place = forms.ModelChoiceField(
        label=_("Place"),
        queryset=Place.objects.none(),
        required=False,
        empty_label=_("Anywhere"),
        to_field_name="slug",
    )

    def __init__(self, *args: Any, places: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["place"]
        field.queryset = places if places is not None else Place.objects.current().order_by("path")


class JoinForm(forms.Form):
    message = forms.CharField(
        label=_("A message to the organisation (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Who you are and why you'd like to join. The organisation's admins will read it."
        ),
    )

    def clean_message(self) -> str:
        return clean_text(self.cleaned_data.get("message", ""))


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        error_messages={
            "required": _("Enter the email address to invite."),
            "invalid": _("Enter an email address like name@example.org."),
        },
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (Role.MEMBER, _("Member")),
            (Role.ADMIN, _("Admin: can change settings and members")),
        ],
        widget=forms.RadioSelect,
        initial=Role.MEMBER,
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"), choices=[(Role.MEMBER, _("Member")), (Role.ADMIN, _("Admin"))]
    )


class MemberChoiceField(forms.ModelChoiceField[Membership]):
    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.user.public_name} ({obj.get_role_display().lower()})"


class TransferForm(forms.Form):
    membership = MemberChoiceField(
        label=_("New owner"),
        queryset=Membership.objects.none(),
        empty_label=_("Choose a member"),
        error_messages={"required": _("Choose who will own the organisation.")},
    )
    confirm = forms.BooleanField(
        label=_("I understand I will become an admin and the new owner can remove me"),
        error_messages={"required": _("Confirm that you want to hand the organisation on.")},
    )

    def __init__(self, *args: Any, memberships: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["membership"]
        field.queryset = memberships
