"""Follows (of any registered kind), mutual connections, blocks, and each person's choices."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class WhoCanFollow(models.TextChoices):
    MEMBERS = "members", _("Any signed-in member")
    CONNECTIONS = "connections", _("Only my connections")
    NOBODY = "nobody", _("Nobody")


class WhoCanSee(models.TextChoices):
    ONLY_ME = "only_me", _("Only me")
    CONNECTIONS = "connections", _("My connections")
    MEMBERS = "members", _("Any signed-in member")


class NetworkSettings(models.Model):
    """A person's choices about following and connections. No row means the defaults."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="network_settings",
    )
    who_can_follow = models.CharField(
        max_length=12, choices=WhoCanFollow.choices, default=WhoCanFollow.MEMBERS
    )
    # Who sees the person's connections and how many people follow them. Who the followers
    # are is only ever shown to the person.
    connections_visible_to = models.CharField(
        max_length=12, choices=WhoCanSee.choices, default=WhoCanSee.ONLY_ME
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Network settings of {self.user_id}"


class Follow(models.Model):
    """`follower` follows one thing of a registered kind (follows.registry): the kind's key and
    the thing's id. Rows go when the thing is deleted (the registry connects post_delete)."""

    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followings"
    )
    target_kind = models.CharField(max_length=20)
    target_id = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # Also the index the Following feed reads its sources from (follower, kind).
            models.UniqueConstraint(
                fields=["follower", "target_kind", "target_id"], name="follows_follow_once"
            ),
        ]
        indexes = [models.Index(fields=["target_kind", "target_id"], name="follows_target_idx")]

    def __str__(self) -> str:
        return f"{self.follower_id} follows {self.target_kind} {self.target_id}"


class ConnectionStatus(models.TextChoices):
    PENDING = "pending", _("Requested")
    ACCEPTED = "accepted", _("Connected")


class Connection(models.Model):
    """One row per pair of people, stored with the lower id first so a pair can't have two rows:
    a request (pending, from `requested_by`) or an accepted connection. Declining, withdrawing
    and removing delete the row."""

    user_low = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    user_high = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=ConnectionStatus.choices, default=ConnectionStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user_low", "user_high"], name="follows_one_connection"
            ),
            models.CheckConstraint(
                condition=Q(user_low__lt=F("user_high")), name="follows_connection_ordered"
            ),
            models.CheckConstraint(
                condition=Q(requested_by=F("user_low")) | Q(requested_by=F("user_high")),
                name="follows_connection_requester_in_pair",
            ),
        ]
        indexes = [models.Index(fields=["user_high", "status"], name="follows_connection_high_idx")]

    def __str__(self) -> str:
        return f"{self.user_low_id} ~ {self.user_high_id} ({self.status})"

    def other(self, user_id: int) -> int:
        return self.user_high_id if user_id == self.user_low_id else self.user_low_id


class Block(models.Model):
    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="follows_block_once"),
            models.CheckConstraint(
                condition=~Q(blocker=F("blocked")), name="follows_no_self_block"
            ),
        ]
        indexes = [models.Index(fields=["blocked", "blocker"], name="follows_blocked_idx")]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"
