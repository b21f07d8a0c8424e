"""Forms of the topics staff screen (staff_views.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from groundswell.topics.models import Topic


class TopicForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=80, error_messages={"required": _("Enter the topic's name.")}
    )
    slug = forms.CharField(
        label=_("Address"),
        required=False,
        max_length=90,
        help_text=_(
            "The end of the topic's web address, like long-covid. Letters, numbers and hyphens; "
            "leave it empty to make one from the name."
        ),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or two sentences shown on the topic's page. Up to 300 characters."),
    )


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Topic.objects.none(),
        empty_label=_("Choose a topic"),
        error_messages={
            "required": _("Choose the topic to merge into."),
            "invalid_choice": _("Choose a topic from the list."),
        },
    )

    def __init__(self, *args: Any, source: Topic, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = (  # type: ignore[attr-defined]
            Topic.objects.current().exclude(pk=source.pk).order_by("name")
        )
