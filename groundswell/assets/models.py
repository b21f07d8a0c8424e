"""The community asset map's data: what a neighbourhood already has that keeps people well.

Six kinds of asset (AssetKind), from one person's gift or skill to a GP surgery. An asset is a
piece of content (content.models.ContentItem) so reports, moderation, follows and search reach it
through its item like any other kind.

Who may see an asset is decided in one place, `AssetQuerySet.visible_to`, and every page, the
search index, the map, the API and the exports read it.

A person's gift never has a location or contact details of its own: people's homes are never
mapped, and people are reached only through messages (the check constraints below and the
services keep it so).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from groundswell.content.models import (
    Audience,
    ContentItem,
)

# The standard hiding fields' causes belong to moderation, which hides, holds and restores
# every kind.
from groundswell.moderation.models import HELD_CAUSES, Hideable

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from groundswell.accounts.models import User
    from groundswell.places.models import Place
    from groundswell.topics.models import Topic


class AssetKind(models.TextChoices):
    GIFT = "gift", _("Gifts and skills")
    ASSOCIATION = "association", _("Groups and associations")
    INSTITUTION = "institution", _("Institutions and services")
    SPACE = "space", _("Places and spaces")
    ECONOMY = "economy", _("Local economy")
    CULTURE = "culture", _("Culture and heritage")


class Status(models.TextChoices):
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ShownAs(models.TextChoices):
    """How a person listing their own gift chose to be shown (gifts only)."""

    NAME = "name", _("My display name")
    FIRST_NAME = "first_name", _("My first name only")
    NEIGHBOUR = "neighbour", _("A neighbour in my area")


class ClaimStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


def local_now() -> datetime.datetime:
    """Now in the site's time zone (settings.TIME_ZONE): "open now" means open on a clock in
    the neighbourhood, not in UTC."""
    return timezone.localtime(timezone.now())


def gift_byline(shown_as: str, public_name: str, place_name: str) -> str:
    """How a person listing a gift is shown: their display name, its first word, or only
    "a neighbour in <place>"."""
    if shown_as == ShownAs.NAME and public_name:
        return public_name
    if shown_as == ShownAs.FIRST_NAME and public_name:
        return public_name.split()[0]
    return gettext("A neighbour in %(place)s") % {"place": place_name}


class AssetQuerySet(models.QuerySet["Asset"]):
    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[Any]:
        """Every new asset gets its content item first (save() does it one row at a time), so
        no asset is ever without one. The item's author is the person whose gift it is, or who
        added the listing."""
        objs = list(objs)
        missing = [obj for obj in objs if obj.item_id is None]
        if missing:
            items = ContentItem.objects.bulk_create(
                [ContentItem(kind="asset", author_id=obj.content_author_id) for obj in missing],
                batch_size=kwargs.get("batch_size"),
            )
            for obj, item in zip(missing, items, strict=True):
                obj.item = item
        return super().bulk_create(objs, *args, **kwargs)

    def published(self) -> AssetQuerySet:
        return self.filter(status=Status.PUBLISHED, is_hidden=False)

    def visible_to(self, user: User | AnonymousUser | None) -> AssetQuerySet:
        """THE rule for who sees an asset: published, not hidden by a moderator, and
        members-only assets (every gift, by default) only for signed-in members."""
        qs = self.published()
        if user is None or not user.is_authenticated:
            qs = qs.filter(audience=Audience.PUBLIC)
        return qs

    def of_kind(self, kind: str) -> AssetQuerySet:
        return self.filter(kind=kind)

    def in_place(self, place: Place) -> AssetQuerySet:
        """Assets in this place or any place below it (a Leeds café is "in" Yorkshire).

        A subquery on the places' materialised path rather than a join, so the database can
        walk the asset index by place id."""
        from groundswell.places.models import Place

        return self.filter(place__in=Place.objects.filter(path__startswith=place.path))

    def serving(self, topic: Topic) -> AssetQuerySet:
        through = Asset.topics.through
        return self.filter(
            Exists(through.objects.filter(asset_id=OuterRef("pk"), topic_id=topic.pk))
        )

    def open_at(self, weekday: int, at: datetime.time | None = None) -> AssetQuerySet:
        """Open on this weekday (0 = Monday), and at this time of day when given."""
        times = OpeningTime.objects.filter(asset_id=OuterRef("pk"), weekday=weekday)
        if at is not None:
            times = times.filter(opens__lte=at, closes__gt=at)
        return self.filter(Exists(times))

    def open_now(self) -> AssetQuerySet:
        now = local_now()
        return self.open_at(now.weekday(), now.time().replace(microsecond=0))

    def owned_by(self, user: User) -> AssetQuerySet:
        return self.filter(owner=user)


class Asset(Hideable):
    # The asset's row in the content layer (content.models.ContentItem): reports, follows,
    # moderation decisions, notifications and search documents point at it.
    item = models.OneToOneField(
        "content.ContentItem", on_delete=models.CASCADE, related_name="asset", editable=False
    )
    kind = models.CharField(max_length=12, choices=AssetKind.choices)
    name = models.CharField(max_length=160)
    slug = models.SlugField(max_length=180, unique=True)
    description = models.TextField(max_length=4000)
    topics = models.ManyToManyField("topics.Topic", related_name="assets", blank=True)
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="assets")
    # The organisation that runs it or owns the listing.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assets",
    )
    # The person who claimed the listing, or whose gift it is.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_assets",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The asset's own contact details; a person's gift has none (contact is by messages only).
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(max_length=300, blank=True)
    accessibility = models.TextField(max_length=2000, blank=True)
    audience = models.CharField(max_length=8, choices=Audience.choices, default=Audience.PUBLIC)
    # Gifts only: how the person chose to be shown, and when they agreed to be listed.
    shown_as = models.CharField(max_length=12, choices=ShownAs.choices, blank=True)
    consent_at = models.DateTimeField(null=True, blank=True)
    # Where the listing came from: "" when added on Groundswell, else e.g.
    # "Open Referral UK: <publisher>" with the publisher's own id in source_id.
    source = models.CharField(max_length=120, blank=True)
    source_id = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)

    # When someone last confirmed the details are right ("Still correct"), and when the owner
    # was last reminded: one reminder per staleness.
    last_reviewed_at = models.DateTimeField(null=True, blank=True)
    review_reminded_at = models.DateTimeField(null=True, blank=True)

    submission_key = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    locations = models.ManyToManyField(
        "assets.Location", through="assets.AssetLocation", related_name="assets", blank=True
    )

    objects = AssetQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            # The list: visible rows in name order, with or without a kind or a place.
            models.Index(fields=["status", "is_hidden", "name", "id"], name="asset_list_idx"),
            models.Index(
                fields=["status", "is_hidden", "kind", "name", "id"], name="asset_kind_list_idx"
            ),
            models.Index(fields=["place", "status", "is_hidden"], name="asset_place_idx"),
            models.Index(fields=["owner", "status"], name="asset_owner_idx"),
            # The review reminders' scan.
            models.Index(fields=["last_reviewed_at"], name="asset_reviewed_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["created_by", "submission_key"], name="asset_one_per_submission"
            ),
            models.UniqueConstraint(
                fields=["source", "source_id"],
                condition=~Q(source=""),
                name="asset_one_per_source_id",
            ),
            # A gift is listed only with its person's consent, shown as they chose, run by no
            # organisation and with no contact details (messages only).
            models.CheckConstraint(
                condition=~Q(kind="gift")
                | Q(
                    consent_at__isnull=False,
                    organisation__isnull=True,
                    contact_email="",
                    contact_phone="",
                    website="",
                )
                & ~Q(shown_as=""),
                name="asset_gift_consented_no_contact",
            ),
            models.CheckConstraint(
                condition=Q(kind="gift") | Q(shown_as=""), name="asset_shown_as_only_gifts"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Every asset has its content item from the start (content.models).
        if self.item_id is None:
            self.item = ContentItem.objects.create(kind="asset", author_id=self.content_author_id)
        super().save(*args, **kwargs)

    @property
    def content_author_id(self) -> int | None:
        """Who the content item names as its writer: the person whose gift it is, else the
        person who added the listing."""
        if self.kind == AssetKind.GIFT and self.owner_id is not None:
            return self.owner_id
        return self.created_by_id

    @property
    def shown_name(self) -> str:
        """Who a gift is from, as its person chose to be shown (reads owner and place: select
        them with the asset); for other kinds, the organisation that runs it, or ""."""
        if self.kind == AssetKind.GIFT:
            return gift_byline(
                self.shown_as,
                self.owner.public_name if self.owner is not None else "",
                self.place.name,
            )
        return self.organisation.name if self.organisation is not None else ""

    @property
    def is_gift(self) -> bool:
        return self.kind == AssetKind.GIFT

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED and not self.is_hidden

    @property
    def is_withdrawn(self) -> bool:
        return self.status == Status.WITHDRAWN

    @property
    def is_held_for_review(self) -> bool:
        return self.is_hidden and self.hidden_cause in HELD_CAUSES

    @property
    def is_imported(self) -> bool:
        return bool(self.source)

    @property
    def checked_at(self) -> datetime.datetime:
        """When the details were last known right: the last review, else when it was added."""
        return self.last_reviewed_at or self.created_at

    @property
    def is_stale(self) -> bool:
        """Not checked for ASSETS_REVIEW_AFTER_DAYS: the page says it may be out of date."""
        days = getattr(settings, "ASSETS_REVIEW_AFTER_DAYS", 180)
        return self.checked_at < timezone.now() - datetime.timedelta(days=days)


class Location(models.Model):
    """Where an asset is (ORUK's location). A gift never has one: people's homes are never
    mapped."""

    name = models.CharField(max_length=160, blank=True)
    address_1 = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    place = models.ForeignKey(
        "places.Place", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=120, blank=True)
    source_id = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"],
                condition=~Q(source=""),
                name="location_one_per_source_id",
            ),
            # Both coordinates or neither, and on the globe.
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="location_coordinates_pair_in_range",
            ),
        ]
        indexes = [models.Index(fields=["latitude", "longitude"], name="location_point_idx")]

    def __str__(self) -> str:
        return self.name or self.address_1 or self.postcode or f"Location {self.pk}"

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def address(self) -> str:
        return ", ".join(part for part in (self.address_1, self.city, self.postcode) if part)


class AssetLocation(models.Model):
    """An asset at a location (ORUK's service_at_location)."""

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="asset_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="asset_locations")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["asset", "location"], name="asset_location_once")
        ]

    def __str__(self) -> str:
        return f"Asset {self.asset_id} at location {self.location_id}"


class OpeningTime(models.Model):
    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="opening_times")
    weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS)
    opens = models.TimeField()
    closes = models.TimeField()
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["weekday", "opens", "id"]
        indexes = [
            # "Open now" / "open on a day": probed per asset with the weekday.
            models.Index(fields=["asset", "weekday", "opens"], name="openingtime_asset_idx"),
            models.Index(fields=["weekday", "opens", "closes"], name="openingtime_day_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")), name="openingtime_closes_after_opens"
            ),
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6), name="openingtime_weekday_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class ClaimRequest(models.Model):
    """A member asks to own an unowned listing, for themselves or an organisation they manage;
    a moderator or an organiser of its place decides."""

    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="claims")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="asset_claims"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="asset_claims",
    )
    message = models.TextField(max_length=2000, blank=True)
    status = models.CharField(
        max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    submission_key = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "created_at"], name="assetclaim_queue_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["asset", "user"],
                condition=Q(status="pending"),
                name="assetclaim_one_pending_per_person",
            ),
            models.UniqueConstraint(
                fields=["user", "submission_key"], name="assetclaim_one_per_submission"
            ),
        ]

    def __str__(self) -> str:
        return f"Claim on asset {self.asset_id} by {self.user_id} ({self.status})"

    @property
    def is_pending(self) -> bool:
        return self.status == ClaimStatus.PENDING
