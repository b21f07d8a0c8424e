from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from groundswell.assets import permissions, selectors, services
from groundswell.assets.forms import (
    AssetFilterForm,
    AssetForm,
    ClaimForm,
    GiftForm,
    opening_times_formset,
)
from groundswell.assets.models import Asset, ClaimRequest, ClaimStatus, OpeningTime
from groundswell.assets.wiring import LIST_SCOPE
from groundswell.core.cards import card
from groundswell.core.formerrors import add_errors
from groundswell.core.http import AuthenticatedHttpRequest
from groundswell.core.pagecache import cache_for_anonymous
from groundswell.core.ratelimit import RateLimited, rate_limited_response
from groundswell.follows.selectors import is_blocked
from groundswell.messaging import services as messaging_services
from groundswell.messaging.forms import MessageForm
from groundswell.organisations.models import Organisation
from groundswell.safeguarding.services import review_text
from groundswell.trust.ratelimit import rate_limit

CARD_TEMPLATE = "assets/_card.html"


def _map_url() -> str:
    """The map's address once the map helper's url exists; "" before (the link is left out)."""
    try:
        return reverse("assets:map")
    except NoReverseMatch:
        return ""


@cache_for_anonymous(scopes=(LIST_SCOPE,))
def asset_list(request: HttpRequest) -> HttpResponse:
    form = AssetFilterForm(request.GET or None)
    qs = form.apply(Asset.objects.visible_to(request.user))
    page = selectors.asset_page(qs, request.GET.get("page"))
    query = {k: v for k, v in request.GET.items() if k != "page" and v}
    # Cards from this process's store (core/cards.py): members never get the page cache, and
    # rendering 25 cards was the largest part of their page.
    card_html = [
        card(CARD_TEMPLATE, "asset", asset, to_attr=selectors.LIST_CARD_LISTS)
        for asset in page.items
    ]
    response = render(
        request,
        "assets/list.html",
        {
            "form": form,
            "page": page,
            "cards": card_html,
            "query": urlencode(query),
            "map_url": _map_url(),
            "can_add": permissions.can_add(request.user),
        },
    )
    if form.filters.get("open") == "now":
        # "Open now" changes with the clock, not with a write: never a stored copy.
        patch_cache_control(response, private=True)
    return response


def asset_detail(request: HttpRequest, slug: str) -> HttpResponse:
    asset = permissions.get_asset_for_user(request.user, slug)
    can_edit = permissions.can_edit(request.user, asset)
    pending_claim = None
    if request.user.is_authenticated and not can_edit:
        pending_claim = ClaimRequest.objects.filter(
            asset=asset, user=request.user, status=ClaimStatus.PENDING
        ).first()
    return render(
        request,
        "assets/detail.html",
        {
            "asset": asset,
            **selectors.detail_asset(asset),
            "can_edit": can_edit,
            "can_claim": permissions.can_claim(request.user, asset) and pending_claim is None,
            "pending_claim": pending_claim,
            "map_url": _map_url(),
        },
    )


def _times_from(formset: Any) -> list[Any]:
    return [row for row in (form.to_input() for form in formset.forms) if row is not None]


def _times_initial(asset: Asset) -> list[dict[str, Any]]:
    return [
        {"weekday": t.weekday, "opens": t.opens, "closes": t.closes, "note": t.note}
        for t in OpeningTime.objects.filter(asset=asset)
    ]


def _save(
    request: AuthenticatedHttpRequest,
    form: Any,
    formset: Any,
    *,
    asset: Asset | None,
) -> Asset | None:
    """Validate both, call the service, and put its errors next to the fields."""
    form_ok = form.is_valid()
    times_ok = formset.is_valid()
    if not (form_ok and times_ok):
        return None
    data = form.to_input(_times_from(formset))
    try:
        if asset is None:
            return services.asset_create(
                actor=request.user,
                data=data,
                submission_key=form.cleaned_data.get("submission_key"),
            )
        return services.asset_update(asset=asset, actor=request.user, data=data)
    except ValidationError as exc:
        add_errors(form, exc)
    return None


@never_cache
@login_required
def asset_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = permissions.organisations_managed_by(request.user)
    if request.method == "POST":
        form = AssetForm(request.POST, organisations=organisations)
        formset = opening_times_formset(request.POST)
        try:
            asset = _save(request, form, formset, asset=None)
        except RateLimited as exc:
            return rate_limited_response(request, exc)
        if asset is not None:
            messages.success(
                request, _("%(name)s is on the map now. Thank you.") % {"name": asset.name}
            )
            return redirect("assets:detail", slug=asset.slug)
    else:
        # The organisers' gap view links here with the place and topic nobody serves yet.
        initial = {"place": request.GET.get("place"), "topics": request.GET.getlist("topics")}
        form = AssetForm(organisations=organisations, initial=initial)
        formset = opening_times_formset()
    return render(
        request,
        "assets/form.html",
        {"form": form, "formset": formset, "asset": None, "gift": False},
    )


@never_cache
@login_required
def gift_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = GiftForm(request.POST)
        formset = opening_times_formset(request.POST)
        try:
            asset = _save(request, form, formset, asset=None)
        except RateLimited as exc:
            return rate_limited_response(request, exc)
        if asset is not None:
            messages.success(request, _("Your gift is listed. Thank you for offering it."))
            return redirect("assets:detail", slug=asset.slug)
    else:
        form = GiftForm()
        formset = opening_times_formset()
    return render(
        request, "assets/form.html", {"form": form, "formset": formset, "asset": None, "gift": True}
    )


@never_cache
@login_required
def asset_edit(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    asset = permissions.get_editable_asset(request.user, slug)
    keep = {"keep_place": asset.place, "keep_topics": list(asset.topics.all())}
    form: Any
    if asset.is_gift:
        initial: dict[str, Any] = {
            "name": asset.name,
            "description": asset.description,
            "place": asset.place,
            "topics": keep["keep_topics"],
            "accessibility": asset.accessibility,
            "shown_as": asset.shown_as,
            "audience": asset.audience,
        }
        form = GiftForm(request.POST or None, initial=initial, editing=True, **keep)
    else:
        location = asset.locations.filter(source="").first() or asset.locations.first()
        # The organisations they run, and the one it has now (kept when its owner edits).
        organisations = Organisation.objects.filter(
            Q(pk__in=permissions.managed_organisation_ids(request.user))
            | Q(pk=asset.organisation_id)
        ).order_by("name")
        initial = {
            "kind": asset.kind,
            "name": asset.name,
            "description": asset.description,
            "place": asset.place,
            "topics": keep["keep_topics"],
            "organisation": asset.organisation,
            "audience": asset.audience,
            "contact_email": asset.contact_email,
            "contact_phone": asset.contact_phone,
            "website": asset.website,
            "accessibility": asset.accessibility,
        }
        if location is not None:
            initial.update(
                location_name=location.name,
                address_1=location.address_1,
                city=location.city,
                postcode=location.postcode,
                latitude=location.latitude,
                longitude=location.longitude,
            )
        form = AssetForm(request.POST or None, initial=initial, organisations=organisations, **keep)
    if request.method == "POST":
        formset = opening_times_formset(request.POST)
        saved = _save(request, form, formset, asset=asset)
        if saved is not None:
            messages.success(request, _("Saved. Thank you for keeping it up to date."))
            return redirect("assets:detail", slug=saved.slug)
    else:
        formset = opening_times_formset(initial=_times_initial(asset))
    return render(
        request,
        "assets/form.html",
        {"form": form, "formset": formset, "asset": asset, "gift": asset.is_gift},
    )


@require_POST
@login_required
def asset_review(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    asset = permissions.get_editable_asset(request.user, slug)
    services.asset_review(asset=asset, actor=request.user)
    messages.success(request, _("Thank you: marked as checked today."))
    return redirect("assets:detail", slug=asset.slug)


@require_POST
@login_required
def asset_withdraw(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    asset = permissions.get_editable_asset(request.user, slug)
    if request.POST.get("restore"):
        services.asset_restore(asset=asset, actor=request.user)
        messages.success(request, _("It is listed again."))
    else:
        services.asset_withdraw(asset=asset, actor=request.user)
        messages.success(
            request, _("Withdrawn. It no longer shows in the list, search, the map or exports.")
        )
    return redirect("assets:detail", slug=asset.slug)


def _gift_message_refusal(user: Any, asset: Asset) -> str | None:
    """Why this person may not write to the person behind this gift, in words that never
    name them; None when they may."""
    if asset.owner_id == user.pk:
        return _("This is your own gift. Other members write to you from this page.")
    owner = asset.owner
    if owner is None or not owner.is_active or is_blocked(user, owner):
        return _("You can't send a message about this gift.")
    return None


@never_cache
@login_required
@rate_limit("message")
def gift_message(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """Write to the person behind a gift without learning who they are from the gift's page:
    the only link to them is this address, which names the gift, never the person."""
    asset = permissions.get_asset_for_user(request.user, slug)
    if not asset.is_gift or not asset.is_published:
        raise Http404("No such gift")
    refusal = _gift_message_refusal(request.user, asset)
    form = MessageForm(
        request.POST or None,
        initial={
            "body": _("Hello, I saw your gift “%(name)s” on the community map.")
            % {"name": asset.name}
            + " "
        },
    )
    if request.method == "POST" and refusal is None and form.is_valid():
        assert asset.owner is not None  # noqa: S101 (checked by _gift_message_refusal)
        try:
            message = messaging_services.message_start(
                sender=request.user,
                to=messaging_services.Recipient(person=asset.owner),
                body=form.cleaned_data["body"],
                submission_key=form.cleaned_data.get("submission_key"),
            )
        except RateLimited as exc:
            return rate_limited_response(request, exc)
        except messaging_services.NotAllowed:
            # Messaging's own words may name the person: say it without them.
            refusal = _("You can't send a message about this gift.")
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            url = reverse("messaging:conversation", args=[message.conversation_id])
            if review_text(message.body).shows_support:
                # Help lines first, as after any message with words of crisis.
                return redirect(f"{url}?sent={message.pk}#support")
            return redirect(f"{url}#message-{message.pk}")
    return render(
        request,
        "assets/message.html",
        {"asset": asset, "form": form, "refusal": refusal},
        status=403 if refusal else 200,
    )


@never_cache
@login_required
def asset_claim(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    asset = permissions.get_asset_for_user(request.user, slug)
    if not permissions.can_claim(request.user, asset):
        raise PermissionDenied
    organisations = permissions.organisations_managed_by(request.user)
    form = ClaimForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            services.asset_claim_request(
                asset=asset,
                user=request.user,
                organisation=form.cleaned_data.get("organisation"),
                message=form.cleaned_data["message"],
                submission_key=form.cleaned_data.get("submission_key"),
            )
        except RateLimited as exc:
            return rate_limited_response(request, exc)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Thank you. A moderator or local organiser will check and let you know."),
            )
            return redirect("assets:detail", slug=asset.slug)
    return render(request, "assets/claim.html", {"asset": asset, "form": form})


@never_cache
@login_required
def claims(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Staff: the claims waiting in the places this person looks after (or all, moderators)."""
    if not permissions.can_decide_claims(request.user):
        raise Http404("Not found")
    pending = (
        permissions.claims_decidable_by(request.user)
        .select_related("asset", "asset__place", "user", "organisation")
        .order_by("created_at", "id")[:100]
    )
    return render(request, "assets/claims.html", {"claims": pending})


@require_POST
@login_required
def claim_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_decide_claims(request.user):
        raise Http404("Not found")
    claim = get_object_or_404(ClaimRequest.objects.select_related("asset__place"), pk=pk)
    if not permissions.can_decide_claims(request.user, claim.asset):
        raise PermissionDenied
    accept = request.POST.get("decision") == "accept"
    try:
        services.asset_claim_decide(claim=claim, actor=request.user, accept=accept, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Claim accepted.") if accept else _("Claim declined."))
    return redirect("assets:claims")


@login_required
def my_assets(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "assets/mine.html", {"assets": selectors.looked_after_by(request.user)})


def _filtered_for_export(request: HttpRequest) -> Any:
    """Public assets only, whoever asks: an export is a file that travels."""
    form = AssetFilterForm(request.GET or None)
    return form.apply(Asset.objects.visible_to(None))


def _url_for(request: HttpRequest) -> Any:
    return lambda asset: request.build_absolute_uri(reverse("assets:detail", args=[asset.slug]))


def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        selectors.csv_rows(_filtered_for_export(request), _url_for(request)),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="community-assets.csv"'
    return response


def export_geojson(request: HttpRequest) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        selectors.geojson_chunks(_filtered_for_export(request), _url_for(request)),
        content_type="application/geo+json",
    )
    response["Content-Disposition"] = 'attachment; filename="community-assets.geojson"'
    return response
