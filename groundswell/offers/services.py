"""Every write to offers and needs: posting, editing, withdrawing, "I can help", choosing the
match, marking done with thanks, the helper showing the thanks, and the unanswered-needs job.

Each runs in a transaction; search indexing, matching, safeguarding checks and notifications are
queued with `transaction.on_commit`, so a rolled-back write tells nobody.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from groundswell.core.ratelimit import check_rate
from groundswell.lib.text import clean_text
from groundswell.messaging import services as messaging
from groundswell.moderation import services as moderation_services
from groundswell.offers import notifying, permissions
from groundswell.offers.models import (
    ALL_DAYS,
    ALL_TIMES,
    TRAVEL_KM_MAX,
    Audience,
    Category,
    Offer,
    Reach,
    Response,
    Side,
    Status,
)
from groundswell.organisations.models import MANAGING_ROLES, Membership, Organisation
from groundswell.places.models import OrganiserPlace, Place

if TYPE_CHECKING:
    from groundswell.accounts.models import User
    from groundswell.topics.models import Topic

CREATE_LIMIT = (20, 24 * 3600)  # new offers and needs per person per day
RESPONSE_LIMIT = (30, 24 * 3600)  # "I can help" per person per day
MAX_TOPICS = 5


@dataclass(frozen=True)
class OfferInput:
    side: str
    category: str
    title: str
    body: str
    place: Place
    topics: Sequence[Topic] = ()
    days: int = 0
    times: int = 0
    reach: str = Reach.IN_PERSON
    travel_km: int | None = 0
    audience: str = Audience.MEMBERS
    organisation: Organisation | None = None


def _validate(data: OfferInput) -> OfferInput:
    """Plain-words errors per field; returns the input cleaned."""
    errors: dict[str, str] = {}
    title = clean_text(data.title or "", single_line=True)
    body = clean_text(data.body or "")
    if data.side not in Side.values:
        errors["side"] = _("Choose whether you are offering something or looking for it.")
    if data.category not in Category.values:
        errors["category"] = _("Choose what kind of help it is.")
    if not title:
        errors["title"] = _("Give it a short title.")
    elif len(title) > 120:
        errors["title"] = _("Keep the title to 120 characters or fewer.")
    if not body:
        errors["body"] = _("Say a little more: what, when, and anything people should know.")
    elif len(body) > 2000:
        errors["body"] = _("Keep it to 2,000 characters or fewer.")
    if len(data.topics) > MAX_TOPICS:
        errors["topics"] = _("Choose up to %(n)s topics.") % {"n": MAX_TOPICS}
    if data.place is None:
        errors["place"] = _("Choose the place it is in or near.")
    if not 0 <= data.days <= ALL_DAYS:
        errors["days"] = _("Choose days of the week, or none for any day.")
    if not 0 <= data.times <= ALL_TIMES:
        errors["times"] = _("Choose times of day, or none for any time.")
    travel_km = data.travel_km
    if data.reach not in Reach.values:
        errors["reach"] = _("Choose how it can be given: in person, online or by phone.")
    elif data.reach == Reach.ONLINE:
        travel_km = None
    elif travel_km is None:
        errors["travel_km"] = _("Say how far you can travel, in kilometres (0 for nearby only).")
    elif not 0 <= travel_km <= TRAVEL_KM_MAX:
        errors["travel_km"] = _("Enter a distance from 0 to %(max)s kilometres.") % {
            "max": TRAVEL_KM_MAX
        }
    if data.audience not in Audience.values:
        errors["audience"] = _("Choose who can see it.")
    if errors:
        raise ValidationError(errors)
    return OfferInput(
        side=data.side,
        category=data.category,
        title=title,
        body=body,
        place=data.place,
        topics=list(data.topics),
        days=data.days,
        times=data.times,
        reach=data.reach,
        travel_km=travel_km,
        audience=data.audience,
        organisation=data.organisation,
    )


def _check_poster(author: User, organisation: Organisation | None) -> None:
    if organisation is not None and not permissions.can_post_as(author, organisation):
        raise ValidationError(
            {"organisation": _("You can't post as %(name)s.") % {"name": organisation.name}}
        )
    refusal = permissions.contact_refusal(author=author, organisation=organisation)
    if refusal is not None:
        raise ValidationError({"organisation" if organisation is not None else "__all__": refusal})


def _apply(post: Offer, data: OfferInput) -> None:
    post.side = data.side
    post.category = data.category
    post.title = data.title
    post.body = data.body
    post.place = data.place
    post.days = data.days
    post.times = data.times
    post.reach = data.reach
    post.travel_km = data.travel_km
    post.audience = data.audience
    post.organisation = data.organisation


def _after_publish(post: Offer, *, previous_text: str | None = None) -> None:
    """Queued on commit: search, matching, the safeguarding check."""
    from groundswell.offers import searching, tasks
    from groundswell.safeguarding import services as safeguarding

    pk = post.pk

    def run() -> None:
        searching.index_offer(pk)
        tasks.refresh_matches.enqueue(pk)
        fresh = Offer.objects.filter(pk=pk).first()
        if fresh is None:
            return
        if previous_text is None:
            safeguarding.content_published(content=fresh)
        else:
            safeguarding.content_edited(content=fresh, previous_text=previous_text)

    transaction.on_commit(run)


@transaction.atomic
def offer_create(
    *,
    author: User,
    data: OfferInput,
    submission_key: uuid.UUID | None = None,
    check_limit: bool = True,
) -> Offer:
    """Post an offer or a need. A repeated submission key returns the first post (double
    submit). Raises ValidationError (per field) for bad input or when nobody could be reached
    about it, RateLimited past CREATE_LIMIT (unless check_limit is False: the demo loader)."""
    if submission_key is not None:
        existing = Offer.objects.filter(author=author, submission_key=submission_key).first()
        if existing is not None:
            return existing
    data = _validate(data)
    _check_poster(author, data.organisation)
    if check_limit:
        check_rate(f"offer-create:user:{author.pk}", *CREATE_LIMIT)
    post = Offer(author=author, submission_key=submission_key)
    _apply(post, data)
    try:
        with transaction.atomic():
            post.save()
    except IntegrityError:
        # The same submission twice at once: the other request won.
        return Offer.objects.get(author=author, submission_key=submission_key)
    post.topics.set(list(data.topics))
    # A new member's post in a pre-moderated place or topic waits for a moderator.
    moderation_services.premoderation_hold(
        item=post, author=author, place=post.place, topic_ids=[t.pk for t in data.topics]
    )
    _after_publish(post)
    return post


@transaction.atomic
def offer_update(*, post: Offer, actor: User, data: OfferInput) -> Offer:
    """Change a post while it is open or matched; the side stays as it was posted."""
    if not permissions.can_edit(actor, post):
        raise PermissionDenied(_("You can't change this."))
    data = _validate(data)
    if data.organisation != post.organisation:
        _check_poster(actor, data.organisation)
    previous_text = f"{post.title}\n{post.body}"
    side = post.side
    _apply(post, data)
    post.side = side
    post.edited_at = timezone.now()
    post.save()
    post.topics.set(list(data.topics))
    _after_publish(post, previous_text=previous_text)
    return post


@transaction.atomic
def offer_withdraw(*, post: Offer, actor: User) -> Offer:
    """Take a post down: it leaves lists, search and matches; only its author still sees it."""
    if not permissions.can_withdraw(actor, post):
        raise PermissionDenied(_("You can't withdraw this."))
    post.status = Status.WITHDRAWN
    post.save(update_fields=["status", "updated_at"])
    _after_publish_quietly(post)
    return post


def _after_publish_quietly(post: Offer) -> None:
    from groundswell.offers import searching, tasks

    pk = post.pk

    def run() -> None:
        searching.index_offer(pk)
        tasks.refresh_matches.enqueue(pk)

    transaction.on_commit(run)


@transaction.atomic
def response_create(
    *,
    post: Offer,
    helper: User,
    message: str,
    submission_key: uuid.UUID | None = None,
    check_limit: bool = True,
) -> Response:
    """Someone says "I can help" (or, on an offer, "I'm interested"): one Response per person
    and post, and a first message to the poster (or the organisation's inbox) in messages. Saying
    it twice returns the first. Posting is consent to be written to about the post, so the
    message goes even when the two are not connected (apps.py registers the contact permit);
    blocks still refuse."""
    existing = Response.objects.filter(post=post, helper=helper).first()
    if existing is not None:
        return existing
    refusal = permissions.response_refusal(helper, post)
    if refusal is not None:
        raise PermissionDenied(refusal)
    text = clean_text(message or "")
    if not text:
        raise ValidationError({"message": _("Write a few words to introduce yourself.")})
    if len(text) > 2000:
        raise ValidationError({"message": _("Keep it to 2,000 characters or fewer.")})
    if check_limit:
        check_rate(f"offer-response:user:{helper.pk}", *RESPONSE_LIMIT)
    locked = Offer.objects.select_for_update().get(pk=post.pk)
    response = Response(post=locked, helper=helper, message=text)
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:  # the same person at the same moment, twice
        return Response.objects.get(post=post, helper=helper)
    to = (
        messaging.Recipient(organisation=post.organisation)
        if post.organisation is not None
        else messaging.Recipient(person=post.author)
    )
    intro = (
        _("About your need “%(title)s”:") if post.is_need else _("About your offer “%(title)s”:")
    ) % {"title": post.title}
    try:
        sent = messaging.message_start(
            sender=helper, to=to, body=f"{intro}\n\n{text}", submission_key=submission_key
        )
    except messaging.NotAllowed as exc:
        raise PermissionDenied(str(exc)) from exc
    response.conversation_id = sent.conversation_id
    response.save(update_fields=["conversation"])
    Offer.objects.filter(pk=post.pk).update(response_count=F("response_count") + 1)
    response_id = response.pk
    transaction.on_commit(lambda: notifying.response_created(response_id))
    return response


@transaction.atomic
def offer_mark_matched(*, post: Offer, actor: User, response: Response) -> Offer:
    """The poster chose who it was matched with (one of the people who replied). People who
    follow the post are told, after commit."""
    if not permissions.can_mark_matched(actor, post):
        raise PermissionDenied(_("You can't change this."))
    if response.post_id != post.pk:
        raise ValidationError({"response": _("Choose one of the people who replied.")})
    post.status = Status.MATCHED
    post.matched_response = response
    post.matched_at = timezone.now()
    post.save(update_fields=["status", "matched_response", "matched_at", "updated_at"])
    _after_publish_quietly(post)
    pk = post.pk
    transaction.on_commit(lambda: notifying.status_changed(pk))
    return post


@transaction.atomic
def offer_mark_done(
    *, post: Offer, actor: User, thanks: str = "", response: Response | None = None
) -> Offer:
    """Mark it done, with a thank-you for whoever helped (told to them; they may choose to show
    it). `response` names the helper when it was not matched first. People who follow the post
    are told, after commit."""
    if not permissions.can_mark_done(actor, post):
        raise PermissionDenied(_("You can't change this."))
    text = clean_text(thanks or "")
    if len(text) > 1000:
        raise ValidationError({"thanks": _("Keep the thank-you to 1,000 characters or fewer.")})
    if response is not None:
        if response.post_id != post.pk:
            raise ValidationError({"response": _("Choose one of the people who replied.")})
        post.matched_response = response
        post.matched_at = post.matched_at or timezone.now()
    if text and post.matched_response_id is None:
        raise ValidationError({"response": _("Choose who to thank.")})
    post.status = Status.DONE
    post.done_at = timezone.now()
    post.thanks = text
    post.save(
        update_fields=[
            "status",
            "done_at",
            "thanks",
            "matched_response",
            "matched_at",
            "updated_at",
        ]
    )
    _after_publish_quietly(post)
    pk = post.pk
    transaction.on_commit(lambda: notifying.post_done(pk))
    transaction.on_commit(lambda: notifying.status_changed(pk))
    return post


@transaction.atomic
def thanks_set_shown(*, post: Offer, helper: User, shown: bool) -> Offer:
    """The helper shows (or hides) the thanks they were given on their offers page."""
    if (
        post.matched_response is None
        or post.matched_response.helper_id != helper.pk
        or not post.thanks
    ):
        raise PermissionDenied(_("There is no thank-you to you here."))
    post.thanks_shown = shown
    post.save(update_fields=["thanks_shown", "updated_at"])
    return post


def _organisers_for(place: Place) -> list[int]:
    """Organisers who look after this place or a place above it."""
    return list(
        OrganiserPlace.objects.filter(place__path__in=_ancestor_paths(place.path)).values_list(
            "user_id", flat=True
        )
    )


def _org_admins_for(topic_ids: list[int], place: Place) -> list[int]:
    """Owners and admins of active organisations that work on one of these topics and serve the
    place (or say nothing about where they work)."""
    if not topic_ids:
        return []
    paths = _ancestor_paths(place.path)
    orgs = (
        Organisation.objects.filter(status="active", topics__in=topic_ids)
        .filter(Q(places__isnull=True) | Q(places__path__in=paths))
        .values("id")
    )
    return list(
        Membership.objects.filter(organisation__in=orgs, role__in=MANAGING_ROLES)
        .values_list("user_id", flat=True)
        .distinct()
    )


def _ancestor_paths(path: str) -> list[str]:
    parts = [p for p in path.strip("/").split("/") if p]
    return [f"/{'/'.join(parts[: i + 1])}/" for i in range(len(parts))]


def needs_surface_unanswered(*, now: dt.datetime | None = None) -> dict[str, int]:
    """The scheduled job: needs open OFFERS_UNANSWERED_DAYS days with nobody offering help are
    marked surfaced (once: `surfaced_at`) and shown to the organisers of their place and the
    admins of organisations that work on their topics. Safe to run twice or on two servers."""
    from groundswell.accounts.models import User

    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.OFFERS_UNANSWERED_DAYS)
    due = list(
        Offer.objects.filter(
            side=Side.NEED,
            status=Status.OPEN,
            is_hidden=False,
            surfaced_at__isnull=True,
            response_count=0,
            created_at__lte=cutoff,
        )
        .select_related("place")
        .order_by("id")[:500]
    )
    surfaced = told = 0
    for need in due:
        with transaction.atomic():
            claimed = Offer.objects.filter(pk=need.pk, surfaced_at__isnull=True).update(
                surfaced_at=now
            )
            if not claimed:
                continue
            surfaced += 1
            topic_ids = list(need.topics.values_list("id", flat=True))
            people = set(_organisers_for(need.place)) | set(_org_admins_for(topic_ids, need.place))
            people.discard(need.author_id)
            for person in User.objects.filter(pk__in=people, is_active=True):
                if notifying.need_surfaced(person, need):
                    told += 1
    return {"surfaced": surfaced, "told": told}


def export_for(user: Any) -> list[dict[str, Any]]:
    """ "Download my data": the person's own offers and needs, with what they said on others'."""
    rows: list[dict[str, Any]] = []
    for post in Offer.objects.filter(author=user).select_related("place", "organisation"):
        rows.append(
            {
                "what": post.side,
                "title": post.title,
                "body": post.body,
                "category": post.category,
                "place": post.place.name,
                "posted_as": post.organisation.name if post.organisation else "",
                "availability": post.availability_label,
                "reach": post.reach_label,
                "audience": post.audience,
                "status": post.status,
                "thanks_given": post.thanks,
                "created_at": post.created_at.isoformat(),
            }
        )
    for response in Response.objects.filter(helper=user).select_related("post"):
        rows.append(
            {
                "what": "reply",
                "title": response.post.shown_title,
                "body": response.message,
                "created_at": response.created_at.isoformat(),
            }
        )
    return rows


def erase_for_user(user: Any) -> None:
    """On account deletion: the person's posts go (their content items with them), and so do
    their replies; a post they were matched with stays, without them."""
    Response.objects.filter(helper=user).delete()
    for post in Offer.objects.filter(author=user):
        post.delete()
