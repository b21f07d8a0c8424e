from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from groundswell.audit.models import action_choices
from groundswell.lib.text import clean_text
from groundswell.moderation import selectors
from groundswell.moderation.models import Report
from groundswell.places.models import Place
from groundswell.sitepages.identity import page_url
from groundswell.topics.models import Topic

REASON_HELP = gettext_lazy(
    "The author will see this. Say which community guideline it breaks, kindly and clearly."
)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        help_text=REASON_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": gettext_lazy("Give a reason. The author will see it.")},
    )

    def clean_reason(self) -> str:
        reason = clean_text(self.cleaned_data["reason"])
        if not reason:
            raise forms.ValidationError(_("Give a reason. The author will see it."))
        return reason


class HideForm(ReasonForm):
    """Hiding: the reason's hint links to the community guidelines, which it asks the moderator
    to name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = format_html(
            '{} <a href="{}">{}</a>',
            REASON_HELP,
            page_url("guidelines"),
            _("Read the community guidelines"),
        )


class ApproveForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Note for the author (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )


class CloseReportsForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("What did you do?"),
        choices=Report.Outcome.choices,
        widget=forms.RadioSelect,
        initial=Report.Outcome.DISMISSED,
    )
    note = forms.CharField(
        label=gettext_lazy("Note for other moderators (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )


class AppealDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            ("overturn", gettext_lazy("Accept the appeal: show it again")),
            ("uphold", gettext_lazy("Turn the appeal down: it stays hidden")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choose whether to accept or turn down the appeal.")
        },
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        help_text=gettext_lazy("The author will see this."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": gettext_lazy("Give a reason. The author will see it.")},
    )


class AppealForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Why should it be shown again?"),
        help_text=gettext_lazy(
            "A moderator who did not see your post before will read this. You can appeal once."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        error_messages={
            "required": gettext_lazy("Tell the moderators why you think it should be shown again.")
        },
    )


class ReportProfileForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("What is wrong?"),
        choices=Report.Reason.choices,
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=gettext_lazy("Anything else moderators should know? (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Show"),
        choices=[
            ("open", gettext_lazy("Everything waiting")),
            ("held", gettext_lazy("Held for review")),
            ("appeals", gettext_lazy("Appeals")),
            ("resolved", gettext_lazy("Closed reports")),
        ],
        required=False,
    )
    type = forms.ChoiceField(
        label=gettext_lazy("Type"),
        # Read when the form is built: every kind registered with `moderation=`.
        choices=lambda: [
            ("", _("All types")),
            *((k.key, selectors.kind_plural(k).capitalize()) for k in selectors.moderated_kinds()),
            ("profile", _("Profiles")),
        ],
        required=False,
    )
    reason = forms.ChoiceField(
        label=gettext_lazy("Reason"),
        choices=[("", gettext_lazy("Any reason")), *Report.Reason.choices],
        required=False,
    )

    def filters(self) -> selectors.QueueFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return selectors.QueueFilters(
            status=data.get("status") or "open",
            type=data.get("type") or "",
            reason=data.get("reason") or "",
        )


class _PlaceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{'— ' * obj.depth}{obj.name}"


class PreModerationRuleForm(forms.Form):
    place = _PlaceChoiceField(
        label=gettext_lazy("Place"),
        queryset=Place.objects.none(),
        required=False,
        empty_label=gettext_lazy("No place"),
        help_text=gettext_lazy("Covers the places inside it too."),
        error_messages={"invalid_choice": gettext_lazy("Choose a place from the list.")},
    )
    topic = forms.ModelChoiceField(
        label=gettext_lazy("Topic"),
        queryset=Topic.objects.none(),
        required=False,
        empty_label=gettext_lazy("No topic"),
        error_messages={"invalid_choice": gettext_lazy("Choose a topic from the list.")},
    )
    note = forms.CharField(
        label=gettext_lazy("Note for other moderators (optional)"), max_length=300, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A new rule is only for places and topics still offered (rules are never edited).
        self.fields["place"].queryset = Place.objects.for_choice().order_by("path")  # type: ignore[attr-defined]
        self.fields["topic"].queryset = Topic.objects.for_choice().order_by("name")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("place")) == bool(data.get("topic")):
            raise forms.ValidationError(_("Choose either a place or a topic."))
        return data


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=gettext_lazy("Action"),
        # Read when the form is built: other apps register their own actions (audit.models).
        choices=lambda: [("", _("Any action")), *action_choices()],
        required=False,
    )
    actor = forms.CharField(
        label=gettext_lazy("Who (email or account number)"), max_length=254, required=False
    )
    date_from = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("For example, 2026-11-01"),
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must be on or after the start date."))
        return data
