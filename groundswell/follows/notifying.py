"""What the follows app tells people (groundswell.notifications), connected from
FollowsConfig.ready() with one line: `notifying.connect()`.

- Someone starts following you ("new_follower"), named by their public name. Following a topic,
  a place or an organisation tells nobody.
- Someone asks to connect ("connection_request"), with a link to your connections page where the
  request waits; your request is accepted ("connection_accepted"). Declining stays quiet.
- Something new is shared in what you follow ("following_new"): when a story is published, one
  background task (notifications.fanout) tells everyone who follows its author (only when it is
  shown under the author's own name: a pseudonymous or anonymous story must never lead back to
  them), its topics, its place or a place around it, and the organisation it was posted as. Each
  person once, never the author, only while the story is published and not hidden.
- Blocks: the notifications registry's suppressor (follows.receivers) vetoes a notification between
  two people when either blocked the other; its bulk form is registered here for the fan-out. As on
  the Following page, blocks count for stories shown under the author's name: for a pseudonymous
  or anonymous one, leaving out the people the author blocked would let them work out which
  stories are the author's.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from groundswell.follows import registry as follow_registry
from groundswell.follows import signals
from groundswell.follows.models import Block, Connection, Follow
from groundswell.notifications import fanout, services
from groundswell.notifications import registry as notification_registry
from groundswell.notifications.models import EmailDelivery
from groundswell.stories import signals as story_signals
from groundswell.stories.models import Identity, Status, Story

NEW_FOLLOWER = "new_follower"
CONNECTION_REQUEST = "connection_request"
CONNECTION_ACCEPTED = "connection_accepted"
FOLLOWING_NEW = "following_new"
FANOUT_JOB = "following_new_story"
BLOCKS_SUPPRESSOR = "follows.blocks"  # the name follows.receivers registers it under


def register_types() -> None:
    notification_registry.register_type(
        NEW_FOLLOWER,
        label=_("New followers"),
        description=_("Someone starts following you."),
        default_delivery=EmailDelivery.WEEKLY,
        summary=_("{actor} started following you"),
    )
    notification_registry.register_type(
        CONNECTION_REQUEST,
        label=_("Requests to connect"),
        description=_("Someone asks to connect with you."),
        default_delivery=EmailDelivery.DAILY,
        summary=_("{actor} asked to connect"),
    )
    notification_registry.register_type(
        CONNECTION_ACCEPTED,
        label=_("Accepted connections"),
        description=_("Someone accepts your request to connect."),
        default_delivery=EmailDelivery.DAILY,
        summary=_("{actor} accepted your request to connect"),
    )
    notification_registry.register_type(
        FOLLOWING_NEW,
        label=_("New in what you follow"),
        description=_(
            "Someone you follow, or an organisation, topic or place you follow, shares something new."
        ),
        default_delivery=EmailDelivery.DAILY,
        summary=_("{actor} shared something new in what you follow"),
    )


def _profile_url(person: Any) -> str:
    return reverse("accounts:profile", args=[person.handle])


def followed(sender: Any, follow: Follow, target: Any = None, **kwargs: Any) -> None:
    """Sent after the follow is committed (signals.followed)."""
    if follow.target_kind != "person" or target is None:
        return
    follower = follow.follower
    services.notify(
        target,
        NEW_FOLLOWER,
        actor=follower,
        actor_label=follower.public_name,
        url=_profile_url(follower),
        label=follower.public_name,
        # Following, stopping and following again is one notification.
        dedupe_key=f"new_follower:{follower.pk}",
    )


def connection_requested(
    sender: Any, connection: Connection, requester: Any, recipient: Any, **kwargs: Any
) -> None:
    services.notify(
        recipient,
        CONNECTION_REQUEST,
        actor=requester,
        actor_label=requester.public_name,
        url=reverse("follows:connections"),
        # Stored with the notification, so in the language of the moment it is sent.
        label=str(_("Your connections")),
        dedupe_key=f"connection_request:{connection.pk}",
    )


def connection_accepted(
    sender: Any, connection: Connection, accepted_by: Any, requester: Any, **kwargs: Any
) -> None:
    services.notify(
        requester,
        CONNECTION_ACCEPTED,
        actor=accepted_by,
        actor_label=accepted_by.public_name,
        url=_profile_url(accepted_by),
        label=accepted_by.public_name,
        dedupe_key=f"connection_accepted:{connection.pk}",
    )


def blocked_among(*, recipient_ids: list[int], actor: Any, type_key: str) -> set[int]:
    """The bulk form of follows.receivers.suppress_when_blocked: which of these people blocked
    the actor or were blocked by them (one query)."""
    actor_id = getattr(actor, "pk", None)
    if actor_id is None or not recipient_ids:
        return set()
    rows = Block.objects.filter(
        Q(blocker_id=actor_id, blocked_id__in=recipient_ids)
        | Q(blocked_id=actor_id, blocker_id__in=recipient_ids)
    ).values_list("blocker_id", "blocked_id")
    return {blocker if blocked == actor_id else blocked for blocker, blocked in rows}


# "New in what you follow" ------------------------------------------------------------------


def story_published(sender: Any, story: Story, actor: Any = None, **kwargs: Any) -> None:
    """Sent after the story is committed and shown (stories.signals.story_published): queue the
    fan-out and return, so the person publishing never waits for it."""
    fanout.enqueue_job(FANOUT_JOB, story.pk)


def followers_of_story(story: Story) -> Q:
    """The follows that bring this story to someone (the same sources as the Following page)."""
    sources = Q(target_kind="topic", target_id__in=story.topics.values("id"))
    if story.identity == Identity.NAMED:
        sources |= Q(target_kind="person", target_id=story.author_id)
    if story.place_id is not None and story.place is not None:
        # A follow of a place covers the places within it.
        sources |= Q(target_kind="place", target_id__in=[story.place_id, *story.place.ancestor_ids])
    organisation_id = getattr(story, "organisation_id", None)
    if (
        organisation_id is not None
        and story.identity == Identity.ORGANISATION
        and "organisation" in follow_registry.kinds()
    ):
        sources |= Q(target_kind="organisation", target_id=organisation_id)
    return sources


def notify_story_followers(story_id: int) -> int:
    """The background task's work (notifications.tasks.run_fanout): returns how many people
    were told. Nothing happens when the story has since been withdrawn or hidden."""
    related = ["author", "place", "item"]
    if any(f.name == "organisation" for f in Story._meta.get_fields()):
        related.append("organisation")  # its name is the byline of a story posted as one
    story = (
        Story.objects.select_related(*related)
        .filter(pk=story_id, status=Status.PUBLISHED, is_hidden=False)
        .first()
    )
    if story is None:
        return 0
    recipient_ids = (
        Follow.objects.filter(followers_of_story(story))
        # Those who followed by the time it was published: following something later shows
        # its past posts on the Following page, not as a burst of "new" notifications.
        .filter(created_at__lte=story.published_at)
        .exclude(follower_id=story.author_id)
        .values_list("follower_id", flat=True)
        .distinct()
    )
    named = story.identity == Identity.NAMED
    return fanout.notify_many(
        list(recipient_ids),
        FOLLOWING_NEW,
        # Only a named story has a person behind it to show (and to apply blocks to).
        actor=story.author if named else None,
        actor_label=story.byline,
        target=story.item,
        dedupe_key=f"following_new:{story.item_id}",
    )


def connect() -> None:
    register_types()
    signals.followed.connect(followed, dispatch_uid="notifications_new_follower")
    signals.connection_requested.connect(
        connection_requested, dispatch_uid="notifications_connection_requested"
    )
    signals.connection_accepted.connect(
        connection_accepted, dispatch_uid="notifications_connection_accepted"
    )
    story_signals.story_published.connect(
        story_published, dispatch_uid="notifications_following_new"
    )
    fanout.register_bulk_suppressor(BLOCKS_SUPPRESSOR, blocked_among)
    fanout.register_job(FANOUT_JOB, notify_story_followers)
