"""Organisations (community groups, charities, care homes, GP practices, NHS trusts, councils...)
and the people who act for them: memberships with a role, join requests and email invitations.

Who may act for an organisation is decided in one place, `organisations.permissions`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from groundswell.places.models import Place


class OrganisationKind(models.TextChoices):
    COMMUNITY_GROUP = "community_group", _("Community group")
    CHARITY = "charity", _("Charity")
    CARE_HOME = "care_home", _("Care home")
    GP_PRACTICE = "gp_practice", _("GP practice")
    NHS_TRUST = "nhs_trust", _("NHS trust or health board")
    COUNCIL = "council", _("Council")
    SOCIAL_PRESCRIBING = "social_prescribing", _("Social prescribing service")
    FAITH_GROUP = "faith_group", _("Faith group")
    LOCAL_BUSINESS = "local_business", _("Local business")
    OTHER = "other", _("Other")


class OrganisationStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    # Nobody is left to run it (its last owner and admins left or were erased): off the list,
    # its page gone, its rows kept so a moderator can bring it back.
    ARCHIVED = "archived", _("Archived")


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    ADMIN = "admin", _("Admin")
    MEMBER = "member", _("Member")


MANAGING_ROLES = (Role.OWNER, Role.ADMIN)


class OrganisationQuerySet(QuerySet["Organisation"]):
    def listed(self) -> OrganisationQuerySet:
        return self.filter(status=OrganisationStatus.ACTIVE)

    def serving(self, place: Place) -> OrganisationQuerySet:
        """Organisations serving this place: a place inside it (a Leeds group is "in" Yorkshire)
        or a wider place that contains it (a Yorkshire charity serves Leeds)."""
        return self.filter(
            Q(places__path__startswith=place.path) | Q(places__id__in=place.ancestor_ids)
        ).distinct()

    def named_like(self, words: str) -> OrganisationQuerySet:
        return self.filter(name__icontains=words)


class Organisation(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    kind = models.CharField(max_length=24, choices=OrganisationKind.choices)
    description = models.TextField(max_length=4000)
    places = models.ManyToManyField("places.Place", blank=True, related_name="+")
    # The topics it works on: needs about them that wait for help are shown to its admins
    # (offers.services.needs_surface_unanswered).
    topics = models.ManyToManyField("topics.Topic", blank=True, related_name="+")
    # The organisation's own contact details, never a member's (the form says so).
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(max_length=300, blank=True)
    accessibility = models.TextField(max_length=2000, blank=True)
    logo = models.ImageField(upload_to="organisations/%Y/%m/", blank=True)
    logo_alt = models.CharField(max_length=300, blank=True)
    members_may_post = models.BooleanField(
        default=False,
        help_text=_("Whether members without the admin role may post as the organisation."),
    )
    status = models.CharField(
        max_length=12, choices=OrganisationStatus.choices, default=OrganisationStatus.ACTIVE
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept if the moderator's account is later deleted, so the badge still says who checked.
    verified_by_name = models.CharField(max_length=80, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submission_key = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["created_by", "submission_key"], name="organisation_one_per_submission"
            ),
            models.CheckConstraint(
                condition=Q(logo="") | ~Q(logo_alt=""), name="organisation_logo_has_alt_text"
            ),
        ]
        indexes = [models.Index(fields=["status", "kind"], name="organisation_status_kind")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def is_active(self) -> bool:
        return self.status == OrganisationStatus.ACTIVE


class Membership(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_memberships"
    )
    role = models.CharField(max_length=8, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_once"),
            # One owner at most; the services make sure there is always one.
            models.UniqueConstraint(
                fields=["organisation"], condition=Q(role="owner"), name="membership_one_owner"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role}) in {self.organisation}"

    @property
    def can_manage(self) -> bool:
        return self.role in MANAGING_ROLES


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class JoinRequest(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="join_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_requests"
    )
    message = models.TextField(max_length=500, blank=True)
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=Q(status="pending"),
                name="join_request_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} asks to join {self.organisation} ({self.status})"


class Invitation(models.Model):
    """An admin invites an email address. The link carries a signed, expiring token naming this
    row and its nonce; accepting marks it used, so the link works once."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    role = models.CharField(
        max_length=8,
        choices=[(Role.ADMIN, _("Admin")), (Role.MEMBER, _("Member"))],
        default=Role.MEMBER,
    )
    nonce = models.CharField(max_length=32, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Invitation to {self.organisation} for {self.email}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None
