from __future__ import annotations

import uuid
from collections.abc import Collection
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundWidget
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

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


# What each choice of name and audience means, said beside the choice on the share form
# (privacy by default: neither is chosen for the person). Each sentence is checked against the
# code that decides it: Story.byline, StoryQuerySet.named_by (profiles), follows.notifying (who is
# told), stories.permissions.can_reveal_author, StoryQuerySet.visible_to (pages, search, API),
# stories.feeds (RSS: everyone-stories only). docs/privacy.md ("Defaults, and why") says the same.
IDENTITY_CONSEQUENCES = {
    Identity.NAMED: _(
        "People can see it is yours. Your display name is on it, it is listed on your profile, "
        "and people who follow you are told when it is published."
    ),
    Identity.PSEUDONYM: _(
        "People see the pseudonym you type below, not your name. It is not listed on your "
        "profile. If you use the same pseudonym again, readers can tell those posts come from "
        "the same person."
    ),
    Identity.ANONYMOUS: _(
        "People see “Anonymous member”. It is not listed on your profile, and nothing "
        "shown links it to you or to your other posts. Your own comments on it are shown as "
        "“Anonymous member” too."
    ),
    Identity.ORGANISATION: _(
        "People see the organisation's name, not yours. It is listed on the organisation's page, "
        "and people who follow the organisation are told when it is published."
    ),
}
AUDIENCE_CONSEQUENCES = {
    Audience.PUBLIC: _(
        "Anyone on the internet can read it without signing in. Search engines such as Google "
        "can list it, and it is in the site's RSS feeds and open API."
    ),
    Audience.MEMBERS: _(
        "Only people signed in to this site can read it. Anyone can join with an email address, "
        "so this is not a private group. It is kept out of search engines, RSS feeds and "
        "searches by people who are not signed in."
    ),
}


class StoryForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What are you sharing?"),
        choices=[
            (Kind.STORY, _("A story: something you or someone close to you experienced")),
            (Kind.IDEA, _("An idea: a suggestion to make things better")),
            (Kind.RESOURCE, _("A resource: a guide, tool or training others can use")),
            (Kind.UPDATE, _("An update: news from an organisation you help to run")),
        ],
        widget=forms.RadioSelect,
        initial=Kind.STORY,
    )
    title = forms.CharField(
        label=_("Title"),
        error_messages={"required": _("Enter a title.")},
        max_length=160,
        help_text=_("A short line that tells people what it is about."),
    )
    body = forms.CharField(
        label=_("Your words"),
        error_messages={"required": _("Write something before saving.")},
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("You can use Markdown: **bold**, *italic*, lists and links."),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        error_messages={
            "required": _("Choose at least one topic."),
            "invalid_choice": _("Choose topics from the list."),
        },
        queryset=Topic.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose one or more, so people who care about them can find it."),
    )
    place = PlaceChoiceField(
        label=_("Place"),
        queryset=Place.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Choose a place from the list.")},
        empty_label=_("Not about a particular place"),
        help_text=_(
            "Where this happened or applies. Choose a wider area if you'd rather not be specific."
        ),
    )
    image = forms.ImageField(
        label=_("Image (optional)"),
        required=False,
        help_text=_("JPEG, PNG, GIF or WebP, up to 5 MB. We remove location and camera details."),
    )
    image_alt = forms.CharField(
        label=_("Describe the image"),
        max_length=300,
        required=False,
        help_text=_("Needed if you add an image, for people who use screen readers."),
    )
    remove_image = forms.BooleanField(label=_("Remove the current image"), required=False)
    # Privacy by default (UK GDPR article 25): no initial value, so nothing is checked until the
    # person chooses; the form says what each choice means (IDENTITY_CONSEQUENCES). Stories,
    # ideas, resources and updates alike: any of them can carry someone's health.
    identity = forms.ChoiceField(
        label=_("How should you be shown?"),
        choices=[
            (Identity.NAMED, _("Under your display name")),
            (Identity.PSEUDONYM, _("Under a pseudonym")),
            (Identity.ANONYMOUS, _("Anonymously")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you want to be shown.")},
        help_text=_(
            "Whichever you choose, moderators can find out who wrote a post when they need to "
            "keep people safe, and every time they look it is recorded. Details you write, such as "
            "names, places or a rare condition, can still tell people who know you that it is you."
        ),
    )
    pseudonym = forms.CharField(
        label=_("Pseudonym"),
        max_length=60,
        required=False,
        help_text=_("Only if you chose a pseudonym."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Choose an organisation"),
        help_text=_("Only if you are posting for an organisation. Its name is shown, not yours."),
    )
    audience = forms.ChoiceField(
        label=_("Who can read it?"),
        choices=[
            (Audience.PUBLIC, _("Everyone")),
            (Audience.MEMBERS, _("Signed-in members only")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who can read it.")},
        help_text=_(
            "You can change this later. A published post then comes down until you confirm again."
        ),
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        user: Any = None,
        has_image: bool = False,
        oversized: Collection[str] = (),
        keep_topics: Collection[Topic | int] = (),
        keep_place: Place | int | None = None,
        **kwargs: Any,
    ) -> None:
        """`keep_topics` and `keep_place` are what the story being edited has now: they stay
        offered (and valid) even if since retired, so saving does not drop them silently."""
        super().__init__(*args, **kwargs)
        self.user = user
        self.has_image = has_image
        # File fields whose upload was over the limit and dropped on arrival (core/uploads.py).
        self.oversized = oversized
        if not has_image:
            del self.fields["remove_image"]
        if not self.is_bound and not self.initial.get("submission_key"):
            self.initial["submission_key"] = uuid.uuid4()
        self.fields["topics"].queryset = Topic.objects.for_choice(keep=keep_topics)  # type: ignore[attr-defined]
        self.fields["place"].queryset = Place.objects.for_choice(keep=[keep_place]).order_by(  # type: ignore[attr-defined]
            "path"
        )
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
                (Identity.ORGANISATION, _("For an organisation, under its name")),
            ]
        else:
            del self.fields["organisation"]
            kind = self.fields["kind"]
            kind.choices = [c for c in kind.choices if c[0] != Kind.UPDATE]  # type: ignore[attr-defined]

    def _options(self, name: str, consequences: dict[Any, Any]) -> list[tuple[BoundWidget, str]]:
        return [(radio, consequences[radio.data["value"]]) for radio in self[name]]

    @property
    def identity_options(self) -> list[tuple[BoundWidget, str]]:
        """Each way of being shown, with what it means (the share form's privacy fieldset)."""
        return self._options("identity", IDENTITY_CONSEQUENCES)

    @property
    def audience_options(self) -> list[tuple[BoundWidget, str]]:
        """Each audience, with who exactly can read it."""
        return self._options("audience", AUDIENCE_CONSEQUENCES)

    def clean_title(self) -> str:
        title = clean_text(self.cleaned_data["title"], single_line=True)
        if not title:
            raise ValidationError(gettext("Enter a title."))
        return title

    def clean_body(self) -> str:
        body = clean_text(self.cleaned_data["body"])
        if not body:
            raise ValidationError(gettext("Write something before saving."))
        if len(body) > settings.STORY_BODY_MAX_CHARS:
            raise ValidationError(
                gettext(
                    "This is %(length)s characters long; the limit is %(limit)s. "
                    "Please shorten it or split it into two posts."
                )
                % {"length": f"{len(body):,}", "limit": f"{settings.STORY_BODY_MAX_CHARS:,}"}
            )
        return body

    def clean_image(self) -> Any:
        image = self.cleaned_data.get("image")
        limit_mb = settings.STORY_IMAGE_MAX_BYTES // 1048576
        if "image" in self.oversized:
            raise ValidationError(
                gettext("This image is over %(limit)s MB; please choose one under %(limit)s MB.")
                % {"limit": limit_mb}
            )
        if image and image.size > settings.STORY_IMAGE_MAX_BYTES:
            raise ValidationError(
                gettext("This image is %(size)s MB; please choose one under %(limit)s MB.")
                % {"size": f"{image.size / 1048576:.1f}", "limit": limit_mb}
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
            self.add_error("organisation", gettext("Choose the organisation you are posting for."))
        elif data.get("kind") == Kind.UPDATE and identity and identity != Identity.ORGANISATION:
            # (With no choice at all, the field's own "choose" message says it once.)
            self.add_error(
                "identity", gettext("Updates are posted for an organisation: choose that option.")
            )
        has_image = data.get("image") or (self.has_image and not data.get("remove_image"))
        if has_image and not clean_text(data.get("image_alt", "")):
            self.add_error(
                "image_alt",
                gettext("Describe the image so people using screen readers know what it shows."),
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
    # Never ticked for the person: publishing is their explicit consent (UK GDPR article 9(2)(a)).
    consent = forms.BooleanField(
        label=_("I understand who will see this and that it may contain health information"),
        error_messages={
            "required": _("Please confirm you understand who will see this before publishing.")
        },
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=settings.COMMENT_BODY_MAX_CHARS,
    )
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].error_messages["max_length"] = gettext(
            "Comments can be up to %(limit)s characters."
        ) % {"limit": f"{settings.COMMENT_BODY_MAX_CHARS:,}"}
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())

    def clean_body(self) -> str:
        body = clean_text(self.cleaned_data["body"])
        if not body:
            raise ValidationError(gettext("Write something before posting your comment."))
        return body


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
