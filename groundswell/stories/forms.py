from __future__ import annotations

import uuid
from collections.abc import Collection
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from groundswell.accounts import names
from groundswell.lib.text import clean_text
from groundswell.organisations.models import Organisation
from groundswell.organisations.permissions import orgs_user_can_post_as
from groundswell.places.models import Place
from groundswell.stories.models import Audience, Identity, Kind, Report
from groundswell.stories.services import StoryInput
from groundswell.topics.models import Topic


class PlaceChoiceField(forms.ModelChoiceField):
    """Places labelled "Moss Side, Manchester, North West, England".

    The place's own name comes first so typing it in the closed list (type-ahead) finds it;
    the places it sits in follow so two Newports can be told apart.
    """

    def label_from_instance(self, obj: Any) -> str:
        names = getattr(self, "_place_names", None)
        if names is None:
            names = dict(Place.objects.values_list("id", "name"))
            self._place_names = names
        return ", ".join([obj.name, *(names[i] for i in reversed(obj.ancestor_ids) if i in names)])


class StoryForm(forms.Form):
    kind = forms.ChoiceField(
        label="What are you sharing?",
        choices=[
            (Kind.STORY, "A story: something you or someone close to you experienced"),
            (Kind.IDEA, "An idea: a suggestion to make things better"),
            (Kind.RESOURCE, "A resource: a guide, tool or training others can use"),
            (Kind.UPDATE, "An update: news from an organisation you help to run"),
        ],
        widget=forms.RadioSelect,
        initial=Kind.STORY,
    )
    title = forms.CharField(
        label="Title",
        error_messages={"required": "Enter a title."},
        max_length=160,
        help_text="A short line that tells people what it is about.",
    )
    body = forms.CharField(
        label="Your words",
        error_messages={"required": "Write something before saving."},
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="You can use Markdown: **bold**, *italic*, lists and links.",
    )
    topics = forms.ModelMultipleChoiceField(
        label="Topics",
        error_messages={"required": "Choose at least one topic."},
        queryset=Topic.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose one or more, so people who care about them can find it.",
    )
    place = PlaceChoiceField(
        label="Place",
        queryset=Place.objects.all(),
        required=False,
        empty_label="Not about a particular place",
        help_text="Where this happened or applies. Choose a wider area if you'd rather not be specific.",
    )
    image = forms.ImageField(
        label="Image (optional)",
        required=False,
        help_text="JPEG, PNG, GIF or WebP, up to 5 MB. We remove location and camera details.",
    )
    image_alt = forms.CharField(
        label="Describe the image",
        max_length=300,
        required=False,
        help_text="Needed if you add an image, for people who use screen readers.",
    )
    remove_image = forms.BooleanField(label="Remove the current image", required=False)
    identity = forms.ChoiceField(
        label="How should you be shown?",
        choices=[
            (Identity.NAMED, "As myself, with my display name"),
            (Identity.PSEUDONYM, "Under a pseudonym that is not linked to my profile"),
            (Identity.ANONYMOUS, "Anonymously"),
        ],
        widget=forms.RadioSelect,
        initial=Identity.NAMED,
        help_text="Moderators can still see who wrote it, to keep people safe; each time they look it is recorded.",
    )
    pseudonym = forms.CharField(
        label="Pseudonym", max_length=60, required=False, help_text="Only if you chose a pseudonym."
    )
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Choose an organisation",
        help_text="Only if you are posting for an organisation. Its name is shown, not yours.",
    )
    audience = forms.ChoiceField(
        label="Who can read it?",
        choices=[
            (Audience.PUBLIC, "Everyone, including people who are not signed in"),
            (Audience.MEMBERS, "Signed-in members only"),
        ],
        widget=forms.RadioSelect,
        initial=Audience.PUBLIC,
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        user: Any = None,
        has_image: bool = False,
        oversized: Collection[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.has_image = has_image
        # File fields whose upload was over the limit and dropped on arrival (core/uploads.py).
        self.oversized = oversized
        if not has_image:
            del self.fields["remove_image"]
        if not self.is_bound and not self.initial.get("submission_key"):
            self.initial["submission_key"] = uuid.uuid4()
        self.fields["place"].queryset = Place.objects.order_by("path")  # type: ignore[attr-defined]
        # Posting for an organisation is offered to people with a role that may post for one.
        orgs = orgs_user_can_post_as(user) if user is not None else Organisation.objects.none()
        current = self.initial.get("organisation")
        if current is not None:  # the one it was posted as stays listed, to keep it as it is
            orgs = orgs | Organisation.objects.filter(pk=getattr(current, "pk", current))
        orgs = orgs.order_by("name").distinct()
        field = self.fields["organisation"]
        field.queryset = orgs  # type: ignore[attr-defined]
        identity = self.fields["identity"]
        if orgs.exists():
            identity.choices = [  # type: ignore[attr-defined]
                *identity.choices,  # type: ignore[attr-defined]
                (Identity.ORGANISATION, "For an organisation, under its name"),
            ]
        else:
            del self.fields["organisation"]
            kind = self.fields["kind"]
            kind.choices = [c for c in kind.choices if c[0] != Kind.UPDATE]  # type: ignore[attr-defined]

    def clean_title(self) -> str:
        title = clean_text(self.cleaned_data["title"], single_line=True)
        if not title:
            raise ValidationError("Enter a title.")
        return title

    def clean_body(self) -> str:
        body = clean_text(self.cleaned_data["body"])
        if not body:
            raise ValidationError("Write something before saving.")
        if len(body) > settings.STORY_BODY_MAX_CHARS:
            raise ValidationError(
                f"This is {len(body):,} characters long; the limit is {settings.STORY_BODY_MAX_CHARS:,}. "
                "Please shorten it or split it into two posts."
            )
        return body

    def clean_image(self) -> Any:
        image = self.cleaned_data.get("image")
        limit_mb = settings.STORY_IMAGE_MAX_BYTES // 1048576
        if "image" in self.oversized:
            raise ValidationError(
                f"This image is over {limit_mb} MB; please choose one under {limit_mb} MB."
            )
        if image and image.size > settings.STORY_IMAGE_MAX_BYTES:
            raise ValidationError(
                f"This image is {image.size / 1048576:.1f} MB; please choose one under {settings.STORY_IMAGE_MAX_BYTES // 1048576} MB."
            )
        return image

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        identity = data.get("identity")
        pseudonym = clean_text(data.get("pseudonym", ""), single_line=True)
        data["pseudonym"] = pseudonym
        if identity == Identity.PSEUDONYM:
            try:
                data["pseudonym"] = names.clean_pseudonym(
                    pseudonym, author=self.user, current=self.initial.get("pseudonym", "")
                )
            except ValidationError as exc:
                self.add_error("pseudonym", exc)
        if identity == Identity.ORGANISATION and not data.get("organisation"):
            self.add_error("organisation", "Choose the organisation you are posting for.")
        elif data.get("kind") == Kind.UPDATE and identity != Identity.ORGANISATION:
            self.add_error(
                "identity", "Updates are posted for an organisation: choose that option."
            )
        has_image = data.get("image") or (self.has_image and not data.get("remove_image"))
        if has_image and not clean_text(data.get("image_alt", "")):
            self.add_error(
                "image_alt", "Describe the image so people using screen readers know what it shows."
            )
        return data

    def to_input(self) -> StoryInput:
        d = self.cleaned_data
        return StoryInput(
            kind=d["kind"],
            title=d["title"],
            body=d["body"],
            topics=d["topics"],
            place=d.get("place"),
            identity=d["identity"],
            pseudonym=d.get("pseudonym", ""),
            organisation=d.get("organisation") if d["identity"] == Identity.ORGANISATION else None,
            audience=d["audience"],
            image=d.get("image") or None,
            image_alt=d.get("image_alt", ""),
            remove_image=bool(d.get("remove_image")),
        )


class ConsentForm(forms.Form):
    consent = forms.BooleanField(
        label="I understand who will see this and that it may contain health information",
        error_messages={
            "required": "Please confirm you understand who will see this before publishing."
        },
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=settings.COMMENT_BODY_MAX_CHARS,
        error_messages={
            "max_length": f"Comments can be up to {settings.COMMENT_BODY_MAX_CHARS:,} characters."
        },
    )
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())

    def clean_body(self) -> str:
        body = clean_text(self.cleaned_data["body"])
        if not body:
            raise ValidationError("Write something before posting your comment.")
        return body


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label="What is wrong?", choices=Report.Reason.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label="Anything else moderators should know? (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )
