"""Forms for the asset pages: the list's filters (shared with the map's data endpoint and the
exports), adding and editing a listing or a gift, its opening times, and claims."""

from __future__ import annotations

import re
import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from groundswell.assets.models import WEEKDAYS, AssetKind, AssetQuerySet, Audience, ShownAs
from groundswell.assets.services import (
    AssetInput,
    LocationInput,
    OpeningTimeInput,
    check_coordinates,
)
from groundswell.core.forms import QuickBoundField, SiteLists
from groundswell.lib.text import clean_text
from groundswell.places.models import Place
from groundswell.topics.models import Topic

PHONE = re.compile(r"^[0-9+() \-]{6,40}$")
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$")


class PlaceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        # Indented by depth so the list reads as nation > region > town.
        return "\u2003" * obj.depth + obj.name


OPEN_CHOICES = [
    ("", _("Any time")),
    ("now", _("Open now")),
    *[(str(value), label) for value, label in WEEKDAYS],
]


def _topics() -> Any:
    return Topic.objects.current().order_by("name").values_list("slug", "name")


def _places() -> list[tuple[str, str]]:
    places = Place.objects.current().order_by("path").values_list("slug", "name", "path")
    # Indented by depth so the list reads as nation > region > town.
    return [(slug, "\u2003" * Place.depth_of(path) + name) for slug, name, path in places]


class _LookedUpChoiceField(forms.ChoiceField):
    """A slug from a list. The form's clean_<name> reads the one chosen, which is the check that
    it is one (current): the list itself is read only to draw it, so the map's data, the exports
    and the API, which never draw the form, never read it."""

    def valid_value(self, value: str) -> bool:
        return True


class AssetFilterForm(forms.Form):
    """The list's filters. `apply(qs)` narrows a queryset of assets the viewer may see; the map's
    data endpoint and the CSV and GeoJSON exports call the very same method.

    Topic and place are plain choices of (slug, name) rows kept while no topic or place changes
    (core.forms.SiteLists), drawn in Python (core.forms.QuickBoundField): as model choice
    fields through Django's templates they were about 4 ms of every member's list page. The one
    chosen is read by its slug when the form is cleaned (one query, as the model choice field
    read it), so `filters` holds a Topic and a Place."""

    bound_field_class = QuickBoundField

    q = forms.CharField(label=_("Words"), max_length=100, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("Any kind")), *AssetKind.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose a kind from the list.")},
    )
    topic = _LookedUpChoiceField(
        label=_("Topic"),
        required=False,
        error_messages={"invalid_choice": _("Choose a topic from the list.")},
    )
    place = _LookedUpChoiceField(
        label=_("Place"),
        required=False,
        error_messages={"invalid_choice": _("Choose a place from the list.")},
    )
    open = forms.ChoiceField(
        label=_("Open"),
        choices=OPEN_CHOICES,
        required=False,
        error_messages={"invalid_choice": _("Choose a day from the list.")},
    )
    access = forms.CharField(
        label=_("Accessibility"),
        max_length=100,
        required=False,
        help_text=_("For example: step-free, hearing loop, quiet."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lists = SiteLists("assets:filters", topics=_topics, places=_places)
        topic: Any = self.fields["topic"]
        topic.choices = lists.choices("topics", ("", _("Any topic")))
        place: Any = self.fields["place"]
        place.choices = lists.choices("places", ("", _("Anywhere")))

    def clean_topic(self) -> Topic | None:
        slug = self.cleaned_data.get("topic")
        if not slug:
            return None
        topic = Topic.objects.current().filter(slug=slug).first()
        if topic is None:  # unknown or retired
            raise ValidationError(self.fields["topic"].error_messages["invalid_choice"])
        return topic

    def clean_place(self) -> Place | None:
        slug = self.cleaned_data.get("place")
        if not slug:
            return None
        place = Place.objects.current().filter(slug=slug).first()
        if place is None:
            raise ValidationError(self.fields["place"].error_messages["invalid_choice"])
        return place

    @property
    def filters(self) -> dict[str, Any]:
        """The valid filters chosen (an invalid one is ignored, never a 500)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {}) or {}
        return {
            key: value
            for key, value in data.items()
            if key not in self.errors and value not in (None, "")
        }

    @property
    def is_filtered(self) -> bool:
        return bool(self.filters)

    def apply(self, qs: AssetQuerySet) -> AssetQuerySet:
        f = self.filters
        if "kind" in f:
            qs = qs.of_kind(f["kind"])
        if "topic" in f:
            qs = qs.serving(f["topic"])
        if "place" in f:
            qs = qs.in_place(f["place"])
        if f.get("open") == "now":
            qs = qs.open_now()
        elif "open" in f:
            qs = qs.open_at(int(f["open"]))
        for word in clean_text(f.get("access", ""), single_line=True).split()[:5]:
            qs = qs.filter(accessibility__icontains=word)
        for word in clean_text(f.get("q", ""), single_line=True).split()[:5]:
            qs = qs.filter(Q(name__icontains=word) | Q(description__icontains=word))
        return qs


class OpeningTimeForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label=_("Day"),
        choices=[("", _("Choose a day")), *WEEKDAYS],
        coerce=int,
        required=False,
    )
    opens = forms.TimeField(
        label=_("Opens"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Enter a time like 09:30.")},
    )
    closes = forms.TimeField(
        label=_("Closes"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Enter a time like 17:00.")},
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        weekday, opens, closes = data.get("weekday"), data.get("opens"), data.get("closes")
        filled = [v for v in (weekday, opens, closes) if v not in (None, "")]
        if not filled and not data.get("note") and not self.errors:
            return data  # an empty row: ignored
        if weekday in (None, ""):
            self.add_error("weekday", _("Choose the day."))
        if opens is None and "opens" not in self.errors:
            self.add_error("opens", _("Enter when it opens."))
        if closes is None and "closes" not in self.errors:
            self.add_error("closes", _("Enter when it closes."))
        if opens is not None and closes is not None and closes <= opens:
            self.add_error("closes", _("The closing time must be after the opening time."))
        return data

    def to_input(self) -> OpeningTimeInput | None:
        d = getattr(self, "cleaned_data", {}) or {}
        if d.get("weekday") in (None, "") or d.get("opens") is None or d.get("closes") is None:
            return None
        return OpeningTimeInput(
            weekday=int(d["weekday"]),
            opens=d["opens"],
            closes=d["closes"],
            note=clean_text(d.get("note", ""), single_line=True),
        )


OpeningTimeFormSet = forms.formset_factory(
    OpeningTimeForm, extra=3, max_num=21, validate_max=True, absolute_max=28
)


def opening_times_formset(data: Any = None, *, initial: list[dict[str, Any]] | None = None) -> Any:
    """The opening times rows, three empty ones after any already kept."""
    return OpeningTimeFormSet(data, initial=initial or None, prefix="times")


class _BaseAssetForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=160, error_messages={"required": _("Enter its name.")}
    )
    description = forms.CharField(
        label=_("What it is"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Say in a few words what it is and who it is for.")},
    )
    place = PlaceChoiceField(
        label=_("Place"),
        queryset=Place.objects.none(),
        empty_label=_("Choose a place"),
        error_messages={"required": _("Choose the place it is in or serves.")},
        help_text=_("The smallest place that fits: a neighbourhood or a town."),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics it helps with (optional)"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    accessibility = forms.CharField(
        label=_("Accessibility (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Step-free access, hearing loops, quiet times, languages spoken, anything that helps "
            "people come."
        ),
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, keep_place: Place | None = None, keep_topics: Any = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = Place.objects.for_choice(  # type: ignore[attr-defined]
            keep=[keep_place]
        ).order_by("path")
        self.fields["topics"].queryset = Topic.objects.for_choice(  # type: ignore[attr-defined]
            keep=keep_topics
        ).order_by("name")
        if not self.is_bound and not self.initial.get("submission_key"):
            self.initial["submission_key"] = uuid.uuid4()

    def clean_name(self) -> str:
        name = clean_text(self.cleaned_data["name"], single_line=True)
        if not name:
            raise ValidationError(_("Enter its name."))
        return name

    def clean_description(self) -> str:
        text = clean_text(self.cleaned_data["description"])
        if not text:
            raise ValidationError(_("Say in a few words what it is and who it is for."))
        return text

    def clean_accessibility(self) -> str:
        return clean_text(self.cleaned_data.get("accessibility", ""))


LISTING_KINDS = [choice for choice in AssetKind.choices if choice[0] != AssetKind.GIFT]


class AssetForm(_BaseAssetForm):
    """A listing of any kind but a person's gift: a group, a service, a space, a business, a
    piece of heritage."""

    kind = forms.ChoiceField(
        label=_("What kind is it?"),
        choices=[("", _("Choose one")), *LISTING_KINDS],
        error_messages={"required": _("Choose what kind of asset it is.")},
    )
    organisation = forms.ModelChoiceField(
        label=_("Listed for an organisation you run (optional)"),
        queryset=Place.objects.none(),
        required=False,
        empty_label=_("None: I am adding it as a member"),
    )
    audience = forms.ChoiceField(
        label=_("Who can see it"), choices=Audience.choices, initial=Audience.PUBLIC
    )
    contact_email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("Its own address, shown on its page. Not a person's private email."),
        error_messages={"invalid": _("Enter an email address like name@example.org.")},
    )
    contact_phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    website = forms.URLField(
        label=_("Website"),
        max_length=300,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Enter a web address like https://example.org.")},
    )
    location_name = forms.CharField(
        label=_("Building or venue (optional)"), max_length=160, required=False
    )
    address_1 = forms.CharField(
        label=_("Street address (optional)"), max_length=200, required=False
    )
    city = forms.CharField(label=_("Town or city (optional)"), max_length=100, required=False)
    postcode = forms.CharField(label=_("Postcode (optional)"), max_length=10, required=False)
    latitude = forms.FloatField(
        label=_("Latitude (optional)"),
        required=False,
        help_text=_("To put it on the map: for example 53.7997 for Leeds."),
        error_messages={"invalid": _("Enter a number like 53.7997.")},
    )
    longitude = forms.FloatField(
        label=_("Longitude (optional)"),
        required=False,
        help_text=_("For example -1.5492 for Leeds (west of Greenwich is negative)."),
        error_messages={"invalid": _("Enter a number like -1.5492.")},
    )

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is None or not organisations.exists():
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]

    def clean_contact_phone(self) -> str:
        phone = clean_text(self.cleaned_data.get("contact_phone", ""), single_line=True)
        if phone and not PHONE.match(phone):
            raise ValidationError(_("Enter a phone number using digits, spaces and + ( ) - only."))
        return phone

    def clean_postcode(self) -> str:
        code = clean_text(self.cleaned_data.get("postcode", ""), single_line=True).upper()
        if code and not POSTCODE.match(code):
            raise ValidationError(_("Enter a UK postcode like LS1 4AP."))
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        no_contact = not (
            data.get("contact_email") or data.get("contact_phone") or data.get("website")
        )
        if no_contact and not {"contact_email", "contact_phone", "website"} & set(self.errors):
            self.add_error(
                "contact_email",
                _(
                    "Give at least one way to get in touch: an email address, a phone "
                    "number or a website."
                ),
            )
        if "latitude" not in self.errors and "longitude" not in self.errors:
            for name, message in check_coordinates(
                data.get("latitude"), data.get("longitude")
            ).items():
                self.add_error(name, message)
        return data

    def to_input(self, times: list[OpeningTimeInput]) -> AssetInput:
        d = self.cleaned_data
        return AssetInput(
            kind=d["kind"],
            name=d["name"],
            description=d["description"],
            place=d["place"],
            topics=list(d.get("topics") or []),
            organisation=d.get("organisation"),
            contact_email=(d.get("contact_email") or "").lower(),
            contact_phone=d.get("contact_phone", ""),
            website=d.get("website", ""),
            accessibility=d.get("accessibility", ""),
            audience=d["audience"],
            location=LocationInput(
                name=clean_text(d.get("location_name", ""), single_line=True),
                address_1=clean_text(d.get("address_1", ""), single_line=True),
                city=clean_text(d.get("city", ""), single_line=True),
                postcode=d.get("postcode", ""),
                latitude=d.get("latitude"),
                longitude=d.get("longitude"),
            ),
            opening_times=times,
        )


class GiftForm(_BaseAssetForm):
    """A member lists their own gift or skill: with their consent, shown as they choose, never
    with an address or a point on the map; people reach them by messages only."""

    shown_as = forms.ChoiceField(
        label=_("How should we show you?"),
        choices=ShownAs.choices,
        initial=ShownAs.NEIGHBOUR,
        widget=forms.RadioSelect,
        help_text=_("How your gift's page, the list and search show who offers it."),
    )
    audience = forms.ChoiceField(
        label=_("Who can see it"),
        choices=Audience.choices,
        initial=Audience.MEMBERS,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_(
            "I agree to my gift being listed on the community map as I chose above. I can "
            "withdraw it at any time and it will disappear everywhere."
        ),
        error_messages={"required": _("Tick the box to agree to your gift being listed.")},
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Your gift or skill")
        self.fields["name"].help_text = _("For example: Dog walking, Help with forms, Knitting.")
        self.fields["place"].label = _("Your area")
        self.fields["place"].help_text = _("Choose a wide enough area: we never show addresses.")
        if editing:
            # Consent was recorded when it was first listed; withdrawing takes it back.
            del self.fields["consent"]

    def to_input(self, times: list[OpeningTimeInput]) -> AssetInput:
        d = self.cleaned_data
        return AssetInput(
            kind=AssetKind.GIFT,
            name=d["name"],
            description=d["description"],
            place=d["place"],
            topics=list(d.get("topics") or []),
            accessibility=d.get("accessibility", ""),
            audience=d["audience"],
            shown_as=d["shown_as"],
            consent=bool(d.get("consent", True)),
            opening_times=times,
        )


class ClaimForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Claim it for"),
        queryset=Place.objects.none(),
        required=False,
        empty_label=_("Myself"),
    )
    message = forms.CharField(
        label=_("How are you connected to it?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say how you are connected to it, so we can check.")},
        help_text=_("For example: I run the group, or I am the centre manager."),
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is None or not organisations.exists():
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        if not self.is_bound and not self.initial.get("submission_key"):
            self.initial["submission_key"] = uuid.uuid4()

    def clean_message(self) -> str:
        text = clean_text(self.cleaned_data["message"])
        if not text:
            raise ValidationError(_("Say how you are connected to it, so we can check."))
        return text
