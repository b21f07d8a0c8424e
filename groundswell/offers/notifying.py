"""What the offers app tells people (groundswell.notifications). Registered from
OffersConfig.ready(); the services call these after their transaction commits.

- Someone said "I can help" with your need, or is interested in your offer ("offer_response").
- The person you helped marked it done and thanked you ("offer_thanks").
- New suggested matches for what you posted ("offer_match"), once per post, and to the other
  side once per pair.
- A need near you (or on a topic your organisation works on) has waited a while for help
  ("need_waiting"): organisers and organisations' admins.
- An offer or need you follow (follows registry "offer") was matched ("offer_followed_matched")
  or done ("offer_followed_done"): one background fan-out (notifications.fanout) after the
  change commits; never the poster, nor the helper already thanked.

Every notification points at the post's content item, so its title is shown only while the
reader may see it; blocks veto through the notifications registry's suppressors.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from groundswell.follows.models import Follow
from groundswell.notifications import fanout, registry, services
from groundswell.notifications.models import EmailDelivery
from groundswell.offers.models import Match, Offer, Response, Status

OFFER_RESPONSE = "offer_response"
OFFER_THANKS = "offer_thanks"
OFFER_MATCH = "offer_match"
NEED_WAITING = "need_waiting"
FOLLOWED_MATCHED = "offer_followed_matched"
FOLLOWED_DONE = "offer_followed_done"
FOLLOWERS_JOB = "offers_status_followers"
# Each new post tells at most this many people on the other side of its best matches.
MATCHES_TOLD = 3


def register_types() -> None:
    registry.register_type(
        OFFER_RESPONSE,
        label=_("Replies to your offers and needs"),
        description=_("Someone offers help with your need, or is interested in your offer."),
        default_delivery=EmailDelivery.IMMEDIATE,
        summary=_("{actor} replied to what you posted in offers and needs"),
    )
    registry.register_type(
        OFFER_THANKS,
        label=_("Thanks for your help"),
        description=_("Someone you helped marks their need done and thanks you."),
        default_delivery=EmailDelivery.DAILY,
        summary=_("{actor} thanked you for your help"),
    )
    registry.register_type(
        OFFER_MATCH,
        label=_("Suggested matches"),
        description=_("We find offers that may fit your need, or needs your offer may fit."),
        default_delivery=EmailDelivery.DAILY,
        summary=_("There may be a match for what you posted"),
    )
    registry.register_type(
        NEED_WAITING,
        label=_("Needs waiting for help"),
        description=_(
            "A need in a place you look after, or on a topic your organisation works on, has "
            "waited a while with nobody offering help."
        ),
        default_delivery=EmailDelivery.DAILY,
        summary=_("A need is waiting for help"),
    )
    registry.register_type(
        FOLLOWED_MATCHED,
        label=_("Offers and needs you follow: matched"),
        description=_("An offer or need you follow has found someone."),
        default_delivery=EmailDelivery.DAILY,
        summary=_("{actor} found a match for an offer or need you follow"),
    )
    registry.register_type(
        FOLLOWED_DONE,
        label=_("Offers and needs you follow: done"),
        description=_("An offer or need you follow is marked done."),
        default_delivery=EmailDelivery.DAILY,
        summary=_("{actor} marked an offer or need you follow as done"),
    )
    fanout.register_job(FOLLOWERS_JOB, notify_followers)


def response_created(response_id: int) -> None:
    response = (
        Response.objects.select_related("post", "post__author", "helper")
        .filter(pk=response_id)
        .first()
    )
    if response is None:
        return
    services.notify(
        response.post.author,
        OFFER_RESPONSE,
        actor=response.helper,
        actor_label=response.helper.public_name,
        target=response.post.item,
        dedupe_key=f"offer-response:{response.pk}",
    )


def post_done(post_id: int) -> None:
    post = (
        Offer.objects.select_related("matched_response__helper", "author", "organisation")
        .filter(pk=post_id)
        .first()
    )
    if post is None or post.matched_response is None or not post.thanks:
        return
    services.notify(
        post.matched_response.helper,
        OFFER_THANKS,
        actor=post.author,
        actor_label=post.byline,
        target=post.item,
        dedupe_key=f"offer-thanks:{post.pk}",
    )


def matches_found(post_id: int, new: list[Match]) -> None:
    """After matching: the post's author once, and the authors of the best new counterparts."""
    post = Offer.objects.filter(pk=post_id).select_related("author").first()
    if post is None or not new:
        return
    services.notify(post.author, OFFER_MATCH, target=post.item, dedupe_key=f"offer-match:{post.pk}")
    others = [m.offer_id if post.is_need else m.need_id for m in new][:MATCHES_TOLD]
    for other in Offer.objects.filter(pk__in=others).select_related("author"):
        services.notify(
            other.author,
            OFFER_MATCH,
            actor=post.author,
            target=other.item,
            dedupe_key=f"offer-match:{other.pk}:{post.pk}",
        )


def need_surfaced(person: Any, need: Offer) -> bool:
    return (
        services.notify(
            person, NEED_WAITING, target=need.item, dedupe_key=f"need-waiting:{need.pk}"
        )
        is not None
    )


def status_changed(post_id: int) -> None:
    """Queued on commit by the services that mark a post matched or done: the fan-out runs in
    the background, so the poster never waits for it."""
    fanout.enqueue_job(FOLLOWERS_JOB, post_id)


def notify_followers(post_id: int) -> int:
    """The fan-out job: tell the post's followers its status as it is now (matched or done).
    Returns how many were told. A hidden or withdrawn post, or one back to open, tells nobody.
    One notification per person and status, however often it runs; blocks between a follower
    and the poster veto it (the notifications suppressors)."""
    post = (
        Offer.objects.select_related("author", "organisation", "item", "matched_response")
        .filter(pk=post_id, is_hidden=False, status__in=[Status.MATCHED, Status.DONE])
        .first()
    )
    if post is None:
        return 0
    followers = Follow.objects.filter(target_kind="offer", target_id=post.pk).exclude(
        follower_id=post.author_id
    )
    if post.status == Status.DONE and post.thanks and post.matched_response is not None:
        # They were thanked in person (OFFER_THANKS): once is enough.
        followers = followers.exclude(follower_id=post.matched_response.helper_id)
    done = post.status == Status.DONE
    return fanout.notify_many(
        list(followers.values_list("follower_id", flat=True)),
        FOLLOWED_DONE if done else FOLLOWED_MATCHED,
        actor=post.author,
        actor_label=post.byline,
        target=post.item,
        dedupe_key=f"offer-followed:{post.pk}:{post.status}",
    )
