from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from groundswell.core.forms import QuickBoundField, SiteLists
from groundswell.moderation.models import Report
from groundswell.offers.models import (
    DAYS,
    TIMES,
    TRAVEL_KM_MAX,
    Audience,
    Category,
    Offer,
    Reach,
    Response,
    Side,
    Status,
    list_to_bits,
)
from groundswell.offers.services import MAX_TOPICS, OfferInput
from groundswell.organisations.models import Organisation
from groundswell.places.models import Place
from groundswell.topics.models import Topic


class QuickSelect(forms.Select):
    """A select that writes its options in Python. Django renders each option through its own
    template, which for a list of every place (hundreds of options) cost about 40 ms a page, most
    of the list page's time; this writes the same markup in well under a millisecond."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        options = "".join(
            f'<option value="{escape(option["value"] if option["value"] is not None else "")}"'
            f"{' selected' if option['selected'] else ''}>{escape(option['label'])}</option>"
            for _group, choices, _index in widget["optgroups"]
            for option in choices
        )
        return mark_safe(  # noqa: S308 (every value and label escaped above)
            f'<select name="{escape(widget["name"])}"{flatatt(widget["attrs"])}>{options}</select>'
        )


class PlaceChoiceField(forms.ModelChoiceField[Place]):
    def label_from_instance(self, obj: Place) -> str:
        return f"{obj.name} ({obj.get_level_display().lower()})"


class OfferForm(forms.Form):
    side = forms.ChoiceField(
        label=_("Are you offering something, or looking for it?"),
        choices=[
            (Side.OFFER, _("I'm offering something")),
            (Side.NEED, _("I'm looking for something (a need)")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you are offering or looking.")},
    )
    category = forms.ChoiceField(
        label=_("What kind of help?"),
        choices=[("", _("Choose one")), *Category.choices],
        error_messages={
            "required": _("Choose what kind of help it is."),
            "invalid_choice": _("Choose a kind of help from the list."),
        },
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        help_text=_("A few words: “Lifts to hospital appointments”, “Company for a weekly walk”."),
        error_messages={"required": _("Give it a short title.")},
    )
    body = forms.CharField(
        label=_("Details"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "What, when, and anything people should know. Don't include phone numbers or "
            "addresses: people reply by message."
        ),
        error_messages={"required": _("Say a little more about it.")},
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Up to 5. They help us suggest matches."),
    )
    place = PlaceChoiceField(
        label=_("Where?"),
        queryset=Place.objects.none(),
        widget=QuickSelect,
        empty_label=_("Choose a place"),
        help_text=_("The neighbourhood, town or area it is in or near. Never your address."),
        error_messages={
            "required": _("Choose the place it is in or near."),
            "invalid_choice": _("Choose a place from the list."),
        },
    )
    days = forms.TypedMultipleChoiceField(
        label=_("Which days?"),
        choices=DAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave them all clear if any day suits."),
        error_messages={"invalid_choice": _("Choose days from the list.")},
    )
    times = forms.TypedMultipleChoiceField(
        label=_("What times of day?"),
        choices=TIMES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave them all clear if any time suits."),
        error_messages={"invalid_choice": _("Choose times of day from the list.")},
    )
    reach = forms.ChoiceField(
        label=_("How can it be given?"),
        choices=Reach.choices,
        widget=forms.RadioSelect,
        initial=Reach.IN_PERSON,
        error_messages={"required": _("Choose how it can be given.")},
    )
    travel_km = forms.IntegerField(
        label=_("How far can you travel, in kilometres?"),
        required=False,
        min_value=0,
        max_value=TRAVEL_KM_MAX,
        initial=5,
        help_text=_("0 means nearby only. Not needed for online or phone only."),
        error_messages={
            "invalid": _("Enter a whole number of kilometres, like 5."),
            "min_value": _("Enter a distance from 0 to %(limit_value)s kilometres.")
            % {"limit_value": TRAVEL_KM_MAX},
            "max_value": _("Enter a distance from 0 to %(limit_value)s kilometres."),
        },
    )
    audience = forms.ChoiceField(
        label=_("Who can see it?"),
        choices=Audience.choices,
        widget=forms.RadioSelect,
        initial=Audience.MEMBERS,
    )
    organisation = forms.ModelChoiceField(
        label=_("Post as"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Myself"),
        to_field_name="slug",
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        organisations: Any = None,
        keep_place: Place | None = None,
        keep_topics: Any = (),
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        place_field: Any = self.fields["place"]
        place_field.queryset = Place.objects.for_choice(keep=[keep_place]).order_by("path")
        topic_field: Any = self.fields["topics"]
        topic_field.queryset = Topic.objects.for_choice(keep=keep_topics).order_by("name")
        org_field: Any = self.fields["organisation"]
        if organisations is None or not organisations.exists():
            del self.fields["organisation"]
        else:
            org_field.queryset = organisations
        if editing:
            del self.fields["side"]
        if not self.is_bound and not self.initial.get("submission_key"):
            self.initial["submission_key"] = uuid.uuid4()

    def clean_topics(self) -> Any:
        topics = self.cleaned_data.get("topics") or []
        if len(topics) > MAX_TOPICS:
            raise forms.ValidationError(_("Choose up to %(n)s topics.") % {"n": MAX_TOPICS})
        return topics

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        in_person = data.get("reach") in (Reach.IN_PERSON, Reach.EITHER)
        if in_person and data.get("travel_km") is None and "travel_km" not in self.errors:
            self.add_error(
                "travel_km", _("Say how far you can travel, in kilometres (0 for nearby only).")
            )
        return data

    def to_input(self, *, side: str | None = None) -> OfferInput:
        d = self.cleaned_data
        return OfferInput(
            side=side or d["side"],
            category=d["category"],
            title=d["title"],
            body=d["body"],
            place=d["place"],
            topics=list(d.get("topics") or []),
            days=list_to_bits(d.get("days") or []),
            times=list_to_bits(d.get("times") or []),
            reach=d["reach"],
            travel_km=d.get("travel_km"),
            audience=d["audience"],
            organisation=d.get("organisation"),
        )


def initial_for(post: Offer) -> dict[str, Any]:
    return {
        "category": post.category,
        "title": post.title,
        "body": post.body,
        "topics": list(post.topics.all()),
        "place": post.place,
        "days": post.day_list,
        "times": post.time_list,
        "reach": post.reach,
        "travel_km": post.travel_km,
        "audience": post.audience,
        "organisation": post.organisation,
    }


class ResponseForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Say who you are and how you could help. It starts a conversation in your messages; "
            "your contact details are never shared unless you choose to share them."
        ),
        error_messages={"required": _("Write a few words to introduce yourself.")},
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.initial.get("submission_key"):
            self.initial["submission_key"] = uuid.uuid4()


class ResponseChoiceField(forms.ModelChoiceField[Response]):
    def label_from_instance(self, obj: Response) -> str:
        return obj.helper.public_name


class MatchForm(forms.Form):
    response = ResponseChoiceField(
        label=_("Who is helping?"),
        queryset=Response.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose who is helping.")},
    )

    def __init__(self, *args: Any, post: Offer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["response"]
        field.queryset = post.responses.select_related("helper")


class DoneForm(forms.Form):
    response = ResponseChoiceField(
        label=_("Who helped?"),
        queryset=Response.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=_("Nobody here"),
    )
    thanks = forms.CharField(
        label=_("A thank-you (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("We'll send it to them. They can choose to show it on their page."),
    )

    def __init__(self, *args: Any, post: Offer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["response"]
        field.queryset = post.responses.select_related("helper")
        if post.matched_response_id and not self.is_bound:
            self.initial["response"] = post.matched_response_id

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("thanks", "").strip() and not data.get("response"):
            self.add_error("response", _("Choose who to thank."))
        return data


def _topics() -> Any:
    return Topic.objects.current().order_by("name").values_list("slug", "name")


def _places() -> Any:
    return Place.objects.current().order_by("path").values_list("slug", "name")


class FilterForm(forms.Form):
    # Drawn in Python (core/forms.py): the page's filters through Django's templates were a
    # fifth of a member's page.
    bound_field_class = QuickBoundField

    side = forms.ChoiceField(
        label=_("Offers or needs"),
        choices=[("", _("Both")), (Side.OFFER, _("Offers")), (Side.NEED, _("Needs"))],
        required=False,
        error_messages={"invalid_choice": _("Choose offers, needs or both.")},
    )
    category = forms.ChoiceField(
        label=_("Kind of help"),
        choices=[("", _("Any kind")), *Category.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose a kind of help from the list.")},
    )
    # Plain choices of (slug, name), kept while no topic or place changes (core.forms.SiteLists):
    # a form field of model instances built and labelled several hundred places per page.
    topic = forms.ChoiceField(
        label=_("Topic"),
        required=False,
        error_messages={"invalid_choice": _("Choose a topic from the list.")},
    )
    place = forms.ChoiceField(
        label=_("Place"),
        required=False,
        error_messages={"invalid_choice": _("Choose a place from the list.")},
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("", _("Open or matched")),
            (Status.OPEN, _("Open")),
            (Status.MATCHED, _("Matched")),
            (Status.DONE, _("Done")),
        ],
        required=False,
        error_messages={"invalid_choice": _("Choose a status from the list.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lists = SiteLists("offers:filters", topics=_topics, places=_places)
        topic: Any = self.fields["topic"]
        topic.choices = lists.choices("topics", ("", _("Any topic")))
        place: Any = self.fields["place"]
        place.choices = lists.choices("places", ("", _("Anywhere")))


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=Report.Reason.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("Anything else moderators should know? (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )
