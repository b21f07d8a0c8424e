"""Introductions: a member introduces two people they know, or a person and an organisation.

Each side answers for itself (an organisation's owners and admins answer for it). Only when both
accept are they connected. A side's own answer is shown to that side alone: the introducer and
the other side only ever see the introduction's status, so a decline never says who declined.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

NOTE_MAX_CHARS = 2000
SIDE_NOTE_MAX_CHARS = 500


class IntroductionKind(models.TextChoices):
    PEOPLE = "people", _("Two people")
    ORGANISATION = "organisation", _("A person and an organisation")


class Answer(models.TextChoices):
    PENDING = "pending", _("Not answered yet")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class IntroductionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for answers")
    CONNECTED = "connected", _("Went ahead")
    # Said the same way whoever declined, and when a side's account closed.
    DECLINED = "declined", _("Won't go ahead")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class IntroductionQuerySet(models.QuerySet["Introduction"]):
    def visible_to(self, user: Any) -> IntroductionQuerySet:
        """THE rule: an introduction is seen by its introducer and its two sides (for an
        organisation, its owners and admins while it is active), and by nobody else."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        from groundswell.organisations.models import (
            MANAGING_ROLES,
            Membership,
            OrganisationStatus,
        )

        managed = Membership.objects.filter(
            user=user,
            role__in=MANAGING_ROLES,
            organisation__status=OrganisationStatus.ACTIVE,
        ).values("organisation_id")
        return self.filter(
            Q(introducer=user)
            | Q(person_a=user)
            | Q(person_b=user)
            | Q(organisation_id__in=managed)
        )

    def pending(self) -> IntroductionQuerySet:
        return self.filter(status=IntroductionStatus.PENDING)


class Introduction(models.Model):
    """Side A is always a person; side B is a person (kind "people") or an organisation.
    For two people, person_a has the lower id, so a pair is stored one way."""

    kind = models.CharField(max_length=16, choices=IntroductionKind.choices)
    # Null once the account is erased (receivers: pending introductions close first).
    introducer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="introductions_made",
    )
    person_a = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    person_b = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="introductions",
    )
    # The introducer's words, to both sides.
    note = models.TextField(max_length=NOTE_MAX_CHARS)
    # A word for one side only, never shown to the other.
    note_a = models.TextField(max_length=SIDE_NOTE_MAX_CHARS, blank=True)
    note_b = models.TextField(max_length=SIDE_NOTE_MAX_CHARS, blank=True)
    answer_a = models.CharField(max_length=10, choices=Answer.choices, default=Answer.PENDING)
    answered_a_at = models.DateTimeField(null=True, blank=True)
    answer_b = models.CharField(max_length=10, choices=Answer.choices, default=Answer.PENDING)
    answered_b_at = models.DateTimeField(null=True, blank=True)
    # Who answered for the organisation (one of its owners or admins).
    answered_b_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=IntroductionStatus.choices, default=IntroductionStatus.PENDING
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    # The conversation started when both accepted (between the two people, or the person and
    # the organisation's inbox).
    conversation = models.ForeignKey(
        "messaging.Conversation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submission_key = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = IntroductionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["introducer", "submission_key"],
                condition=Q(submission_key__isnull=False),
                name="introductions_submitted_once",
            ),
            # One introduction of the same two by the same introducer waits at a time.
            models.UniqueConstraint(
                fields=["introducer", "person_a", "person_b"],
                condition=Q(status="pending", kind="people"),
                name="introductions_people_pending_once",
            ),
            models.UniqueConstraint(
                fields=["introducer", "person_a", "organisation"],
                condition=Q(status="pending", kind="organisation"),
                name="introductions_org_pending_once",
            ),
            models.CheckConstraint(
                condition=Q(kind="people", organisation__isnull=True)
                | Q(kind="organisation", person_b__isnull=True),
                name="introductions_side_b_matches_kind",
            ),
            models.CheckConstraint(
                condition=Q(person_a__isnull=True)
                | Q(person_b__isnull=True)
                | Q(person_a__lt=F("person_b")),
                name="introductions_people_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["person_a", "-created_at"], name="introductions_a_idx"),
            models.Index(fields=["person_b", "-created_at"], name="introductions_b_idx"),
            models.Index(fields=["organisation", "-created_at"], name="introductions_org_idx"),
        ]

    def __str__(self) -> str:
        return f"Introduction {self.pk} ({self.status})"

    @property
    def is_pending(self) -> bool:
        return self.status == IntroductionStatus.PENDING

    @property
    def is_to_organisation(self) -> bool:
        return self.kind == IntroductionKind.ORGANISATION
