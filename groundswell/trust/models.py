from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class TrustLevel(models.IntegerChoices):
    NEW = 0, _("New member")
    BASIC = 1, _("Basic member")
    MEMBER = 2, _("Member")
    TRUSTED = 3, _("Trusted member")


class TrustProfile(models.Model):
    """How far the community trusts an account, and why. One row per person, made on first need.

    `level` is worked out by `services.trust_recalculate` from the numbers kept beside it, unless a
    moderator set it and locked it. Professional verification lives here too: it is a moderator's
    statement about the person, not something they can edit on their own profile.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="trust"
    )
    level = models.PositiveSmallIntegerField(choices=TrustLevel.choices, default=TrustLevel.NEW)
    level_locked_by_moderator = models.BooleanField(default=False)
    level_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    level_set_at = models.DateTimeField(null=True, blank=True)

    # The numbers behind the last automatic calculation, shown to moderators.
    has_verified_email = models.BooleanField(default=False)
    posts_count = models.PositiveIntegerField(default=0)
    reactions_received = models.PositiveIntegerField(default=0)
    problems_count = models.PositiveIntegerField(
        default=0, help_text=_("Upheld reports and posts hidden by a moderator, recently.")
    )
    recalculated_at = models.DateTimeField(null=True, blank=True)

    professional_title = models.CharField(max_length=80, blank=True)
    professional_verified_at = models.DateTimeField(null=True, blank=True)
    professional_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept so the badge still says who verified if that moderator's account is later deleted.
    professional_verified_by_name = models.CharField(max_length=80, blank=True)
    professional_evidence = models.TextField(
        max_length=500,
        blank=True,
        help_text=_("How the moderator checked. Only moderators see this."),
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=0, level__lte=3), name="trust_level_range"
            ),
            models.CheckConstraint(
                condition=Q(professional_verified_at__isnull=True) | ~Q(professional_title=""),
                name="trust_professional_needs_title",
            ),
        ]
        indexes = [models.Index(fields=["level"], name="trust_level_idx")]

    def __str__(self) -> str:
        return f"Trust for {self.user_id}: level {self.level}"

    @property
    def is_verified_professional(self) -> bool:
        return self.professional_verified_at is not None

    @property
    def verifier_name(self) -> str:
        verifier = self.professional_verified_by
        return verifier.public_name if verifier is not None else self.professional_verified_by_name
