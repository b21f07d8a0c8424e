"""Following, connections and blocks: thin views over permissions, services and selectors."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groundswell.core.http import AuthenticatedHttpRequest
from groundswell.follows import permissions, registry, selectors, services
from groundswell.follows.forms import NetworkSettingsForm
from groundswell.follows.models import ConnectionStatus


def _back(request: AuthenticatedHttpRequest, fallback: str) -> HttpResponse:
    """Back to the page the button was on (a local address only), else `fallback`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


@login_required
def feed(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = selectors.following_feed(request.user, cursor=request.GET.get("after"))
    next_url = "?" + urlencode({"after": page.next_cursor}) if page.next_cursor else None
    # Only an empty page says which message to show ("nothing new" or "you follow nothing").
    follows_anything = not page.items and selectors.follows_anything(request.user)
    return render(
        request,
        "follows/feed.html",
        {"page": page, "next_url": next_url, "follows_anything": follows_anything},
    )


@login_required
def manage(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What you follow, and who follows you (shown to you alone)."""
    return render(
        request,
        "follows/manage.html",
        {
            "follows": selectors.follows_of(request.user),
            "followers": selectors.followers_of(request.user),
        },
    )


def _button_response(
    request: AuthenticatedHttpRequest, entry: registry.Followable, target: Any
) -> HttpResponse:
    if request.htmx:  # type: ignore[attr-defined]
        return render(
            request,
            "follows/_follow_button.html",
            {
                "entry": entry,
                "target": target,
                "lookup": entry.lookup_of(target),
                "target_name": entry.name(target),
                "following": selectors.is_following(request.user, entry.key, target.pk),
                "next": request.POST.get("next", ""),
            },
        )
    return _back(request, entry.url(target))


@require_POST
@login_required
def follow(request: AuthenticatedHttpRequest, kind: str, lookup: str) -> HttpResponse:
    entry = registry.get(kind)
    target = entry.get_for_user(request.user, lookup)
    try:
        services.follow_create(follower=request.user, kind=kind, target=target)
    except services.NotAllowed as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("You are following %(name)s.") % {"name": entry.name(target)})
    return _button_response(request, entry, target)


@require_POST
@login_required
def unfollow(request: AuthenticatedHttpRequest, kind: str, lookup: str) -> HttpResponse:
    entry = registry.get(kind)
    if kind == services.PERSON:
        # Unfollowing must work even when their profile no longer shows anything.
        target: Any = permissions.get_member_by_handle(request.user, lookup)
    else:
        target = entry.get_for_user(request.user, lookup)
    services.follow_delete(follower=request.user, kind=kind, target_id=target.pk)
    messages.success(request, _("You no longer follow %(name)s.") % {"name": entry.name(target)})
    return _button_response(request, entry, target)


@require_POST
@login_required
def follower_remove(request: AuthenticatedHttpRequest, handle: str) -> HttpResponse:
    person = permissions.get_member_by_handle(request.user, handle)
    services.follower_remove(user=request.user, follower=person)
    messages.success(request, _("%(name)s no longer follows you.") % {"name": person.public_name})
    return redirect("follows:manage")


@login_required
def connections(request: AuthenticatedHttpRequest) -> HttpResponse:
    incoming, outgoing = selectors.requests_for(request.user)
    return render(
        request,
        "follows/connections.html",
        {
            "connections": selectors.connections_of(request.user),
            "incoming": incoming,
            "outgoing": outgoing,
            "INCOMING": [("accept", _("Accept")), ("decline", _("Decline"))],
            "CONNECTED": [("remove", _("Remove connection"))],
            "OUTGOING": [("withdraw", _("Withdraw request"))],
        },
    )


@login_required
def person_connections(request: AuthenticatedHttpRequest, handle: str) -> HttpResponse:
    """Someone's connections, when their setting lets this viewer see them; 404 otherwise."""
    person = permissions.get_person_for_user(request.user, handle)
    if not permissions.can_see_network(request.user, person):
        raise Http404("No such page")
    return render(
        request,
        "follows/person_connections.html",
        {"person": person, "connections": selectors.connections_of(person)},
    )


CONNECTION_ACTIONS = ("request", "accept", "decline", "withdraw", "remove")


@require_POST
@login_required
def connection_action(request: AuthenticatedHttpRequest, handle: str, action: str) -> HttpResponse:
    if action not in CONNECTION_ACTIONS:
        raise Http404("No such action")
    user = request.user
    if action == "request":
        person = permissions.get_person_for_user(user, handle)
    else:
        person = permissions.get_member_by_handle(user, handle)
    name = {"name": person.public_name}
    try:
        if action == "request":
            conn = services.connection_request(sender=user, recipient=person)
            if conn.status == ConnectionStatus.ACCEPTED:
                messages.success(request, _("You are connected with %(name)s.") % name)
            else:
                messages.success(request, _("We asked %(name)s to connect with you.") % name)
        elif action == "accept":
            services.connection_accept(user=user, other=person)
            messages.success(request, _("You are connected with %(name)s.") % name)
        elif action == "decline":
            services.connection_decline(user=user, other=person)
            messages.success(
                request, _("You declined %(name)s's request. They are not told.") % name
            )
        elif action == "withdraw":
            services.connection_withdraw(user=user, other=person)
            messages.success(request, _("You withdrew your request to %(name)s.") % name)
        else:
            services.connection_remove(user=user, other=person)
            messages.success(request, _("You are no longer connected with %(name)s.") % name)
    except services.NotAllowed as refused:
        messages.error(request, str(refused))
    return _back(request, "follows:connections")


@login_required
def blocks(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request, "follows/blocks.html", {"blocked": selectors.blocked_people(request.user)}
    )


@require_POST
@login_required
def block(request: AuthenticatedHttpRequest, handle: str) -> HttpResponse:
    person = permissions.get_member_by_handle(request.user, handle)
    services.block_create(blocker=request.user, blocked=person)
    messages.success(
        request,
        _(
            "You blocked %(name)s. They can't follow you, connect with you or see your "
            "profile while signed in. They are not told."
        )
        % {"name": person.public_name},
    )
    return redirect("follows:blocks")


@require_POST
@login_required
def unblock(request: AuthenticatedHttpRequest, handle: str) -> HttpResponse:
    person = permissions.get_member_by_handle(request.user, handle)
    services.block_delete(blocker=request.user, blocked=person)
    messages.success(request, _("You unblocked %(name)s.") % {"name": person.public_name})
    return _back(request, "follows:blocks")


@login_required
def network_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    current = selectors.settings_for(request.user)
    initial = {
        "who_can_follow": current.who_can_follow,
        "connections_visible_to": current.connections_visible_to,
    }
    form = NetworkSettingsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.network_settings_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your choices are saved."))
        return redirect("follows:settings")
    return render(request, "follows/settings.html", {"form": form})
