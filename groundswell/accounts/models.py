from __future__ import annotations

import secrets
import string
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from groundswell.lib.text import name_key


class SiteRole(models.TextChoices):
    MEMBER = "member", _("Member")
    MODERATOR = "moderator", _("Moderator")
    ORGANISER = "organiser", _("Organiser")
    ADMIN = "admin", _("Administrator")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Signed-in members")
    ONLY_ME = "only_me", _("Only me")


class MemberRole(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    CARER = "carer", _("Carer")
    PEER_SUPPORTER = "peer_supporter", _("Peer supporter")
    PROFESSIONAL = "professional", _("Clinician or professional")
    ORGANISER = "organiser", _("Community organiser")


HANDLE_LENGTH = 12
_HANDLE_LETTERS = string.ascii_lowercase
_HANDLE_CHARACTERS = string.ascii_lowercase + string.digits


def new_handle() -> str:
    """A member's address on the site (/members/<handle>/): random, so addresses can't be guessed
    or counted. It starts with a letter so it never reads as a number (about 2**61 handles)."""
    rest = "".join(secrets.choice(_HANDLE_CHARACTERS) for _ in range(HANDLE_LENGTH - 1))
    return secrets.choice(_HANDLE_LETTERS) + rest


def public_name(user_id: int, display_name: str | None) -> str:
    """The name shown for a member (User.public_name), also for rows read without the model."""
    return display_name or f"Member {user_id}"


class User(AbstractUser):
    """A person with an account. The display name is what others see; the username is internal."""

    handle = models.CharField(
        max_length=HANDLE_LENGTH, unique=True, default=new_handle, editable=False
    )
    display_name = models.CharField(max_length=80, blank=True)
    # The display name as lib.text.name_key sees it, so "is this name too like someone's?" is one
    # indexed lookup (groundswell.accounts.names). Cut to fit an index; no real name comes near.
    display_name_key = models.CharField(max_length=255, blank=True, editable=False, db_index=True)
    site_role = models.CharField(max_length=16, choices=SiteRole.choices, default=SiteRole.MEMBER)

    class Meta:
        indexes = [models.Index(fields=["site_role"])]

    def __str__(self) -> str:
        return self.public_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The key is the display name in another form, not a side effect: deriving it here keeps
        # it right on every path that names someone (sign-up, profile, admin, the "Former
        # member" placeholder, the demo, test factories).
        self.display_name_key = name_key(self.display_name)[:255]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "display_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "display_name_key"}
        super().save(*args, **kwargs)

    @property
    def public_name(self) -> str:
        return public_name(self.pk, self.display_name)

    @property
    def is_moderator(self) -> bool:
        return self.site_role in {SiteRole.MODERATOR, SiteRole.ADMIN} or self.is_superuser

    @property
    def is_organiser(self) -> bool:
        return self.site_role in {SiteRole.ORGANISER, SiteRole.ADMIN} or self.is_superuser


class Profile(models.Model):
    """What a member says about themselves. Each field has its own visibility: signed-in members
    only unless the member opens it to everyone (what someone cares about is health data)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    pronouns = models.CharField(max_length=40, blank=True)
    pronouns_visibility = models.CharField(
        max_length=8, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    bio = models.TextField(max_length=600, blank=True)
    bio_visibility = models.CharField(
        max_length=8, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    roles = models.JSONField(default=list, blank=True)
    roles_visibility = models.CharField(
        max_length=8, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    home_place = models.ForeignKey(
        "places.Place", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    home_place_visibility = models.CharField(
        max_length=8, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    topics = models.ManyToManyField("topics.Topic", blank=True, related_name="+")
    topics_visibility = models.CharField(
        max_length=8, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    @property
    def role_labels(self) -> list[str]:
        labels = dict(MemberRole.choices)
        return [str(labels[r]) for r in self.roles if r in labels]
