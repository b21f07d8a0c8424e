"""Who may see, post, change and answer offers and needs: plain predicates for pages and the API.

- Everyone sees what `Offer.objects.visible_to` allows (the one rule); the author also sees
  their own withdrawn or hidden posts. Anyone else gets a 404 for those.
- Members with a verified email address post, as themselves or as an organisation they may post
  for (organisations.permissions.can_post_as).
- The author (or, for an organisation's post, whoever may post as it) edits, withdraws, chooses
  who it was matched with and marks it done.
- Any other signed-in member with a verified email says "I can help" (or "I'm interested") once,
  unless either of them blocked the other; an organisation's own people answer its posts from its
  inbox instead.
- Organisers see the needs waiting for help in their places; moderators everywhere.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from groundswell.accounts.permissions import has_verified_email
from groundswell.core.staff import has_staff_powers, is_moderator
from groundswell.follows.selectors import is_blocked
from groundswell.offers.models import Offer, Status
from groundswell.organisations.models import MANAGING_ROLES, Membership, Organisation
from groundswell.organisations.permissions import can_manage, can_post_as
from groundswell.places.models import PlaceQuerySet
from groundswell.places.permissions import can_manage_any_place, is_organiser_or_admin
from groundswell.places.permissions import places_managed_by as _places_managed_by


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_post(user: Any) -> bool:
    return _signed_in(user) and has_verified_email(user)


def is_author(user: Any, post: Offer) -> bool:
    """The person who posted it, or, for an organisation's post, whoever may post as it."""
    if not _signed_in(user):
        return False
    if post.organisation_id is not None and post.organisation is not None:
        return post.author_id == user.pk or can_post_as(user, post.organisation)
    return post.author_id == user.pk


def can_edit(user: Any, post: Offer) -> bool:
    return is_author(user, post) and post.status in (Status.OPEN, Status.MATCHED)


def can_withdraw(user: Any, post: Offer) -> bool:
    return is_author(user, post) and post.status != Status.WITHDRAWN


def can_mark_matched(user: Any, post: Offer) -> bool:
    return is_author(user, post) and post.status == Status.OPEN and not post.is_hidden


def can_mark_done(user: Any, post: Offer) -> bool:
    return is_author(user, post) and post.status in (Status.OPEN, Status.MATCHED)


def response_refusal(user: Any, post: Offer) -> str | None:
    """Why `user` may not say "I can help" with this post, in plain words; None when they may."""
    if not _signed_in(user):
        return _("Sign in to offer help.")
    if not has_verified_email(user):
        return _("Please verify your email address first. Check your inbox for the link.")
    if is_author(user, post):
        return _("This is your own post.")
    if post.organisation is not None and can_manage(user, post.organisation):
        return _("You answer this organisation's messages from its inbox.")
    if post.status != Status.OPEN or post.is_hidden:
        return _("This is no longer open.")
    if is_blocked(user, post.author):
        return _("You can't reply to this post.")
    return None


def can_respond(user: Any, post: Offer) -> bool:
    return response_refusal(user, post) is None


def contact_refusal(*, author: Any, organisation: Organisation | None) -> str | None:
    """Why nobody could reach the poster about a new post; None when they can. People answer a
    post through messages: to the person, or to the organisation's inbox, which its owner and
    admins read."""
    if organisation is not None:
        if not organisation.is_active:
            return _("This organisation is no longer active on the site.")
        answered = Membership.objects.filter(
            organisation=organisation, role__in=MANAGING_ROLES, user__is_active=True
        ).exists()
        if not answered:
            return _(
                "Nobody can answer %(name)s's messages yet: it needs an owner or admin first, "
                "so people who reply can hear back."
            ) % {"name": organisation.name}
        return None
    if not _signed_in(author) or not has_verified_email(author):
        return _(
            "People reply to offers and needs by message, and we tell you by email. Please "
            "verify your email address first."
        )
    return None


def get_offer_for_user(user: Any, pk: int) -> Offer:
    """The post if `user` may see it (404 otherwise: a hidden or withdrawn post is only its
    author's to know of)."""
    qs = Offer.objects.select_related("author", "place", "organisation")
    post = qs.filter(pk=pk).first()
    if post is None:
        raise Http404("No such offer or need")
    if Offer.objects.visible_to(user).filter(pk=pk).exists():
        return post
    if is_author(user, post):
        return post
    raise Http404("No such offer or need")


def can_see_waiting(user: Any) -> bool:
    """The "needs waiting for help" screen: moderators, organisers and administrators acting
    with their powers (a two-step-verified session)."""
    return has_staff_powers(user) or can_manage_any_place(user)


def can_see_waiting_link(user: Any) -> bool:
    """Who sees the screen in the staff menu (the page itself checks the session's powers)."""
    return is_moderator(user) or is_organiser_or_admin(user)


def waiting_scope(user: Any) -> Q | None:
    """Which surfaced needs `user` looks after: None for all (moderators), or a Q on Offer."""
    if has_staff_powers(user):
        return None
    places: PlaceQuerySet = _places_managed_by(user)
    return Q(place__in=places)
