"""Every change to assets, their locations, opening times and claims.

Each service a page calls runs in one transaction; search reindexing and notifications go after
it commits. A service refuses (PermissionDenied) what a view should never have offered, and raises
ValidationError with plain words, keyed by field, for what a person can fix.

The Open Referral importer writes through `asset_save_imported` and `location_save_imported`:
those take part in the caller's transaction (one per import) rather than opening their own.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from groundswell.assets import permissions, signals
from groundswell.assets.models import (
    Asset,
    AssetKind,
    AssetLocation,
    Audience,
    ClaimRequest,
    ClaimStatus,
    Location,
    OpeningTime,
    ShownAs,
    Status,
)
from groundswell.audit.services import audit_record
from groundswell.core.ratelimit import check_rate

if TYPE_CHECKING:
    from django.http import HttpRequest

    from groundswell.accounts.models import User
    from groundswell.organisations.models import Organisation
    from groundswell.places.models import Place
    from groundswell.topics.models import Topic

# Audit actions (registered with their labels in apps/wiring).
AUDIT_CLAIM_ACCEPTED = "asset_claim_accepted"
AUDIT_CLAIM_DECLINED = "asset_claim_declined"

CREATE_LIMIT = (30, 24 * 3600)  # new listings per person per day
CLAIM_LIMIT = (10, 3600)  # claims per person per hour

# Addresses under /assets/ that a slug must never take (urls.py).
RESERVED_SLUGS = {"add", "map", "gaps", "claims", "mine", "api", "export"}

# The UK with its islands (Scilly, Channel Islands' edge, Shetland), generously: a point outside
# is almost always latitude and longitude swapped or a sign dropped.
UK_BOUNDS = {"lat_min": 49.8, "lat_max": 60.95, "lon_min": -8.7, "lon_max": 1.8}


@dataclass
class OpeningTimeInput:
    weekday: int
    opens: dt.time
    closes: dt.time
    note: str = ""


@dataclass
class LocationInput:
    name: str = ""
    address_1: str = ""
    city: str = ""
    postcode: str = ""
    latitude: float | None = None
    longitude: float | None = None

    @property
    def is_empty(self) -> bool:
        return not (
            self.name or self.address_1 or self.city or self.postcode or self.latitude is not None
        )


@dataclass
class AssetInput:
    kind: str
    name: str
    description: str
    place: Place
    topics: Sequence[Topic] = ()
    organisation: Organisation | None = None
    contact_email: str = ""
    contact_phone: str = ""
    website: str = ""
    accessibility: str = ""
    audience: str = Audience.PUBLIC
    # Gifts only.
    shown_as: str = ""
    consent: bool = False
    location: LocationInput | None = None
    opening_times: Sequence[OpeningTimeInput] = field(default_factory=list)


def _unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:150].strip("-") or "asset"
    slug, n = base, 1
    taken = Asset.objects.filter(slug__startswith=base)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    existing = set(taken.values_list("slug", flat=True))
    while slug in RESERVED_SLUGS or slug in existing:
        n += 1
        slug = f"{base}-{n}"
    return slug


def check_coordinates(latitude: float | None, longitude: float | None) -> dict[str, str]:
    """Errors by field for a point: both or neither, on the globe, and inside the UK."""
    if latitude is None and longitude is None:
        return {}
    if latitude is None:
        return {"latitude": _("Give the latitude too, or leave both empty.")}
    if longitude is None:
        return {"longitude": _("Give the longitude too, or leave both empty.")}
    errors: dict[str, str] = {}
    if not -90 <= latitude <= 90:
        errors["latitude"] = _("Latitude is a number between -90 and 90.")
    if not -180 <= longitude <= 180:
        errors["longitude"] = _("Longitude is a number between -180 and 180.")
    if errors:
        return errors
    b = UK_BOUNDS
    if not (b["lat_min"] <= latitude <= b["lat_max"] and b["lon_min"] <= longitude <= b["lon_max"]):
        errors["latitude"] = _(
            "That point is outside the UK. Check the numbers are the right way round: "
            "latitude first (about 50 to 60), then longitude (about -8 to 2), "
            "for example 53.80 and -1.55 for Leeds."
        )
    return errors


def _validate(data: AssetInput, *, actor: User | None, imported: bool = False) -> None:
    errors: dict[str, Any] = {}
    if data.kind not in AssetKind.values:
        errors["kind"] = _("Choose what kind of asset it is.")
    if not data.name.strip():
        errors["name"] = _("Enter its name.")
    if not data.description.strip():
        errors["description"] = _("Say in a few words what it is and who it is for.")
    if data.kind == AssetKind.GIFT:
        if not data.consent:
            errors["consent"] = _("Tick the box to agree to your gift being listed.")
        if data.shown_as not in ShownAs.values:
            errors["shown_as"] = _("Choose how you would like to be shown.")
        if data.organisation is not None:
            errors["organisation"] = _("A gift is a person's own, not an organisation's.")
    else:
        if not imported and not (data.contact_email or data.contact_phone or data.website):
            errors["contact_email"] = _(
                "Give at least one way to get in touch: an email address, a phone number or "
                "a website."
            )
        if (
            not imported
            and data.organisation is not None
            and (
                actor is None
                or data.organisation.pk not in permissions.managed_organisation_ids(actor)
            )
        ):
            errors["organisation"] = _("You can only add listings for organisations you run.")
        if data.location is not None:
            errors.update(check_coordinates(data.location.latitude, data.location.longitude))
    for i, row in enumerate(data.opening_times):
        if row.closes <= row.opens:
            errors.setdefault("opening_times", []).append(
                _("Row %(n)s: the closing time must be after the opening time.") % {"n": i + 1}
            )
    if errors:
        raise ValidationError(errors)


def _apply(asset: Asset, data: AssetInput) -> None:
    asset.kind = data.kind
    asset.name = data.name.strip()
    asset.description = data.description.strip()
    asset.place = data.place
    asset.accessibility = data.accessibility
    asset.audience = data.audience
    if data.kind == AssetKind.GIFT:
        # A gift has no contact details of its own (messages only) and no organisation.
        asset.organisation = None
        asset.contact_email = asset.contact_phone = asset.website = ""
        asset.shown_as = data.shown_as
    else:
        asset.organisation = data.organisation
        asset.contact_email = data.contact_email
        asset.contact_phone = data.contact_phone
        asset.website = data.website
        asset.shown_as = ""
        asset.consent_at = None


def _set_location(asset: Asset, data: LocationInput | None) -> None:
    """The asset's one location as the form edits it (imported assets may have several,
    managed by the importer). A gift never has one: people's homes are never mapped."""
    if asset.kind == AssetKind.GIFT or data is None or data.is_empty:
        asset_clear_locations(asset=asset)
        return
    existing = asset.locations.filter(source="").first()
    location = existing or Location()
    location.name = data.name
    location.address_1 = data.address_1
    location.city = data.city
    location.postcode = data.postcode.upper()
    location.latitude = data.latitude
    location.longitude = data.longitude
    location.place = asset.place
    location.save()
    if existing is None:
        AssetLocation.objects.create(asset=asset, location=location)


def asset_clear_locations(*, asset: Asset) -> None:
    """Remove every location of this asset (the rows too, unless another asset shares one)."""
    location_ids = list(asset.asset_locations.values_list("location_id", flat=True))
    asset.asset_locations.all().delete()
    Location.objects.filter(pk__in=location_ids, asset_locations__isnull=True).delete()


def asset_set_opening_times(*, asset: Asset, times: Sequence[OpeningTimeInput]) -> None:
    """Replace the asset's opening times. Takes part in the caller's transaction."""
    asset.opening_times.all().delete()
    OpeningTime.objects.bulk_create(
        OpeningTime(
            asset=asset, weekday=t.weekday, opens=t.opens, closes=t.closes, note=t.note[:200]
        )
        for t in times
    )


def _after_change(asset: Asset) -> None:
    pk = asset.pk
    transaction.on_commit(lambda: signals.asset_changed.send(sender=Asset, asset_id=pk))


@transaction.atomic
def asset_create(
    *,
    actor: User,
    data: AssetInput,
    submission_key: uuid.UUID | None = None,
    check_limit: bool = True,
) -> Asset:
    """List a new asset. A gift becomes its person's own (owner = actor, consent recorded now,
    members only unless they chose otherwise); another kind is owned by nobody until claimed,
    unless it is added for an organisation the actor runs. A repeated submission_key returns the
    first asset (double submit). Limited per person unless check_limit is False (demo loader)."""
    if submission_key is not None:
        existing = Asset.objects.filter(created_by=actor, submission_key=submission_key).first()
        if existing is not None:
            return existing
    _validate(data, actor=actor)
    if check_limit:
        check_rate(f"asset-create:user:{actor.pk}", *CREATE_LIMIT)
    now = timezone.now()
    asset = Asset(created_by=actor, submission_key=submission_key, last_reviewed_at=now)
    _apply(asset, data)
    if asset.kind == AssetKind.GIFT:
        asset.owner = actor
        asset.consent_at = now
    asset.slug = _unique_slug(data.name)
    try:
        with transaction.atomic():
            asset.save()
    except IntegrityError:
        if submission_key is None:
            raise
        # A second request with the same key won the race: use its asset.
        return Asset.objects.get(created_by=actor, submission_key=submission_key)
    asset.topics.set(list(data.topics))
    _set_location(asset, data.location)
    asset_set_opening_times(asset=asset, times=data.opening_times)
    _after_change(asset)
    return asset


@transaction.atomic
def asset_update(*, asset: Asset, actor: User, data: AssetInput) -> Asset:
    """Change a listing. Saving counts as checking it (last_reviewed_at), and a gift's consent
    stays as first given. The kind cannot change between a gift and a listing."""
    if not permissions.can_edit(actor, asset):
        raise PermissionDenied(_("Only the people who look after this listing can change it."))
    if (data.kind == AssetKind.GIFT) != asset.is_gift:
        raise ValidationError({"kind": _("A gift stays a gift, and a listing stays a listing.")})
    if asset.is_gift:
        data.consent = True
    if data.organisation is not None and data.organisation.pk == asset.organisation_id:
        # Keeping the organisation it already has needs no role in it (its claimed owner).
        _validate(_without_org(data), actor=actor)
    else:
        _validate(data, actor=actor)
    name_changed = data.name.strip() != asset.name
    _apply(asset, data)
    if name_changed:
        asset.slug = _unique_slug(data.name, exclude_pk=asset.pk)
    asset.last_reviewed_at = timezone.now()
    asset.review_reminded_at = None
    asset.save()
    asset.topics.set(list(data.topics))
    _set_location(asset, data.location)
    asset_set_opening_times(asset=asset, times=data.opening_times)
    _after_change(asset)
    return asset


def _without_org(data: AssetInput) -> AssetInput:
    from dataclasses import replace

    return replace(data, organisation=None)


@transaction.atomic
def asset_review(*, asset: Asset, actor: User) -> Asset:
    """ "Still correct": the person looking after the listing confirms its details today."""
    if not permissions.can_edit(actor, asset):
        raise PermissionDenied(_("Only the people who look after this listing can check it."))
    asset.last_reviewed_at = timezone.now()
    asset.review_reminded_at = None
    asset.save(update_fields=["last_reviewed_at", "review_reminded_at", "updated_at"])
    return asset


@transaction.atomic
def asset_withdraw(*, asset: Asset, actor: User) -> Asset:
    """Take a listing down. It leaves the list, search, the map, the API and the exports at
    once (they all read Asset.objects.visible_to). A gift's consent ends with it."""
    if not permissions.can_edit(actor, asset):
        raise PermissionDenied(_("Only the people who look after this listing can withdraw it."))
    asset.status = Status.WITHDRAWN
    asset.save(update_fields=["status", "updated_at"])
    ClaimRequest.objects.filter(asset=asset, status=ClaimStatus.PENDING).update(
        status=ClaimStatus.DECLINED, decided_at=timezone.now()
    )
    _after_change(asset)
    return asset


@transaction.atomic
def asset_restore(*, asset: Asset, actor: User) -> Asset:
    """Put a withdrawn listing back (a gift asks for consent again through its form)."""
    if not permissions.can_edit(actor, asset):
        raise PermissionDenied(_("Only the people who look after this listing can restore it."))
    asset.status = Status.PUBLISHED
    fields = ["status", "updated_at"]
    if asset.is_gift:
        asset.consent_at = timezone.now()
        fields.append("consent_at")
    asset.save(update_fields=fields)
    _after_change(asset)
    return asset


@transaction.atomic
def asset_claim_request(
    *,
    asset: Asset,
    user: User,
    organisation: Organisation | None = None,
    message: str = "",
    submission_key: uuid.UUID | None = None,
) -> ClaimRequest:
    """Ask to own an unowned listing, for oneself or for an organisation one runs. One pending
    claim per person per listing; a repeated submission_key returns the first."""
    if submission_key is not None:
        existing = ClaimRequest.objects.filter(user=user, submission_key=submission_key).first()
        if existing is not None:
            return existing
    if not permissions.can_claim(user, asset):
        raise PermissionDenied(_("This listing can't be claimed."))
    if organisation is not None and organisation.pk not in permissions.managed_organisation_ids(
        user
    ):
        raise ValidationError(
            {"organisation": _("You can only claim for organisations you own or run.")}
        )
    pending = ClaimRequest.objects.filter(asset=asset, user=user, status=ClaimStatus.PENDING)
    if pending.exists():
        raise ValidationError(
            _("You have already asked to claim this listing. We will let you know the answer.")
        )
    check_rate(f"asset-claim:user:{user.pk}", *CLAIM_LIMIT)
    claim = ClaimRequest(
        asset=asset,
        user=user,
        organisation=organisation,
        message=message.strip()[:2000],
        submission_key=submission_key,
    )
    try:
        with transaction.atomic():
            claim.save()
    except IntegrityError:
        found = ClaimRequest.objects.filter(asset=asset, user=user, status=ClaimStatus.PENDING)
        return found.get()
    transaction.on_commit(lambda: signals.claim_requested.send(sender=ClaimRequest, claim=claim))
    return claim


@transaction.atomic
def asset_claim_decide(
    *, claim: ClaimRequest, actor: User, accept: bool, request: HttpRequest | None = None
) -> ClaimRequest:
    """A moderator or an organiser of the listing's place accepts or declines a claim. Accepted:
    the claimant owns the listing (and their organisation runs it, if they claimed for one), and
    other pending claims on it are declined. Recorded in the audit log."""
    claim = ClaimRequest.objects.select_for_update().select_related("asset__place").get(pk=claim.pk)
    asset = claim.asset
    if not permissions.can_decide_claims(actor, asset):
        raise PermissionDenied(_("Only moderators and organisers of its place decide claims."))
    if not claim.is_pending:
        raise ValidationError(_("This claim has already been answered."))
    now = timezone.now()
    if accept and asset.owner_id is not None:
        raise ValidationError(_("Someone already owns this listing."))
    claim.status = ClaimStatus.ACCEPTED if accept else ClaimStatus.DECLINED
    claim.decided_by = actor
    claim.decided_at = now
    claim.save(update_fields=["status", "decided_by", "decided_at"])
    if accept:
        asset.owner = claim.user
        if claim.organisation_id is not None:
            asset.organisation_id = claim.organisation_id
        asset.save(update_fields=["owner", "organisation", "updated_at"])
        ClaimRequest.objects.filter(asset=asset, status=ClaimStatus.PENDING).exclude(
            pk=claim.pk
        ).update(status=ClaimStatus.DECLINED, decided_by=actor, decided_at=now)
        _after_change(asset)
    audit_record(
        actor=actor,
        action=AUDIT_CLAIM_ACCEPTED if accept else AUDIT_CLAIM_DECLINED,
        target=asset,
        details={"asset": asset.name, "claim": claim.pk, "claimant": claim.user_id},
        request=request,
    )
    transaction.on_commit(
        lambda: signals.claim_decided.send(sender=ClaimRequest, claim=claim, actor=actor)
    )
    return claim


def stale_before() -> dt.datetime:
    return timezone.now() - dt.timedelta(days=settings.ASSETS_REVIEW_AFTER_DAYS)


def asset_remind_stale(*, limit: int = 500) -> dict[str, int]:
    """The scheduled job: tell each owner once per staleness that a listing of theirs has not
    been checked for ASSETS_REVIEW_AFTER_DAYS (review_reminded_at marks it; "Still correct" or
    an edit clears it). Idempotent: a second run finds nothing new."""
    cutoff = stale_before()
    due = (
        Asset.objects.filter(status=Status.PUBLISHED, owner__isnull=False, owner__is_active=True)
        .filter(
            Q(last_reviewed_at__lt=cutoff) | Q(last_reviewed_at__isnull=True, created_at__lt=cutoff)
        )
        .filter(review_reminded_at__isnull=True)
        .select_related("owner")
        .order_by("id")[:limit]
    )
    sent = 0
    for asset in due:
        with transaction.atomic():
            claimed = Asset.objects.filter(pk=asset.pk, review_reminded_at__isnull=True).update(
                review_reminded_at=timezone.now()
            )
            if claimed:
                signals.review_due.send(sender=Asset, asset=asset)
                sent += 1
    return {"reminded": sent}


@transaction.atomic
def member_erase(*, user: User) -> None:
    """On account deletion: their gifts go (with consent gone, nothing of them stays listed);
    listings they own become unowned; "added by" forgets them; their claims go."""
    gifts = list(Asset.objects.filter(owner=user, kind=AssetKind.GIFT))
    for gift in gifts:
        pk = gift.pk
        # Deleting the asset deletes its content item (content.registry), and with it its
        # search document, follows and reports.
        gift.delete()
        transaction.on_commit(partial(signals.asset_changed.send, sender=Asset, asset_id=pk))
    Asset.objects.filter(owner=user).update(owner=None)
    Asset.objects.filter(created_by=user).update(created_by=None, submission_key=None)
    ClaimRequest.objects.filter(user=user).delete()


# The Open Referral importer's writes: no transaction of their own (the caller holds one for the
# whole import), no permission checks (staff started it), no rate limit.


def location_save_imported(
    *, source: str, source_id: str, data: LocationInput, place: Place | None = None
) -> Location:
    """Create or update the location the publisher calls `source_id`."""
    errors = check_coordinates(data.latitude, data.longitude)
    if "longitude" in errors or (
        "latitude" in errors and not errors["latitude"].startswith(_("That point"))
    ):
        # Points off the globe or half given are dropped rather than refused: the rest is useful.
        data.latitude = data.longitude = None
    location, _created = Location.objects.update_or_create(
        source=source,
        source_id=source_id,
        defaults={
            "name": data.name[:160],
            "address_1": data.address_1[:200],
            "city": data.city[:100],
            "postcode": data.postcode.upper()[:10],
            "latitude": data.latitude,
            "longitude": data.longitude,
            "place": place,
        },
    )
    return location


def asset_save_imported(
    *,
    source: str,
    source_id: str,
    data: AssetInput,
    locations: Sequence[Location] = (),
    actor: User | None = None,
) -> tuple[Asset, bool]:
    """Create or update the asset the publisher calls `source_id` (never a gift: a register of
    services lists no one's home). Returns (asset, created). An imported listing needs no contact
    (publishers leave it out), keeps its owner if someone claimed it, and is checked as of the
    import."""
    if data.kind == AssetKind.GIFT:
        raise ValidationError({"kind": _("Imported listings are never people's gifts.")})
    _validate(data, actor=actor, imported=True)
    asset = Asset.objects.filter(source=source, source_id=source_id).first()
    created = asset is None
    if asset is None:
        asset = Asset(source=source, source_id=source_id, created_by=actor)
        asset.slug = _unique_slug(data.name)
    org = data.organisation
    _apply(asset, data)
    if org is None and not created:
        # Keep an organisation a claim set; the importer names one only when it knows it.
        asset.organisation_id = Asset.objects.filter(pk=asset.pk).values_list(
            "organisation_id", flat=True
        )[0]
    asset.last_reviewed_at = timezone.now()
    asset.save()
    asset.topics.set(list(data.topics))
    wanted = {loc.pk for loc in locations}
    asset.asset_locations.exclude(location_id__in=wanted).delete()
    have = set(asset.asset_locations.values_list("location_id", flat=True))
    AssetLocation.objects.bulk_create(
        AssetLocation(asset=asset, location_id=pk) for pk in wanted - have
    )
    if data.opening_times or not created:
        asset_set_opening_times(asset=asset, times=data.opening_times)
    _after_change(asset)
    return asset, created
