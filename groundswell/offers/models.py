"""Offers and needs: what members and organisations can give, and what they are looking for.

One model, `Offer`, with `side` saying which (an offer or a need): both are matched on the same
fields (category, topics, place, availability, reach), are moderated, searched and followed the
same way, and differ only in the words around them. Each has its row in the content layer
(content.models.ContentItem), registered as one kind, "offer" (content.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from groundswell.content.models import (
    Audience,
    ContentItem,
    WithItemsQuerySet,
)
from groundswell.moderation.models import HELD_CAUSES, Hideable

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from groundswell.accounts.models import User
    from groundswell.places.models import Place
    from groundswell.topics.models import Topic


class Side(models.TextChoices):
    OFFER = "offer", _("Offer")
    NEED = "need", _("Need")


class Category(models.TextChoices):
    SKILLS = "skills", _("Skills")
    TIME = "time", _("Time")
    SPACE = "space", _("Space")
    EQUIPMENT = "equipment", _("Equipment")
    KNOWLEDGE = "knowledge", _("Knowledge")
    LIVED_EXPERIENCE = "lived_experience", _("Lived experience")
    LIFTS = "lifts", _("Lifts")
    COMPANY = "company", _("Company")


class Reach(models.TextChoices):
    """How it can be given or received."""

    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online or by phone only")
    EITHER = "either", _("In person, online or by phone")


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    MATCHED = "matched", _("Matched")
    DONE = "done", _("Done")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Availability is two small bit sets, so two posts overlap when their bits meet (matching.py):
# days Monday (bit 0) to Sunday (bit 6), and parts of the day. 0 means "any" (flexible).
DAYS = (
    (0, _("Mondays")),
    (1, _("Tuesdays")),
    (2, _("Wednesdays")),
    (3, _("Thursdays")),
    (4, _("Fridays")),
    (5, _("Saturdays")),
    (6, _("Sundays")),
)
TIMES = ((0, _("Mornings")), (1, _("Afternoons")), (2, _("Evenings")))
ALL_DAYS = 0b1111111
ALL_TIMES = 0b111
TRAVEL_KM_MAX = 100

# Visible statuses: a withdrawn post is only ever its author's.
LISTED_STATUSES = (Status.OPEN, Status.MATCHED, Status.DONE)


def bits_to_list(bits: int, size: int) -> list[int]:
    return [i for i in range(size) if bits & (1 << i)]


def list_to_bits(values: list[int] | list[str]) -> int:
    bits = 0
    for value in values:
        bits |= 1 << int(value)
    return bits


class OfferQuerySet(WithItemsQuerySet):
    item_kind = "offer"

    def listed(self) -> OfferQuerySet:
        """Shown in lists and pages: not withdrawn, not hidden by a moderator."""
        return self.filter(status__in=LISTED_STATUSES, is_hidden=False)

    def visible_to(self, user: User | AnonymousUser | None) -> OfferQuerySet:
        """THE rule: listed, and members-only posts only for signed-in members. Pages, search,
        the API, matches, notifications and feeds all read this."""
        qs = self.listed()
        if user is None or not user.is_authenticated:
            qs = qs.filter(audience=Audience.PUBLIC)
        return qs

    def offers(self) -> OfferQuerySet:
        return self.filter(side=Side.OFFER)

    def needs(self) -> OfferQuerySet:
        return self.filter(side=Side.NEED)

    def in_place(self, place: Place) -> OfferQuerySet:
        return self.filter(place__path__startswith=place.path)

    def in_topic(self, topic: Topic) -> OfferQuerySet:
        return self.filter(topics=topic)


class Offer(Hideable):
    # Its row in the content layer: reports, moderation decisions, appeals, follows of it,
    # notifications and search documents point at it.
    item = models.OneToOneField(
        "content.ContentItem", on_delete=models.CASCADE, related_name="offer", editable=False
    )
    side = models.CharField(max_length=5, choices=Side.choices)
    category = models.CharField(max_length=20, choices=Category.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="offers"
    )
    # Posted as this organisation (organisations.permissions.can_post_as); replies go to its inbox.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="offers",
    )
    title = models.CharField(max_length=120)
    body = models.TextField(max_length=2000)
    topics = models.ManyToManyField("topics.Topic", related_name="offers", blank=True)
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="offers")
    days = models.PositiveSmallIntegerField(default=0)  # bits, 0 = any day
    times = models.PositiveSmallIntegerField(default=0)  # bits, 0 = any time of day
    reach = models.CharField(max_length=10, choices=Reach.choices, default=Reach.IN_PERSON)
    # How far the person can travel (an offer) or how far someone would come (a need); null when
    # it is online or by phone only.
    travel_km = models.PositiveSmallIntegerField(null=True, blank=True)
    audience = models.CharField(max_length=8, choices=Audience.choices, default=Audience.MEMBERS)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)

    # The standard hiding fields, written only by groundswell.moderation.services.

    # Who it was matched with (one of its responses), and the thanks when it was done.
    matched_response = models.ForeignKey(
        "offers.Response", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    matched_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    thanks = models.TextField(max_length=1000, blank=True)
    # The helper chose to show the thanks on their offers page.
    thanks_shown = models.BooleanField(default=False)

    response_count = models.PositiveIntegerField(default=0)
    # When the unanswered-needs job showed it to organisers (once; services.needs_surface_unanswered).
    surfaced_at = models.DateTimeField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    submission_key = models.UUIDField(null=True, blank=True, editable=False)

    objects = OfferQuerySet.as_manager()

    class Meta:
        indexes = [
            # The list: newest first (keyset on id), by side, category and status.
            models.Index(fields=["is_hidden", "status", "side", "id"], name="offer_list_side_idx"),
            models.Index(fields=["is_hidden", "category", "id"], name="offer_list_cat_idx"),
            models.Index(fields=["is_hidden", "id"], name="offer_list_idx"),
            # The unanswered needs job.
            models.Index(
                fields=["side", "status", "surfaced_at", "created_at"], name="offer_unanswered_idx"
            ),
            models.Index(fields=["author", "id"], name="offer_author_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission_key"], name="offer_one_per_submission"
            ),
            models.CheckConstraint(
                condition=Q(days__gte=0, days__lte=ALL_DAYS), name="offer_days_are_a_week"
            ),
            models.CheckConstraint(
                condition=Q(times__gte=0, times__lte=ALL_TIMES), name="offer_times_are_a_day"
            ),
            models.CheckConstraint(
                condition=(Q(reach="online") & Q(travel_km__isnull=True))
                | (~Q(reach="online") & Q(travel_km__isnull=False, travel_km__lte=TRAVEL_KM_MAX)),
                name="offer_travel_fits_reach",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Every offer has its content item from the start (content.models).
        if self.item_id is None:
            self.item = ContentItem.objects.create(kind="offer", author_id=self.author_id)
        super().save(*args, **kwargs)

    @property
    def is_need(self) -> bool:
        return self.side == Side.NEED

    @property
    def is_listed(self) -> bool:
        return self.status in LISTED_STATUSES and not self.is_hidden

    @property
    def is_held_for_review(self) -> bool:
        return self.is_hidden and self.hidden_cause in HELD_CAUSES

    @property
    def byline(self) -> str:
        """The name shown on every page: the organisation's when posted as one."""
        if self.organisation_id is not None and self.organisation is not None:
            return self.organisation.name
        return self.author.public_name

    @property
    def shown_title(self) -> str:
        """A withdrawn post's words are its author's alone, staff pages included."""
        if self.status == Status.WITHDRAWN:
            return gettext("a withdrawn need") if self.is_need else gettext("a withdrawn offer")
        return self.title

    @property
    def day_list(self) -> list[int]:
        return bits_to_list(self.days, 7)

    @property
    def time_list(self) -> list[int]:
        return bits_to_list(self.times, 3)

    @property
    def availability_label(self) -> str:
        days = [str(label) for bit, label in DAYS if self.days & (1 << bit)]
        times = [str(label).lower() for bit, label in TIMES if self.times & (1 << bit)]
        when = ", ".join(days) if days else gettext("Any day")
        if times:
            when = f"{when}: {', '.join(times)}"
        return when

    @property
    def reach_label(self) -> str:
        if self.reach == Reach.ONLINE:
            return gettext("Online or by phone only")
        km = self.travel_km or 0
        base = gettext("Nearby only") if km == 0 else gettext("Up to %(km)s km away") % {"km": km}
        if self.reach == Reach.EITHER:
            return gettext("%(base)s, or online or by phone") % {"base": base}
        return base


class Response(models.Model):
    """Someone said "I can help" with a need (or "I'm interested" in an offer): one per person
    and post; it started a conversation in messages, where they talk. Contact details are never
    published."""

    post = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="responses")
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="offer_responses"
    )
    message = models.TextField(max_length=2000)
    conversation = models.ForeignKey(
        "messaging.Conversation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["post", "helper"], name="offer_response_once"),
        ]

    def __str__(self) -> str:
        return f"{self.helper_id} on {self.post_id}"


class Match(models.Model):
    """A suggested match between a need and an offer, computed in the background
    (matching.refresh_for) when either is posted or edited; shown to both sides."""

    need = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="offer_matches")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="need_matches")
    score = models.FloatField()
    # Why, in short codes the page words (matching.REASONS): "topic", "place", "time", "category".
    reasons = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [models.UniqueConstraint(fields=["need", "offer"], name="offer_match_once")]
        indexes = [models.Index(fields=["offer", "-score"], name="offer_match_offer_idx")]

    def __str__(self) -> str:
        return f"{self.need_id} ~ {self.offer_id} ({self.score:.2f})"
