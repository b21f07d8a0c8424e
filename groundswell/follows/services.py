"""Every write: follows, connections, blocks and settings. Each runs in a transaction, is safe
to repeat (a double submit makes one row) and sends its signal after commit."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from groundswell.accounts.models import User
from groundswell.follows import permissions, registry, selectors, signals
from groundswell.follows.models import (
    Block,
    Connection,
    ConnectionStatus,
    Follow,
    NetworkSettings,
)

PERSON = "person"


class NotAllowed(PermissionDenied):
    """The action is refused (a block, the person's choice); the message is for the member."""


def _check_can_follow(follower: User, entry: registry.Followable, target: Any) -> None:
    if entry.key == PERSON:
        if not permissions.can_follow_person(follower, target):
            raise NotAllowed(_("You can't follow this person."))
    elif entry.can_follow is not None and not entry.can_follow(follower, target):
        raise NotAllowed(_("You can't follow this %(kind)s.") % {"kind": entry.label})


@transaction.atomic
def follow_create(*, follower: User, kind: str, target: Any) -> Follow:
    """Follow `target` of the registered `kind`. Following again returns the existing row."""
    entry = registry.get(kind)
    existing = Follow.objects.filter(
        follower=follower, target_kind=kind, target_id=target.pk
    ).first()
    if existing is not None:
        return existing
    _check_can_follow(follower, entry, target)
    try:
        with transaction.atomic():
            follow = Follow.objects.create(follower=follower, target_kind=kind, target_id=target.pk)
    except IntegrityError:  # the same request twice at once: one row
        return Follow.objects.get(follower=follower, target_kind=kind, target_id=target.pk)
    transaction.on_commit(
        lambda: signals.followed.send(sender=Follow, follow=follow, target=target)
    )
    return follow


@transaction.atomic
def follow_delete(*, follower: User, kind: str, target_id: int) -> bool:
    """Stop following; harmless when not following."""
    registry.get(kind)
    deleted, _ = Follow.objects.filter(
        follower=follower, target_kind=kind, target_id=target_id
    ).delete()
    return bool(deleted)


@transaction.atomic
def follower_remove(*, user: User, follower: User) -> bool:
    """The person stops `follower` following them (without blocking)."""
    deleted, _ = Follow.objects.filter(
        follower=follower, target_kind=PERSON, target_id=user.pk
    ).delete()
    return bool(deleted)


def _pair(a: User, b: User) -> tuple[int, int]:
    return (a.pk, b.pk) if a.pk < b.pk else (b.pk, a.pk)


@transaction.atomic
def connection_request(*, sender: User, recipient: User) -> Connection:
    """Ask to connect. Asking twice keeps the one request; asking someone who already asked
    you accepts theirs (the connection is mutual either way)."""
    if not permissions.can_request_connection(sender, recipient):
        raise NotAllowed(_("You can't connect with this person."))
    low, high = _pair(sender, recipient)
    existing = (
        Connection.objects.select_for_update().filter(user_low_id=low, user_high_id=high).first()
    )
    if existing is not None:
        if existing.status == ConnectionStatus.PENDING and existing.requested_by_id != sender.pk:
            return connection_accept(user=sender, other=recipient)
        return existing
    try:
        with transaction.atomic():
            conn = Connection.objects.create(
                user_low_id=low, user_high_id=high, requested_by=sender
            )
    except IntegrityError:
        return Connection.objects.get(user_low_id=low, user_high_id=high)
    transaction.on_commit(
        lambda: signals.connection_requested.send(
            sender=Connection, connection=conn, requester=sender, recipient=recipient
        )
    )
    return conn


def _pending_from(requester: User, recipient: User) -> Connection | None:
    low, high = _pair(requester, recipient)
    return (
        Connection.objects.select_for_update()
        .filter(
            user_low_id=low,
            user_high_id=high,
            status=ConnectionStatus.PENDING,
            requested_by=requester,
        )
        .first()
    )


@transaction.atomic
def connection_accept(*, user: User, other: User) -> Connection:
    """Accept `other`'s request. Accepting twice is harmless; with no request, NotAllowed."""
    existing = selectors.connection_between(user, other)
    if existing is not None and existing.status == ConnectionStatus.ACCEPTED:
        return existing
    conn = _pending_from(other, user)
    if conn is None:
        raise NotAllowed(_("There is no request from this person to accept."))
    if selectors.is_blocked(user, other):
        conn.delete()
        raise NotAllowed(_("You can't connect with this person."))
    conn.status = ConnectionStatus.ACCEPTED
    conn.accepted_at = timezone.now()
    conn.save(update_fields=["status", "accepted_at"])
    transaction.on_commit(
        lambda: signals.connection_accepted.send(
            sender=Connection, connection=conn, accepted_by=user, requester=other
        )
    )
    return conn


@transaction.atomic
def connection_decline(*, user: User, other: User) -> bool:
    """Decline `other`'s request. It goes quietly: they are not told (no notice, no signal),
    and may ask again later."""
    conn = _pending_from(other, user)
    if conn is None:
        return False
    conn.delete()
    return True


@transaction.atomic
def connection_withdraw(*, user: User, other: User) -> bool:
    """Withdraw your own request to `other`."""
    conn = _pending_from(user, other)
    if conn is None:
        return False
    conn.delete()
    return True


@transaction.atomic
def connection_remove(*, user: User, other: User) -> bool:
    """End an accepted connection (either person may)."""
    low, high = _pair(user, other)
    deleted, _ = Connection.objects.filter(
        user_low_id=low, user_high_id=high, status=ConnectionStatus.ACCEPTED
    ).delete()
    return bool(deleted)


@transaction.atomic
def connection_make(*, user: User, other: User) -> Connection:
    """Connect two people who have both agreed elsewhere (an introduction both accepted): an
    accepted connection at once, or a waiting request between them accepted. Nobody is told
    here (the caller tells them) and no signal is sent: neither asked the other. NotAllowed
    when either blocked the other."""
    if user.pk == other.pk:
        raise NotAllowed(_("You can't connect with yourself."))
    if selectors.is_blocked(user, other):
        raise NotAllowed(_("You can't connect with this person."))
    low, high = _pair(user, other)
    existing = (
        Connection.objects.select_for_update().filter(user_low_id=low, user_high_id=high).first()
    )
    now = timezone.now()
    if existing is not None:
        if existing.status != ConnectionStatus.ACCEPTED:
            existing.status = ConnectionStatus.ACCEPTED
            existing.accepted_at = now
            existing.save(update_fields=["status", "accepted_at"])
        return existing
    try:
        with transaction.atomic():
            return Connection.objects.create(
                user_low_id=low,
                user_high_id=high,
                requested_by=user,
                status=ConnectionStatus.ACCEPTED,
                accepted_at=now,
            )
    except IntegrityError:  # made at the same moment by another request
        return Connection.objects.get(user_low_id=low, user_high_id=high)


@transaction.atomic
def block_create(*, blocker: User, blocked: User) -> Block:
    """Block someone: their follows of you and yours of them go, and so does any connection or
    request between you. Blocking twice keeps one row. Nobody is told."""
    if blocker.pk == blocked.pk:
        raise NotAllowed(_("You can't block yourself."))
    Follow.objects.filter(
        Q(follower=blocker, target_kind=PERSON, target_id=blocked.pk)
        | Q(follower=blocked, target_kind=PERSON, target_id=blocker.pk)
    ).delete()
    low, high = _pair(blocker, blocked)
    Connection.objects.filter(user_low_id=low, user_high_id=high).delete()
    try:
        with transaction.atomic():
            block, created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    except IntegrityError:
        return Block.objects.get(blocker=blocker, blocked=blocked)
    if created:
        transaction.on_commit(
            lambda: signals.blocked.send(sender=Block, blocker=blocker, blocked=blocked)
        )
    return block


@transaction.atomic
def block_delete(*, blocker: User, blocked: User) -> bool:
    """Unblock. Follows and connections that went with the block do not come back."""
    deleted, _ = Block.objects.filter(blocker=blocker, blocked=blocked).delete()
    return bool(deleted)


@transaction.atomic
def network_settings_update(
    *, user: User, who_can_follow: str, connections_visible_to: str
) -> NetworkSettings:
    """Save the person's choices. Narrowing who can follow does not remove people who already
    follow (they can be removed one by one), as on Mastodon."""
    found, _ = NetworkSettings.objects.update_or_create(
        user=user,
        defaults={
            "who_can_follow": who_can_follow,
            "connections_visible_to": connections_visible_to,
        },
    )
    return found
