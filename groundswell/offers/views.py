from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from groundswell.accounts.models import User
from groundswell.accounts.permissions import get_profile_for_user
from groundswell.core.cards import card
from groundswell.core.formerrors import add_errors
from groundswell.core.http import AuthenticatedHttpRequest, verify_email_first
from groundswell.core.marks import SharedMarks, slot
from groundswell.core.pagecache import cache_for_anonymous
from groundswell.core.ratelimit import RateLimited, rate_limited_response
from groundswell.follows.selectors import has_blocked
from groundswell.moderation import services as moderation_services
from groundswell.offers import member_page, permissions, selectors, services
from groundswell.offers.forms import (
    DoneForm,
    FilterForm,
    MatchForm,
    OfferForm,
    ReportForm,
    ResponseForm,
    initial_for,
)
from groundswell.offers.models import Side
from groundswell.organisations.permissions import orgs_user_can_post_as
from groundswell.places.models import Place
from groundswell.topics.models import Topic

CARD_TEMPLATE = "offers/_card.html"

# How a suggestion's reasons (matching.REASONS) read on a page.
REASON_LABELS = {
    "topic": gettext_lazy("shared topics"),
    "place": gettext_lazy("nearby"),
    "time": gettext_lazy("times fit"),
    "category": gettext_lazy("the same kind of help"),
    "online": gettext_lazy("online or by phone"),
}


def _needs_verified_email(request: HttpRequest) -> HttpResponse | None:
    return None if permissions.can_post(request.user) else verify_email_first(request)


@cache_for_anonymous(scopes=member_page.LIST_SCOPES)
def offer_list(request: HttpRequest) -> HttpResponse:
    # Signed-in members share one copy per address and version (member_page.py).
    if member_page.is_eligible(request):
        response = member_page.serve(request, _render_shared_list)
        if response is not None:
            return response
    return render(request, "offers/list.html", _list_context(request))


def _render_shared_list(request: HttpRequest) -> str:
    """The list as every signed-in member sees it, with slots for what differs (member_page.py):
    the header's counts, the CSRF token and the CSP nonce."""
    context = _list_context(request) | {
        "marks": SharedMarks(),
        "csrf_token": slot(member_page.CSRF_SLOT),
        "csp_nonce": slot(member_page.NONCE_SLOT),
        "messages": (),
    }
    return render_to_string("offers/list.html", context, request)


def _list_context(request: HttpRequest) -> dict[str, Any]:
    form = FilterForm(request.GET or None)
    filters = selectors.OfferFilters()
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        filters = selectors.OfferFilters(
            side=d["side"],
            category=d["category"],
            topic=Topic.objects.filter(slug=d["topic"]).first() if d["topic"] else None,
            place=Place.objects.filter(slug=d["place"]).first() if d["place"] else None,
            status=d["status"],
        )
    page = selectors.offer_page(request.user, filters, request.GET.get("after"))
    query = {k: v for k, v in request.GET.items() if k != "after" and v}
    # Cards from this process's store (core/cards.py): rendering 20 of them was a third of the
    # page's time when it was rendered for every member.
    card_html = [card(CARD_TEMPLATE, "post", post, to_attr=("card_topics",)) for post in page.items]
    return {
        "form": form,
        "page": page,
        "cards": card_html,
        "filters": filters,
        "query": urlencode(query),
    }


def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = permissions.get_offer_for_user(request.user, pk)
    user = request.user
    is_author = permissions.is_author(user, post)
    suggestions = (
        selectors.suggestions_for(post, user) if user.is_authenticated and is_author else []
    )
    context = {
        "post": post,
        "topics": list(post.topics.all()),
        "is_author": is_author,
        "can_edit": permissions.can_edit(user, post),
        "can_withdraw": permissions.can_withdraw(user, post),
        "can_mark_done": permissions.can_mark_done(user, post),
        "can_respond": permissions.can_respond(user, post),
        "my_response": selectors.my_response(post, user),
        "responses": selectors.responses_for(post) if is_author else [],
        "match_form": MatchForm(post=post) if permissions.can_mark_matched(user, post) else None,
        "suggestions": suggestions,
        "reason_labels": REASON_LABELS,
        "thanks_is_mine": bool(
            user.is_authenticated
            and post.matched_response is not None
            and post.matched_response.helper_id == user.pk
        ),
    }
    return render(request, "offers/detail.html", context)


def _form_for(request: AuthenticatedHttpRequest, **kwargs: object) -> OfferForm:
    return OfferForm(
        request.POST if request.method == "POST" else None,
        organisations=orgs_user_can_post_as(request.user),
        **kwargs,  # type: ignore[arg-type]
    )


@never_cache
@login_required
def offer_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    refused = _needs_verified_email(request)
    if refused is not None:
        return refused
    side = request.GET.get("side")
    initial = {"side": side} if side in Side.values else {}
    form = OfferForm(
        request.POST if request.method == "POST" else None,
        organisations=orgs_user_can_post_as(request.user),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            post = services.offer_create(
                author=request.user,
                data=form.to_input(),
                submission_key=form.cleaned_data.get("submission_key"),
            )
        except RateLimited as exc:
            return rate_limited_response(request, exc)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            if post.is_hidden:
                messages.info(request, _("Thank you. A moderator will check it before it shows."))
            else:
                messages.success(
                    request,
                    _("Your need is posted.") if post.is_need else _("Your offer is posted."),
                )
            return redirect("offers:detail", pk=post.pk)
    return render(request, "offers/form.html", {"form": form, "post": None})


@never_cache
@login_required
def offer_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = permissions.get_offer_for_user(request.user, pk)
    if not permissions.can_edit(request.user, post):
        raise PermissionDenied
    topics = list(post.topics.values_list("pk", flat=True))
    form = OfferForm(
        request.POST if request.method == "POST" else None,
        organisations=orgs_user_can_post_as(request.user),
        initial=initial_for(post),
        keep_place=post.place,
        keep_topics=topics,
        editing=True,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_update(post=post, actor=request.user, data=form.to_input(side=post.side))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("offers:detail", pk=post.pk)
    return render(request, "offers/form.html", {"form": form, "post": post})


@require_POST
@login_required
def offer_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = permissions.get_offer_for_user(request.user, pk)
    if not permissions.can_withdraw(request.user, post):
        raise PermissionDenied
    services.offer_withdraw(post=post, actor=request.user)
    messages.success(request, _("Withdrawn. Only you can see it now."))
    return redirect("offers:mine")


@never_cache
@login_required
def offer_respond(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """ "I can help" (or "I'm interested"): a first message to the poster, in messages."""
    post = permissions.get_offer_for_user(request.user, pk)
    existing = selectors.my_response(post, request.user)
    if existing is not None:
        return _to_conversation(existing)
    refusal = permissions.response_refusal(request.user, post)
    if refusal is not None:
        raise PermissionDenied(refusal)
    form = ResponseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            response = services.response_create(
                post=post,
                helper=request.user,
                message=form.cleaned_data["message"],
                submission_key=form.cleaned_data.get("submission_key"),
            )
        except RateLimited as exc:
            return rate_limited_response(request, exc)
        except ValidationError as exc:
            add_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or _("You can't reply to this post."))
        else:
            messages.success(
                request,
                _("Your message is sent. You can carry on the conversation here."),
            )
            return _to_conversation(response)
    return render(request, "offers/respond.html", {"form": form, "post": post})


def _to_conversation(response: object) -> HttpResponse:
    conversation_id = getattr(response, "conversation_id", None)
    if conversation_id is None:
        return redirect("offers:detail", pk=getattr(response, "post_id", 0))
    return redirect("messaging:conversation", pk=conversation_id)


@require_POST
@login_required
def offer_matched(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = permissions.get_offer_for_user(request.user, pk)
    if not permissions.can_mark_matched(request.user, post):
        raise PermissionDenied
    form = MatchForm(request.POST, post=post)
    if form.is_valid():
        services.offer_mark_matched(
            post=post, actor=request.user, response=form.cleaned_data["response"]
        )
        messages.success(request, _("Marked as matched."))
    else:
        messages.error(request, _("Choose who is helping."))
    return redirect("offers:detail", pk=post.pk)


@never_cache
@login_required
def offer_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = permissions.get_offer_for_user(request.user, pk)
    if not permissions.can_mark_done(request.user, post):
        raise PermissionDenied
    form = DoneForm(request.POST if request.method == "POST" else None, post=post)
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_mark_done(
                post=post,
                actor=request.user,
                thanks=form.cleaned_data.get("thanks", ""),
                response=form.cleaned_data.get("response"),
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Marked as done. Thank you for letting people know."))
            return redirect("offers:detail", pk=post.pk)
    return render(request, "offers/done.html", {"form": form, "post": post})


@require_POST
@login_required
def thanks_show(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = permissions.get_offer_for_user(request.user, pk)
    shown = request.POST.get("shown") == "1"
    services.thanks_set_shown(post=post, helper=request.user, shown=shown)
    messages.success(
        request,
        _("The thank-you now shows on your offers page.")
        if shown
        else _("The thank-you is no longer shown."),
    )
    return redirect("offers:detail", pk=post.pk)


@never_cache
@login_required
def offer_report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    post = permissions.get_offer_for_user(request.user, pk)
    if permissions.is_author(request.user, post):
        raise PermissionDenied
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        moderation_services.report_create(
            reporter=request.user,
            reason=form.cleaned_data["reason"],
            details=form.cleaned_data["details"],
            item_id=post.item_id,
        )
        messages.success(
            request,
            _(
                "Thank you. A moderator will look at this. The person who posted it won't know "
                "who reported it."
            ),
        )
        return redirect("offers:detail", pk=post.pk)
    return render(request, "offers/report.html", {"form": form, "post": post})


@never_cache
@login_required
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "offers/mine.html",
        {
            "posts": selectors.mine(request.user),
            "thanks": selectors.thanks_for(request.user, request.user, shown_only=False),
        },
    )


def person(request: HttpRequest, handle: str) -> HttpResponse:
    """A member's open offers and the thanks they chose to show. Every profile links here, so
    with nothing to show it says so, to whoever may see their profile; anyone else gets a 404
    (a name alone is not a page), as does someone they blocked."""
    someone = User.objects.filter(handle=handle, is_active=True).first()
    if someone is None or has_blocked(someone, request.user):
        raise Http404("No such member")
    offers = selectors.open_by(someone, request.user)
    thanks = selectors.thanks_for(someone, request.user)
    if not offers and not thanks:
        # The profile's own rule decides (404 when it shows this viewer nothing).
        get_profile_for_user(request.user, handle)
    return render(
        request, "offers/person.html", {"person": someone, "offers": offers, "thanks": thanks}
    )


@never_cache
@login_required
def waiting(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Organisers and moderators: needs that have waited with nobody offering help."""
    if not permissions.can_see_waiting(request.user):
        raise Http404("Not found")
    qs = selectors.with_card_data(selectors.waiting_needs(request.user).order_by("created_at"))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "offers/waiting.html", {"page": page})
