from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from groundswell.accounts.models import User
from groundswell.assets import services
from groundswell.assets.models import (
    Asset,
    AssetKind,
    ClaimRequest,
    ClaimStatus,
    Location,
    OpeningTime,
)
from groundswell.assets.tests.conftest import listing_input
from groundswell.audit.models import AuditEvent
from groundswell.moderation.testing import give_totp
from groundswell.places.models import OrganiserPlace, Place

pytestmark = pytest.mark.django_db


def test_a_listing_is_created_with_its_location_and_times(listing: Asset) -> None:
    assert listing.slug == "chapel-allerton-library"
    assert listing.item.kind == "asset"
    assert listing.owner is None
    location = listing.locations.get()
    assert (location.latitude, location.longitude) == (53.829, -1.539)
    assert listing.opening_times.count() == 1


def test_double_submit_creates_one_listing(owner: User, leeds: Place) -> None:
    key = __import__("uuid").uuid4()
    first = services.asset_create(actor=owner, data=listing_input(leeds), submission_key=key)
    again = services.asset_create(actor=owner, data=listing_input(leeds), submission_key=key)
    assert first.pk == again.pk and Asset.objects.count() == 1


def test_a_listing_needs_a_way_to_get_in_touch(owner: User, leeds: Place) -> None:
    with pytest.raises(ValidationError) as exc:
        services.asset_create(actor=owner, data=listing_input(leeds, contact_phone=""))
    assert "contact_email" in exc.value.message_dict


@pytest.mark.parametrize(
    ("lat", "lon", "field"),
    [(53.8, None, "longitude"), (95.0, -1.5, "latitude"), (-1.5, 53.8, "latitude")],
)
def test_bad_coordinates_are_refused(
    owner: User, leeds: Place, lat: float | None, lon: float | None, field: str
) -> None:
    location = services.LocationInput(latitude=lat, longitude=lon)
    with pytest.raises(ValidationError) as exc:
        services.asset_create(actor=owner, data=listing_input(leeds, location=location))
    assert field in exc.value.message_dict


def test_opening_times_must_close_after_they_open(owner: User, leeds: Place) -> None:
    times = [services.OpeningTimeInput(weekday=1, opens=dt.time(17), closes=dt.time(9))]
    with pytest.raises(ValidationError) as exc:
        services.asset_create(actor=owner, data=listing_input(leeds, opening_times=times))
    assert "opening_times" in exc.value.message_dict


def test_the_database_refuses_closing_before_opening(listing: Asset) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        OpeningTime.objects.create(asset=listing, weekday=2, opens=dt.time(12), closes=dt.time(8))


def test_the_database_refuses_half_a_point() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Location.objects.create(latitude=53.0)


def test_the_database_refuses_a_gift_with_contact_details(gift: Asset) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Asset.objects.filter(pk=gift.pk).update(contact_email="me@example.org")


def test_a_gift_is_its_persons_own_with_consent_and_no_location(gift: Asset, owner: User) -> None:
    assert gift.owner == owner and gift.consent_at is not None
    assert not gift.locations.exists()
    assert gift.shown_name == "A neighbour in Leeds"


def test_a_gift_needs_consent(owner: User, leeds: Place) -> None:
    data = services.AssetInput(
        kind=AssetKind.GIFT,
        name="Gardening",
        description="I can dig.",
        place=leeds,
        shown_as="name",
        consent=False,
    )
    with pytest.raises(ValidationError) as exc:
        services.asset_create(actor=owner, data=data)
    assert "consent" in exc.value.message_dict


def test_withdrawing_a_gift_hides_it_everywhere(gift: Asset, owner: User, member: User) -> None:
    assert Asset.objects.visible_to(member).filter(pk=gift.pk).exists()
    services.asset_withdraw(asset=gift, actor=owner)
    assert not Asset.objects.visible_to(member).filter(pk=gift.pk).exists()


def test_only_the_person_looking_after_it_may_withdraw(listing: Asset, member: User) -> None:
    with pytest.raises(PermissionDenied):
        services.asset_withdraw(asset=listing, actor=member)


def _organiser_for(organiser: User, place: Place) -> User:
    give_totp(organiser)
    OrganiserPlace.objects.create(user=organiser, place=place)
    from groundswell.core.staff import grant_staff_powers

    grant_staff_powers(organiser)
    return organiser


def test_an_accepted_claim_makes_the_claimant_owner_and_is_audited(
    listing: Asset, member: User, organiser: User, leeds: Place
) -> None:
    claim = services.asset_claim_request(asset=listing, user=member, message="I run it")
    decider = _organiser_for(organiser, leeds)
    services.asset_claim_decide(claim=claim, actor=decider, accept=True)
    listing.refresh_from_db()
    claim.refresh_from_db()
    assert listing.owner == member and claim.status == ClaimStatus.ACCEPTED
    assert AuditEvent.objects.filter(action=services.AUDIT_CLAIM_ACCEPTED).exists()
    listing.last_reviewed_at = None
    services.asset_review(asset=listing, actor=member)
    assert listing.last_reviewed_at is not None


def test_a_member_cannot_decide_claims(listing: Asset, member: User, outsider: User) -> None:
    claim = services.asset_claim_request(asset=listing, user=member, message="Mine")
    with pytest.raises(PermissionDenied):
        services.asset_claim_decide(claim=claim, actor=outsider, accept=True)


def test_one_pending_claim_per_person(listing: Asset, member: User) -> None:
    services.asset_claim_request(asset=listing, user=member, message="Mine")
    with pytest.raises(ValidationError):
        services.asset_claim_request(asset=listing, user=member, message="Mine again")
    assert ClaimRequest.objects.count() == 1


def test_stale_listings_remind_their_owner_once(
    listing: Asset, member: User, settings: object
) -> None:
    Asset.objects.filter(pk=listing.pk).update(
        owner=member, last_reviewed_at=timezone.now() - dt.timedelta(days=400)
    )
    assert services.asset_remind_stale() == {"reminded": 1}
    assert services.asset_remind_stale() == {"reminded": 0}
    from groundswell.notifications.models import Notification

    assert Notification.objects.filter(recipient=member).count() == 1
    listing.refresh_from_db()
    assert listing.is_stale


def test_erasure_removes_gifts_and_unowns_listings(
    gift: Asset, listing: Asset, owner: User, member: User
) -> None:
    Asset.objects.filter(pk=listing.pk).update(owner=owner)
    services.member_erase(user=owner)
    assert not Asset.objects.filter(pk=gift.pk).exists()
    listing.refresh_from_db()
    assert listing.owner is None and listing.created_by is None
