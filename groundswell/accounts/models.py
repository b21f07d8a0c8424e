from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class SiteRole(models.TextChoices):
    MEMBER = "member", "Member"
    MODERATOR = "moderator", "Moderator"
    ORGANISER = "organiser", "Organiser"
    ADMIN = "admin", "Administrator"


class Visibility(models.TextChoices):
    PUBLIC = "public", "Everyone"
    MEMBERS = "members", "Signed-in members"
    ONLY_ME = "only_me", "Only me"


class MemberRole(models.TextChoices):
    CITIZEN = "citizen", "Citizen"
    CARER = "carer", "Carer"
    PEER_SUPPORTER = "peer_supporter", "Peer supporter"
    PROFESSIONAL = "professional", "Clinician or professional"
    ORGANISER = "organiser", "Community organiser"


def public_name(user_id: int, display_name: str | None) -> str:
    """The name shown for a member (User.public_name), also for rows read without the model."""
    return display_name or f"Member {user_id}"


class User(AbstractUser):
    """A person with an account. The display name is what others see; the username is internal."""

    display_name = models.CharField(max_length=80, blank=True)
    site_role = models.CharField(max_length=16, choices=SiteRole.choices, default=SiteRole.MEMBER)

    class Meta:
        indexes = [models.Index(fields=["site_role"])]

    def __str__(self) -> str:
        return self.public_name

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
    """What a member says about themselves. Each field has its own visibility."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    pronouns = models.CharField(max_length=40, blank=True)
    pronouns_visibility = models.CharField(
        max_length=8, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    bio = models.TextField(max_length=600, blank=True)
    bio_visibility = models.CharField(
        max_length=8, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    roles = models.JSONField(default=list, blank=True)
    roles_visibility = models.CharField(
        max_length=8, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    home_place = models.ForeignKey(
        "places.Place", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    home_place_visibility = models.CharField(
        max_length=8, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    topics = models.ManyToManyField("topics.Topic", blank=True, related_name="+")
    topics_visibility = models.CharField(
        max_length=8, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Profile of {self.user}"

    @property
    def role_labels(self) -> list[str]:
        labels = dict(MemberRole.choices)
        return [str(labels[r]) for r in self.roles if r in labels]
